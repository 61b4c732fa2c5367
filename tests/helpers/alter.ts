/**
 * Random alterations of valid values, for tests that hold a fast path to the ordinary one on
 * thousands of nearly-valid inputs (the compiled schemas of the wire and of the IPC inputs).
 */
/** Deterministic PRNG (mulberry32): a failure reproduces. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every container (object or array) in `v` with a key of it: where an alteration can land. */
function slots(v: Json, out: [Json[] | Record<string, Json>, string | number][] = []): typeof out {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([v, k]);
      slots(x, out);
    }
  }
  return out;
}

export const REPLACEMENTS: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53 + 2,
  1e300,
  '',
  ' ',
  'x'.repeat(70),
  'x'.repeat(5000),
  'Nguyễn Thị Ánh',
  '\ud800',
  'a\udc00b',
  '2026-13-45',
  '2026-03-02',
  'EB123456785VN',
  '01234567-89ab-7def-8123-456789abcdef',
  'not-a-uuid',
  'clerk',
  'manager',
  'accepted',
  'ledger.entry',
  'dossier.event',
  [],
  [''],
  ['x', 1],
  {},
  { unexpected: 1 },
];

/** One random alteration of `v` in place; replacements are drawn from REPLACEMENTS and `more`. */
export function alter(v: Json, r: () => number, more: readonly Json[] = []): void {
  const pool = more.length > 0 ? [...REPLACEMENTS, ...more] : REPLACEMENTS;
  const all = slots(v);
  if (all.length === 0) return;
  const [box, key] = all[Math.floor(r() * all.length)]!;
  const what = r();
  if (Array.isArray(box)) {
    const i = key as number;
    if (what < 0.15) box.splice(i, 1);
    else if (what < 0.3) box.splice(i, 0, structuredClone(box[i]!));
    else box[i] = structuredClone(pool[Math.floor(r() * pool.length)]!);
    return;
  }
  const k = key as string;
  if (what < 0.15) delete box[k];
  else if (what < 0.25) box[`${k}_extra`] = 1;
  else if (what < 0.3) box.__proto__x = 'y';
  else if (what < 0.4 && typeof box[k] === 'number') box[k] = (box[k] as number) + (r() < 0.5 ? 1 : -1) * Math.floor(r() * 3);
  else box[k] = structuredClone(pool[Math.floor(r() * pool.length)]!);
}
