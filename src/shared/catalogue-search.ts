/**
 * A catalogue search that forgives (issue #16 §2): procedures are ranked by HOW MUCH of the query
 * they match, not dropped when one word misses; a word of four letters or more may carry one typo
 * (a letter wrong, missing, extra, or two swapped); the province's abbreviations and synonyms
 * (reference kind `search_synonyms`: gplx, bhxh, sổ đỏ, bằng lái…) are read as the words they stand
 * for; and a query that matches nothing still offers the closest procedures, marked as such.
 *
 * How: every text is folded (no marks, đ → d) and cut into words; each synonym group's phrases are
 * rewritten to the group's first phrase, in the procedures and in the query alike. An inverted index
 * maps each distinct word to the procedures holding it (with where: name, alias or field). A query
 * word is looked up against the vocabulary once (exact, prefix, one edit), then its postings add to
 * each procedure's score, weighted by how rare the word is (a match on "khai" says more than one on
 * "cap"). So a keystroke costs one pass over the vocabulary plus the postings it hits.
 *
 * Pure TypeScript: no platform imports.
 */
import { z } from 'zod';
import { foldedTokens } from './text';

// ---------------------------------------------------------------------------------------------
// Reference data: the province's synonyms and abbreviations
// ---------------------------------------------------------------------------------------------

const phrase = z
  .string()
  .trim()
  .min(1, { error: 'Cụm từ đồng nghĩa không được để trống.' })
  .max(80, { error: 'Cụm từ đồng nghĩa quá dài (tối đa 80 ký tự).' })
  .refine((s) => foldedTokens(s).length > 0, { error: 'Cụm từ đồng nghĩa phải có chữ cái hoặc chữ số.' });

export const SearchSynonymsSchema = z.strictObject({
  version: z.string().trim().min(1),
  sample: z.boolean(),
  /** Vietnamese: where the list comes from and how to extend it. */
  note: z.string().trim().min(1),
  /** Each group: phrases that mean the same; the first is the one the others are read as. */
  groups: z
    .array(z.strictObject({ terms: z.array(phrase).min(2, { error: 'Mỗi nhóm đồng nghĩa cần ít nhất hai cụm từ.' }).max(30) }))
    .max(2000, { error: 'Bảng từ đồng nghĩa quá dài (tối đa 2.000 nhóm).' }),
});
export type SearchSynonyms = z.infer<typeof SearchSynonymsSchema>;

export const NO_SYNONYMS: SearchSynonyms = { version: 'none', sample: true, note: 'Không có bảng từ đồng nghĩa.', groups: [] };

/** Rewrites phrases of a synonym group to the group's first phrase, longest phrases first. */
export class SynonymRewriter {
  private readonly rules: { from: string[]; to: string[] }[] = [];
  private readonly firstWords = new Set<string>();

  constructor(s: SearchSynonyms) {
    for (const g of s.groups) {
      const [head, ...rest] = g.terms.map(foldedTokens);
      // (A phrase that folds to the head is a rule that changes nothing.)
      for (const from of rest) {
        this.rules.push({ from, to: head! });
        this.firstWords.add(from[0]!);
      }
    }
    this.rules.sort((a, b) => b.from.length - a.from.length);
  }

