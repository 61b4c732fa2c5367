/**
 * People's names as typed at the counter (domain.md 3.2, issue #16 defect 1).
 *
 * A name goes on the A4 record sent to the agency and on the receipt, so what cannot be a name is
 * refused with a message saying what looks wrong, and everything else is kept as typed, in NFC:
 *  - '?' or U+FFFD: a font or code page lost the Vietnamese letters ("Ng?y?n V?n B?nh");
 *  - mojibake: UTF-8 read as Windows-1252/Latin-1 ("NguyÃªn VÄƒn BÃ¬nh");
 *  - digits and symbols a name never holds;
 *  - Telex keys left unconverted ("Nguyeenx Vawn Binhf"), judged word by word: a word without
 *    marks that is not a Vietnamese syllable but becomes one when read as Telex. A single such word
 *    in an otherwise unmarked name is allowed ("Lee Min Ho", "Max Weber"), and foreign names
 *    (passports of other nationalities) are never judged as Telex at all.
 * Never refused: letters of any script, apostrophes (H'Mông "H'Hen"), hyphens ("Kim Jong-un"),
 * dots of initials, one-letter words ("Giàng A Páo"), names written all in capitals.
 *
 * Pure TypeScript: no platform imports.
 */
import { fail, ok, type Check } from './errors';
import { cleanText } from './text';

/** Longest name accepted (the dossier schema's limit). */
export const MAX_NAME_LENGTH = 100;

// A lead byte of a 2/3-byte UTF-8 sequence seen as Windows-1252/Latin-1, then a continuation byte
// seen the same way (0x80–0xBF as Latin-1 symbols or Windows-1252's punctuation in 0x80–0x9F).
const CONTINUATION = '\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122';
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00C6\\u00E1\\u00E2][${CONTINUATION}]`, 'u');
// Latin-1 symbols (¡ ¢ £ … ¿, × ÷) and Windows-1252 punctuation: never in a name.
const SYMBOLS = /[\u0080-\u00BF\u00D7\u00F7]/u;
// Letters, marks, and the separators of words: space, apostrophes, dot, hyphen.
const ALLOWED = /^[\p{L}\p{M}' ’ʼ.\-]+$/u;
// Vietnamese letters that carry a mark (any case): their presence shows the clerk types with marks.
const VI_MARKED = /[ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/iu;

// ---------------------------------------------------------------------------------------------
// Vietnamese syllables and Telex
// ---------------------------------------------------------------------------------------------

const INITIALS = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?';
// Vowel nuclei with their glides, by base letter (tone marks removed, ă â ê ô ơ ư kept).
const NUCLEI = [
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'iêu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'oo',
  'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'uya', 'uyê', 'uôi', 'ươi', 'ươu', 'yê', 'yêu',
  'oai', 'oay', 'oao', 'oeo', 'uây', 'uyu', 'uay',
].sort((a, b) => b.length - a.length);
const FINALS = '(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${INITIALS}(?:${NUCLEI.join('|')})${FINALS}$`, 'u');

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** The syllable without its tone, with its vowel letters (ă â ê ô ơ ư) and đ. */
function baseOf(word: string): string {
  return word.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
}

/** True for one Vietnamese syllable (with or without marks), lower case. */
export function isVietnameseSyllable(word: string): boolean {
  return SYLLABLE.test(baseOf(word.toLowerCase()));
}

const TONE_KEYS: Readonly<Record<string, string>> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const DOUBLE: Readonly<Record<string, string>> = { aa: 'â', ee: 'ê', oo: 'ô', dd: 'đ', aw: 'ă', ow: 'ơ', uw: 'ư' };

/** Only words of ASCII letters can hold Telex keys. */
const ASCII_WORD = /^[A-Za-z]+$/;

/**
 * The word as Unikey's Telex would have turned it (lower case ASCII in): aa ee oo dd aw ow uw and
 * a lone w (→ ư), then one final tone key s f r x j put on the syllable's main vowel.
 * Returns null when no Telex key is in the word.
 */
