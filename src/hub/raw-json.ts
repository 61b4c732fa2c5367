/**
 * The push request's own JSON text, reused for storage instead of re-serialising what was parsed.
 *
 * A push body is ~400 kB of JSON, and almost all of it is stored again: each accepted dossier
 * record, event and ledger entry goes into a `json` column as it came. Re-serialising the validated
 * objects (JSON.stringify) and encoding the result to UTF-8 for the driver cost the hub's event loop
 * ~1.7 ms per 500-op push; walking the body's bytes once to find where each op's stored parts lie
 * costs ~1 ms (measured on the sync bench's bodies), and those byte ranges then go to PostgreSQL as
 * they are, in a binary json[] (JsonArray).
 *
 * What is stored must be exactly what was validated. The validated objects come from JSON.parse of
 * the very same bytes (which are used only if they are valid UTF-8, so that decoding them lost nothing),
 * and the zod schemas of the stored parts are strict and transform nothing (a test walks them to
 * keep it so). Three ways in which a slice could still differ from the validated value are checked,
 * and any op whose slice fails a check is stored by JSON.stringify of its validated value, as before:
 * - a duplicated key (JSON.parse keeps the last value; the slice would carry the first one too, never
 *   validated): the slice's count of `:` outside strings must equal the validated value's count of
 *   keys;
 * - a number not written as a plain integer (`1e3`, `1.0`, `-0`): SQL reading the column must find
 *   the same digits as JSON.stringify would write (every number in these schemas is an integer);
 * - a structural key of the body written with an escape (`"\u0065vent"`): JSON.parse decodes it,
 *   the byte walk does not; the whole body then takes the old path.
 * Whitespace and string escapes (`\u00e9` for `é`) are kept as sent: same JSON value.
 */

/**
 * A `json[]` parameter whose elements are UTF-8 JSON texts (a slice of the request, or a
 * serialisation). node-postgres sends it in the binary array format (`toPostgres` returns a Buffer,
 * which it binds as binary), so that each element reaches json_recv as it is: validated once, no
 * array literal to escape and parse. db.ts gives PGlite the texts as a plain array.
 */
export class JsonArray {
  constructor(readonly items: Buffer[]) {}

  toPostgres(): Buffer {
    return this.binary();
  }

  /** PostgreSQL's binary array format: 1 dimension, no nulls, element type json (oid 114). */
  binary(): Buffer {
    let size = 20;
    for (const it of this.items) size += 4 + it.length;
    const out = Buffer.allocUnsafe(size);
    out.writeInt32BE(1, 0);
    out.writeInt32BE(0, 4);
    out.writeInt32BE(114, 8);
    out.writeInt32BE(this.items.length, 12);
    out.writeInt32BE(1, 16);
    let at = 20;
    for (const it of this.items) {
      out.writeInt32BE(it.length, at);
      at += 4 + it.copy(out, at + 4);
    }
    return out;
  }

  texts(): string[] {
    return this.items.map((it) => it.toString('utf8'));
  }
}

/** Where an op's stored parts lie in the body, with what the checks need. */
export interface RawPart {
  start: number;
  end: number;
  /** `:` outside strings: one per key of every object inside. */
  colons: number;
  /** A number that is not a plain integer (`.`, `e`, `E`, or `-0`). */
  oddNumber: boolean;
}

export interface RawOp {
  payload?: RawPart;
  dossier?: RawPart;
  event?: RawPart;
  entry?: RawPart;
}

/** The request body's bytes and the stored parts of each of its ops, in request order. */
export interface RawBody {
  bytes: Buffer;
  ops: RawOp[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;

/** The keys the walk looks for; any other key is null. */
const KEYS = (['ops', 'payload', 'dossier', 'event', 'entry'] as const).map((name) => ({ name, bytes: Buffer.from(name) }));
type Key = (typeof KEYS)[number]['name'] | null;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

class Malformed extends Error {}

/** A byte walk over JSON text already accepted by JSON.parse; anything unexpected throws Malformed. */
class Walker {
  i = 0;
  colons = 0;
  oddNumber = false;
  constructor(readonly b: Uint8Array) {}

  space(): void {
    const b = this.b;
    let i = this.i;
    while (i < b.length && isSpace(b[i]!)) i++;
    this.i = i;
  }

  expect(c: number): void {
    this.space();
    if (this.b[this.i] !== c) throw new Malformed();
    this.i++;
  }

  /** True (and consumed) if the next non-space byte is `c`. */
  take(c: number): boolean {
    this.space();
    if (this.b[this.i] !== c) return false;
    this.i++;
    return true;
  }

  /** The next key of an object, compared with the keys that matter; an escaped key throws. */
  key(): Key {
    this.space();
    const b = this.b;
    if (b[this.i] !== QUOTE) throw new Malformed();
    const start = ++this.i;
    let i = start;
    for (;;) {
      if (i >= b.length) throw new Malformed();
      const c = b[i]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) throw new Malformed();
      i++;
    }
    this.i = i + 1;
    this.expect(COLON);
    for (const k of KEYS) {
      if (k.bytes.length !== i - start) continue;
      let j = 0;
      while (j < k.bytes.length && k.bytes[j] === b[start + j]) j++;
      if (j === k.bytes.length) return k.name;
    }
    return null;
  }

  /** Skips one value, counting `:` and odd numbers on the way. */
  skip(): void {
    this.space();
    const b = this.b;
    const n = b.length;
    let i = this.i;
    let depth = 0;
    let colons = 0;
    let odd = false;
    do {
      if (i >= n) throw new Malformed();
      const c = b[i]!;
      if (c === QUOTE) {
        i++;
        for (;;) {
          if (i >= n) throw new Malformed();
          const d = b[i]!;
          if (d === QUOTE) break;
          i += d === BACKSLASH ? 2 : 1;
        }
        i++;
      } else if (c === LBRACE || c === LBRACKET) {
        depth++;
        i++;
      } else if (c === RBRACE || c === RBRACKET) {
        depth--;
        i++;
      } else if (c === COLON) {
        colons++;
        i++;
      } else if (c === COMMA || isSpace(c)) {
        i++;
      } else if (c === MINUS || (c >= 0x30 && c <= 0x39)) {
        const start = i;
        while (i < n) {
          const d = b[i]!;
          if (d === MINUS || (d >= 0x30 && d <= 0x39)) i++;
          else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b) {
            odd = true;
            i++;
          } else break;
        }
        if (c === MINUS && i - start === 2 && b[start + 1] === 0x30) odd = true;
      } else {
        // true, false, null
        while (i < n && b[i]! >= 0x61 && b[i]! <= 0x7a) i++;
      }
    } while (depth > 0);
    if (depth < 0) throw new Malformed();
    this.i = i;
    this.colons += colons;
    this.oddNumber ||= odd;
  }