  rewrite(words: readonly string[]): string[] {
    const out: string[] = [];
    let i = 0;
    outer: while (i < words.length) {
      // Stryker disable next-line ConditionalExpression: a shortcut; every rule starts with one of these words
      if (this.firstWords.has(words[i]!)) {
        for (const r of this.rules) {
          // (Past the end of the words a rule's word meets undefined: no match.)
          let same = true;
          for (let k = 0; k < r.from.length; k++) {
            if (words[i + k] !== r.from[k]) {
              same = false;
              break;
            }
          }
          if (same) {
            out.push(...r.to);
            i += r.from.length;
            continue outer;
          }
        }
      }
      out.push(words[i]!);
      i++;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------------------------

export interface SearchDoc {
  code: string;
  name: string;
  field: string;
  aliases: readonly string[];
}

/** Where a word was found: the name counts most, an alias nearly as much, the field a little. */
const WHERE_WEIGHT = { name: 1, alias: 0.9, field: 0.4 } as const;

interface Entry<T extends SearchDoc> {
  doc: T;
  /** Letter pairs of the name and aliases run together (the closest-match fallback). */
  pairs: Set<string>;
  nameText: string;
  aliasTexts: string[];
  initials: string;
  code: string;
}

export interface SearchIndex<T extends SearchDoc> {
  entries: Entry<T>[];
  /** Distinct words, and per word its postings: procedure indexes and the weight of the best place found. */
  vocab: string[];
  postings: Map<string, { ids: Int32Array; weights: Float32Array }>;
  /** Inverse document frequency per word. */
  idf: Map<string, number>;
  rewriter: SynonymRewriter;
  /** Index of the first three letters of each word (candidates for a one-edit match). */
  byLength: Map<number, string[]>;
}

export function buildSearchIndex<T extends SearchDoc>(docs: readonly T[], synonyms: SearchSynonyms = NO_SYNONYMS): SearchIndex<T> {
  const rewriter = new SynonymRewriter(synonyms);
  const postings = new Map<string, Map<number, number>>();
  const add = (w: string, i: number, weight: number) => {
    let p = postings.get(w);
    if (!p) postings.set(w, (p = new Map()));
    p.set(i, Math.max(p.get(i) ?? 0, weight));
  };
  const entries = docs.map((d, i) => {
    const name = rewriter.rewrite(foldedTokens(d.name));
    const aliases = d.aliases.map((a) => rewriter.rewrite(foldedTokens(a)));
    for (const w of foldedTokens(d.field)) add(w, i, WHERE_WEIGHT.field);
    for (const a of aliases) for (const w of a) add(w, i, WHERE_WEIGHT.alias);
    for (const w of name) add(w, i, WHERE_WEIGHT.name);
    // The name's own words too, before rewriting, so typing a word the synonym replaced still finds it.
    for (const w of foldedTokens(d.name)) add(w, i, WHERE_WEIGHT.name);
    const pairs = bigrams([foldedTokens(d.name).join(''), ...d.aliases.map((a) => foldedTokens(a).join(''))].join(' '));
    return { doc: d, pairs, nameText: ` ${name.join(' ')} `, aliasTexts: aliases.map((a) => ` ${a.join(' ')} `), initials: foldedTokens(d.name).map((t) => t[0]).join(''), code: foldedTokens(d.code).join('') };
  });
  const n = Math.max(docs.length, 1);
  const idf = new Map<string, number>();
  const byLength = new Map<number, string[]>();
  const packed = new Map<string, { ids: Int32Array; weights: Float32Array }>();
  for (const [w, p] of postings) {
    idf.set(w, Math.log(1 + n / p.size));
    const list = byLength.get(w.length);
    if (list) list.push(w);
    else byLength.set(w.length, [w]);
    packed.set(w, { ids: Int32Array.from(p.keys()), weights: Float32Array.from(p.values()) });
  }
  return { entries, vocab: [...postings.keys()], postings: packed, idf, rewriter, byLength };
}

/** True when a and b differ by one edit (substitution, insertion, deletion, or two letters swapped). */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  // The common start (past the end charCodeAt is NaN, equal to nothing).
  let i = 0;
  while (a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Compares the tails a[i+da…] and b[i+db…], of equal length for every call below (no allocation:
  // this runs on every keystroke). Equal words reach here with i = la = lb: empty tails.
  const tailsEqual = (da: number, db: number) => {
    for (let k = i; k + da < la; k++) if (a.charCodeAt(k + da) !== b.charCodeAt(k + db)) return false;
    return true;
  };
  if (la === lb) {
    if (tailsEqual(1, 1)) return true; // one substitution (or none)
    return a[i] === b[i + 1] && a[i + 1] === b[i] && tailsEqual(2, 2); // a swap (past the end a letter is undefined)
  }
  // One letter more in the longer word: skip it there.
  return tailsEqual(Math.max(la - lb, 0), Math.max(lb - la, 0));
}

/** Quality of a query word matching an index word. */
const EXACT = 1;
const PREFIX = 0.85;
const ONE_EDIT = 0.7;
const NO_WORDS: readonly string[] = [];
/** Words of this length or more may carry one typo. */
export const TYPO_MIN_LENGTH = 4;

export interface SearchHit<T extends SearchDoc> {
  doc: T;
  score: number;
  /** Offered because nothing matched well: the closest procedures, not a match. */
  approximate: boolean;
}

/** The index words a query word matches, with the match's quality. */
function matchesOf<T extends SearchDoc>(ix: SearchIndex<T>, q: string, last: boolean): Map<string, number> {
  const out = new Map<string, number>();
  if (ix.postings.has(q)) out.set(q, EXACT);
  // Prefixes: the word being typed (the last) from its second letter, or any word of 3+ letters. A
  // single letter would match most of the vocabulary; it counts only as a whole word or an initial.
  if ((last && q.length >= 2) || q.length >= 3) {
    // (The word itself starts with q too: it keeps its exact match.)
    for (const w of ix.vocab) if (w.startsWith(q)) out.set(w, Math.max(out.get(w) ?? 0, PREFIX));
  }
  if (q.length >= TYPO_MIN_LENGTH) {
    for (const len of [q.length - 1, q.length, q.length + 1]) {
      for (const w of ix.byLength.get(len) ?? NO_WORDS) {
        if (w.length >= TYPO_MIN_LENGTH && !out.has(w) && withinOneEdit(q, w)) out.set(w, ONE_EDIT);
      }
    }
  }
  return out;
}

/** Per procedure, the share of the query's weight its words match (0..1). */
function coverage<T extends SearchDoc>(ix: SearchIndex<T>, words: readonly string[]): Float64Array {
  const n = ix.entries.length;
  const scores = new Float64Array(n);
  const best = new Float64Array(n);
  let total = 0;
  // The weight of a query word: how rare its best match is; a word matching nothing weighs as a rare one.
  const maxIdf = Math.log(1 + n);
  words.forEach((q, k) => {
    const m = matchesOf(ix, q, k === words.length - 1);
    let weight = 0;
    for (const w of m.keys()) weight = Math.max(weight, ix.idf.get(w)!);
    if (weight === 0) weight = maxIdf * 0.6;
    total += weight;
    for (const [w, quality] of m) {
      const p = ix.postings.get(w)!;
      // Stryker disable next-line EqualityOperator: one step past the end reads an undefined id, and a write at index undefined touches no entry
      for (let j = 0; j < p.ids.length; j++) {
        const i = p.ids[j]!;
        best[i] = Math.max(best[i]!, quality * p.weights[j]!);
      }
    }
    // One pass over the procedures per query word (plain loops: this runs on every keystroke).
    // Stryker disable next-line EqualityOperator: a typed array ignores the write one past its end
    for (let i = 0; i < n; i++) {
      scores[i]! += best[i]! * weight;
      best[i] = 0;
    }
  });
  // total > 0: every word weighs at least 0.6 × ln(1 + n).
  // Stryker disable next-line EqualityOperator: a typed array ignores the write one past its end
  for (let i = 0; i < n; i++) scores[i]! /= total;
  return scores;
}

/** Procedures ranked for a typed query (see module comment); never empty when the index is not. */
export function searchIndex<T extends SearchDoc>(ix: SearchIndex<T>, query: string, limit = 10): SearchHit<T>[] {
  const raw = foldedTokens(query);
  if (raw.length === 0) return ix.entries.slice(0, limit).map((e) => ({ doc: e.doc, score: 0, approximate: false }));
  const words = ix.rewriter.rewrite(raw);
  const qText = ` ${words.join(' ')} `;
  // The query as typed and as the synonyms read it: each procedure keeps the better of the two, so a
  // synonym helps where it applies and never costs a match the typed words had.
  const scores = coverage(ix, words);
  // Stryker disable next-line ConditionalExpression: only spares computing the same coverage twice when no synonym applied
  if (words.join(' ') !== raw.join(' ')) {
    const asTyped = coverage(ix, raw);
    // Stryker disable next-line EqualityOperator: a typed array ignores the write one past its end
    for (let i = 0; i < scores.length; i++) scores[i] = Math.max(scores[i]!, asTyped[i]!);
  }
  const hits: { i: number; score: number }[] = [];
  const compact = raw.join('');
  for (let i = 0; i < scores.length; i++) {
    let s = scores[i]!;
    if (s === 0) continue;
    const e = ix.entries[i]!;
    // Bonuses for the query as a whole: the code, an alias or the name's initials, the phrase in order.
    if (e.code === compact) s += 1;
    if (e.aliasTexts.includes(qText)) s += 0.5;
    else if (words.length > 1 && e.aliasTexts.some((a) => a.includes(qText))) s += 0.25;
    if (words.length > 1 && e.nameText.includes(qText)) s += 0.3;
    if (compact.length >= 2 && raw.length === 1 && e.initials.startsWith(compact)) s += 0.3;
    hits.push({ i, score: s });
  }
  if (hits.length === 0) return closest(ix, compact, limit);
  // Ties keep the catalogue order (topK is stable).
  return topK(hits, limit, (a, b) => b.score - a.score || ix.entries[a.i]!.nameText.length - ix.entries[b.i]!.nameText.length).map((h) => ({
    doc: ix.entries[h.i]!.doc,
    score: h.score,
    approximate: false,
  }));
}

/** The first `k` of `xs` in `cmp` order, equal ones in their order in `xs`, without sorting all of them (a keystroke scores up to every procedure). */
function topK<X>(xs: readonly X[], k: number, cmp: (a: X, b: X) => number): X[] {
  const out: X[] = [];
  for (const x of xs) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; an item not before the last kept one would be put at the end and popped
    if (out.length === k && cmp(x, out[k - 1]!) >= 0) continue;
    let at = out.length;
    while (at > 0 && cmp(x, out[at - 1]!) < 0) at--;
    out.splice(at, 0, x);
    if (out.length > k) out.pop();
  }
  return out;
}

/** Letter pairs of a word list (for the closest-match fallback). */
function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Nothing matched: the procedures whose names share the most letter pairs with the query. */
function closest<T extends SearchDoc>(ix: SearchIndex<T>, compact: string, limit: number): SearchHit<T>[] {
  const q = bigrams(compact);
  if (q.size === 0) return ix.entries.slice(0, limit).map((e) => ({ doc: e.doc, score: 0, approximate: true }));
  const scored = ix.entries.map((e, i) => {
    let common = 0;
    for (const g of q) if (e.pairs.has(g)) common++;
    return { i, score: common / q.size };
  });
  return topK(scored, limit, (a, b) => b.score - a.score).map((h) => ({ doc: ix.entries[h.i]!.doc, score: h.score, approximate: true }));
}