export function readAsTelex(word: string): string | null {
  if (!ASCII_WORD.test(word)) return null;
  let w = word.toLowerCase();
  let changed = false;
  let tone: string | null = null;
  const last = w[w.length - 1]!;
  // A tone key ends the word and a vowel comes before it (a tone key is no vowel, so the word is tested whole).
  if (TONE_KEYS[last] !== undefined && /[aeiouyw]/.test(w)) {
    tone = TONE_KEYS[last]!;
    w = w.slice(0, -1);
    changed = true;
  }
  w = w.replace(/aa|ee|oo|dd|aw|ow|uw/g, (m) => {
    changed = true;
    return DOUBLE[m]!;
  });
  // "uow" → ươ (Telex puts the horn on both).
  w = w.replace(/uơ/g, 'ươ').replace(/w/g, () => {
    changed = true;
    return 'ư';
  });
  if (!changed) return null;
  if (tone) {
    // The tone goes on the vowel with a hat or horn if any (the second of ươ: "trường"), else on the
    // last vowel of the nucleus before a final consonant (or the first of two vowels at the end).
    const chars = [...w];
    let at = chars.findLastIndex((c) => /[ăâêôơư]/.test(c));
    if (at < 0) {
      // Never empty: a vowel of the word that no double turned into ă â ê ô ơ ư is still there.
      const vowels = chars.map((c, i) => (/[aeiouy]/.test(c) ? i : -1)).filter((i) => i >= 0);
      at = vowels.length >= 2 && vowels[vowels.length - 1] === chars.length - 1 ? vowels[vowels.length - 2]! : vowels[vowels.length - 1]!;
    }
    chars[at] = (chars[at]! + tone).normalize('NFC');
    w = chars.join('');
  }
  return w;
}

/** The Telex reading of a word that only makes sense as Telex; null for a word that is fine as it is. */
function telexLeftover(word: string): string | null {
  // Stryker disable next-line ConditionalExpression: a shortcut; readAsTelex answers null for the same words, after the syllable check this spares (two normalisations)
  if (!ASCII_WORD.test(word)) return null;
  if (isVietnameseSyllable(word)) return null;
  const t = readAsTelex(word);
  return t !== null && isVietnameseSyllable(t) ? t : null;
}

/** Restores the word's capital (for the message's suggestion). */
function likeCase(original: string, converted: string): string {
  return original[0] === original[0]!.toUpperCase() ? converted[0]!.toUpperCase() + converted.slice(1) : converted;
}

export interface NameOptions {
  /** A foreign citizen's name (passport of another nationality): not judged as Telex. */
  foreign?: boolean;
  /** What the message calls the field ('Họ và tên', 'Họ tên người nhận'). */
  label?: string;
}

/** The name cleaned (NFC, spaces) or the reason it cannot be a person's name. */
export function checkPersonName(input: string, options: NameOptions = {}): Check<string> {
  const label = options.label ?? 'Họ và tên';
  const v = cleanText(input);
  if (v.length === 0) return fail('name.empty', `Chưa nhập ${label.toLowerCase()}.`);
  if (v.length > MAX_NAME_LENGTH) return fail('name.length', `${label} quá dài (tối đa ${MAX_NAME_LENGTH} ký tự).`);
  if (/[?\uFFFD]/u.test(v)) {
    return fail('name.question_mark', `${label} có dấu “?” thay cho chữ: phông chữ hoặc bộ gõ đã làm mất chữ có dấu. Hãy gõ lại tên bằng bộ gõ tiếng Việt (Unicode).`);
  }
  const moji = MOJIBAKE.exec(v);
  if (moji) {
    return fail('name.mojibake', `${label} bị lỗi bảng mã (có “${moji[0]}” thay cho một chữ có dấu), thường do dán từ tệp sai bảng mã. Hãy gõ lại tên.`);
  }
  if (/\p{N}/u.test(v)) return fail('name.digits', `${label} không được có chữ số.`);
  const sym = SYMBOLS.exec(v);
  if (sym || !ALLOWED.test(v)) {
    const bad = sym?.[0] ?? [...v].find((c) => !ALLOWED.test(c)) ?? '';
    return fail('name.chars', `${label} có ký tự “${bad}” không dùng trong tên người.`);
  }
  if (!/\p{L}/u.test(v)) return fail('name.no_letter', `${label} phải có chữ cái.`);
  if (!options.foreign) {
    // One separator at a time: the empty words between two of them are neither Telex nor marked.
    const words = v.split(/[ '’ʼ.\-]/u);
    const leftovers = words.map((w) => [w, telexLeftover(w)] as const).filter((x): x is readonly [string, string] => x[1] !== null);
    const marked = words.some((w) => VI_MARKED.test(w));
    if (leftovers.length >= 2 || (leftovers.length === 1 && marked)) {
      const shown = leftovers.map(([w, t]) => `“${w}” (${likeCase(w, t)}?)`).join(', ');
      return fail('name.telex', `${label} có vẻ còn phím gõ Telex chưa chuyển thành dấu: ${shown}. Hãy bật bộ gõ tiếng Việt và gõ lại.`);
    }
  }
  return ok(v);
}
