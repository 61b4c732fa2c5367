/**
 * Vietnamese text: NFC for storage, one folding function for search (domain.md 3.2).
 *
 * Input arrives from Unikey (Telex/VNI; "Unicode dựng sẵn" = NFC or "Unicode tổ hợp" = NFD),
 * copy/paste from PDFs and Word (NBSP, zero-width characters) and legacy data (the deprecated
 * Vietnamese tone marks U+0340/U+0341, Latin Eth 'Ð' typed for 'Đ'). All of it folds to the same key.
 */

/** Unicode NFC, the only form stored. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

// Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible and never meaningful in a name.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/gu;

/** NFC, invisible characters removed, trimmed, every run of whitespace (incl. NBSP, tabs, newlines) → one space. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * False when `s` holds half of a UTF-16 surrogate pair: no real text does, it cannot be encoded as
 * UTF-8, and PostgreSQL refuses it in JSON; so it is refused at the door, on the counter and the hub.
 */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

export function cleanText(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

// đ/Đ do not decompose; legacy data also uses Eth (U+00D0/U+00F0) and African D (U+0189/U+0256) for it.
const D_LIKE = /[\u0110\u0111\u00d0\u00f0\u0189\u0256]/gu;

/**
 * Search key: lowercase, all tone and vowel marks dropped (ă â ê ô ơ ư → a a e o o u), đ → d,
 * whitespace cleaned as in `cleanText`. Works the same on NFC, NFD and mixed input.
 * 'Giấy phép lái xe' → 'giay phep lai xe'; 'ĐỖ' → 'do'.
 */
export function foldVi(s: string): string {
  // The common case (Latin letters, Vietnamese precomposed letters, ASCII whitespace) character by
  // character from a table the full folding below made itself; anything else takes the full path.
  // A first pull folds every party's name and address: this is several times faster.
  const table = foldTable ?? (foldTable = buildFoldTable());
  let out = '';
  // Stryker disable next-line BooleanLiteral: the fast table is a cache of foldViFull: a space before the first word is never written (out is empty), so starting in the space state changes nothing
  let space = false;
  // Stryker disable next-line EqualityOperator,UpdateOperator: the fast table is a cache of foldViFull: a step outside the string reads NaN, which no table entry answers, so the string takes the full path with the same result
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the fast table is a cache of foldViFull: an index past the table reads undefined either way, and undefined sends the string to the full path
    const f = c < table.length ? table[c] : undefined;
    // Stryker disable next-line ConditionalExpression: the fast table is a cache of foldViFull: sending every string to the full path gives the same result, only slower
    if (f === undefined) return foldViFull(s);
    if (f === WS) space = true;
    else if (f !== '') {
      if (space && out !== '') out += ' ';
      space = false;
      out += f;
    }
  }
  return out;
}

/** Marks a whitespace character in the folding table (a run of them becomes one space, none at the ends). */
const WS = ' ';
let foldTable: (string | undefined)[] | null = null;

/**
 * For each code unit of U+0000–U+024F and U+1E00–U+1EFF (Vietnamese precomposed letters), what
 * `foldViFull` makes of it alone, when that is plain ASCII without whitespace: folding such text
 * character by character gives exactly what folding it whole gives (no decomposition or case mapping
 * there spans two characters). Whitespace and the invisible soft hyphen get their own marks; every
 * other character (combining marks, other scripts, surrogates) is absent: its string takes the full path.
 */
function buildFoldTable(): (string | undefined)[] {
  // Stryker disable next-line ArrayDeclaration: the fast table is a cache of foldViFull: a shorter table only sends more strings to the full path, with the same result
  const table: (string | undefined)[] = new Array<string | undefined>(0x1f00).fill(undefined);
  // Stryker disable next-line BlockStatement: the fast table is a cache of foldViFull: leaving an entry out only sends its strings to the full path, with the same result
  const consider = (c: number): void => {
    const ch = String.fromCharCode(c);
    // Stryker disable next-line Regex,ConditionalExpression: the fast table is a cache of foldViFull: a whitespace character the table misses takes the full path, which cleans whitespace the same way
    if (/^\s$/u.test(ch)) {
      table[c] = WS;
      return;
    }
    // Stryker disable next-line Regex,ConditionalExpression,LogicalOperator,BooleanLiteral: the fast table is a cache of foldViFull: the entries kept are the ones whose folding alone equals the folding in context (tested on every code unit and on letter pairs); an entry left out only takes the full path
    if (/^[\x21-\x7e]*$/.test(foldViFull(ch)) && !/\p{M}/u.test(ch)) table[c] = foldViFull(ch);
  };
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the fast table is a cache of foldViFull: fewer entries in this range only send more strings to the full path, with the same result
  for (let c = 0; c <= 0x24f; c++) consider(c);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the fast table is a cache of foldViFull: fewer entries in this range only send more strings to the full path, with the same result
  for (let c = 0x1e00; c <= 0x1eff; c++) consider(c);
  return table;
}

/** The folding by its definition (normalisation and regular expressions): `foldVi` for any input. */
export function foldViFull(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(D_LIKE, 'd')
    .toLowerCase()
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Folded words (letters and digits) of `s`, in order, duplicates kept. */
export function foldedTokens(s: string): string[] {
  return foldVi(s)
    .split(/[^\p{L}\p{N}]/u)
    .filter((t) => t.length > 0);
}