  /** Skips one value and returns its range and check data. */
  part(): RawPart {
    this.space();
    const start = this.i;
    this.colons = 0;
    this.oddNumber = false;
    this.skip();
    return { start, end: this.i, colons: this.colons, oddNumber: this.oddNumber };
  }

  /** Walks an object's members, calling `member` for each key (which must consume the value). */
  object(member: (key: Key) => void): void {
    this.expect(LBRACE);
    if (this.take(RBRACE)) return;
    do member(this.key());
    while (this.take(COMMA));
    this.expect(RBRACE);
  }

  peek(): number | undefined {
    this.space();
    return this.b[this.i];
  }
}

/**
 * The stored parts of each op of a push body `{"ops":[{"opId","seq","payload":{…}}…]}`, or null if
 * the body is not shaped so (the zod validation then refuses it anyway) or uses escaped keys.
 * Duplicated keys resolve as in JSON.parse: the last one wins.
 */
export function locateOps(bytes: Buffer): RawOp[] | null {
  const w = new Walker(bytes);
  // JSON.parse (secure-json-parse) accepted the text after dropping a leading byte order mark.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) w.i = 3;
  const found: { ops: RawOp[] | null } = { ops: null };
  const payload = (): RawOp => {
    const start = w.i;
    const op: RawOp = {};
    w.object((k) => {
      if (k === 'dossier' || k === 'event' || k === 'entry') op[k] = w.part();
      else w.skip();
    });
    op.payload = { start, end: w.i, colons: -1, oddNumber: false };
    return op;
  };
  const element = (): RawOp => {
    let op: RawOp = {};
    if (w.peek() !== LBRACE) {
      w.skip();
      return op;
    }
    w.object((k) => {
      if (k !== 'payload') return w.skip();
      if (w.peek() === LBRACE) op = payload();
      else {
        op = {};
        w.skip();
      }
    });
    return op;
  };
  try {
    w.object((key) => {
      if (key !== 'ops') return w.skip();
      found.ops = null;
      if (w.peek() !== LBRACKET) return w.skip();
      const list: RawOp[] = [];
      w.expect(LBRACKET);
      if (!w.take(RBRACKET)) {
        do list.push(element());
        while (w.take(COMMA));
        w.expect(RBRACKET);
      }
      found.ops = list;
    });
    w.space();
    if (w.i !== bytes.length) return null;
  } catch (err) {
    if (err instanceof Malformed) return null;
    throw err;
  }
  return found.ops;
}

/** Keys of every object inside a validated value (undefined members do not exist in JSON). */
export function keyCount(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) n += keyCount(x);
    return n;
  }
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) n += 1 + keyCount(x);
  }
  return n;
}

/**
 * The JSON text to store for `value`: the body's own bytes if the part is exactly `value` (see the
 * checks above), else its serialisation. The payload part (stored only for refused ops) is checked
 * from its whole text.
 */
export function jsonText(body: RawBody | undefined, part: RawPart | undefined, value: unknown): Buffer {
  return rawText(body, part, value) ?? Buffer.from(JSON.stringify(value));
}

/** The body's own bytes for `value` if the part is exactly `value`, else null. */
export function rawText(body: RawBody | undefined, part: RawPart | undefined, value: unknown): Buffer | null {
  if (!body || !part) return null;
  if (part.colons < 0) {
    // Not counted during the locate walk (a refused op's payload: rare); count it now.
    const w = new Walker(body.bytes);
    w.i = part.start;
    w.skip();
    part.colons = w.colons;
    part.oddNumber = w.oddNumber;
  }
  if (part.oddNumber || part.colons !== keyCount(value)) return null;
  return body.bytes.subarray(part.start, part.end);
}
