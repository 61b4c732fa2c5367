/**
 * The forgiving search's arithmetic on a catalogue small enough to score by hand (issue #16 §2, the
 * mutation goal of issue 19): the weight of each place a word is found, each quality of a match,
 * the rarity weighting, the bonuses for the query as a whole, the fallback to the closest names, and
 * the ranking. Each expected score is computed here from the rules the module comment states.
 */
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchIndex, SearchSynonymsSchema, SynonymRewriter, withinOneEdit } from '../../../src/shared/catalogue-search';
import type { SearchDoc, SearchSynonyms } from '../../../src/shared/catalogue-search';

const DOCS: SearchDoc[] = [
  { code: 'TP-01', name: 'Cấp phiếu lý lịch tư pháp', field: 'Tư pháp', aliases: ['lltp', 'lý lịch tư pháp số 1'] },
  { code: 'GPLX', name: 'Đổi giấy phép lái xe', field: 'Giao thông', aliases: ['gplx'] },
  { code: 'HT-01', name: 'Đăng ký khai sinh', field: 'Hộ tịch', aliases: ['khai sinh'] },
  { code: 'BH-01', name: 'Bảo hiểm xã hội', field: 'Bảo hiểm', aliases: ['bhxh'] },
];
const N = DOCS.length;
/** Inverse document frequency of a word found in `df` procedures. */
const idf = (df: number): number => Math.log(1 + N / df);

// Built in each test, not once in beforeAll: StrykerJS counts only the code a test itself runs as covered
// by it, so an index built outside the tests would leave the build's mutants to other tests.
const ix = () => buildSearchIndex(DOCS);
/** [code, score] of the hits, best first. */
const scores = (q: string, limit?: number): [string, number][] => searchIndex(ix(), q, limit).map((h) => [h.doc.code, h.score]);
const close = (actual: [string, number][], expected: [string, number][]): void => {
  expect(actual.map(([c]) => c)).toEqual(expected.map(([c]) => c));
  actual.forEach(([, s], i) => expect(s).toBeCloseTo(expected[i]![1], 6));
};

describe('where a word is found', () => {
  it('in the name it counts 1, in an alias 0.9, in the field 0.4; found in several places, the best counts', () => {
    close(scores('khai'), [['HT-01', 1]]);
    expect(searchIndex(ix(), 'khai').map((h) => h.approximate)).toEqual([false]);
    // 'tich' only in a field (Hộ tịch); one letter from 'lich' of a name (a typo, 0.7)
    close(scores('tich'), [['TP-01', 0.7], ['HT-01', 0.4]]);
    // name, alias and field alike; 'phep' is one letter away (0.7)
    close(scores('phap'), [['TP-01', 1], ['GPLX', 0.7]]);
    // 'lltp' only as an alias: 0.9, plus 0.5 for the whole alias typed
    close(scores('lltp'), [['TP-01', 1.4]]);
  });

  it('a word is weighed by how rare it is: a query word matching nothing weighs 0.6 of the rarest', () => {
    // 'hiem' is in one procedure, 'bao' in one: equal weights, so half the query matches twice over.
    close(scores('bao hiem'), [['BH-01', 1 + 0.3]]); // the name holds the phrase in order: +0.3
    // 'kh' (two letters, not the last word) matches nothing and weighs 0.6 × ln(1 + N)
    const w = idf(1);
    close(scores('kh sinh'), [['HT-01', w / (0.6 * Math.log(1 + N) + w)]]);
    // both words in the name, but not in this order: no phrase bonus
    close(scores('doi xe'), [['GPLX', 1]]);
  });
});

describe('how a query word matches', () => {
  it('the last word from its second letter on is a prefix (0.85); another word needs three letters', () => {
    close(scores('kha'), [['HT-01', 0.85]]);
    close(scores('kh'), [['HT-01', 0.85]]);
    const w = idf(1);
    // 'kh' before another word: no prefix, it weighs as an unmatched word
    close(scores('kh khai'), [['HT-01', w / (0.6 * Math.log(1 + N) + w)]]);
    // 'kha' before another word: a prefix (0.85 × its weight) and the exact 'sinh'
    close(scores('kha sinh'), [['HT-01', (0.85 * w + w) / (2 * w)]]);
  });

  it('a word of four letters or more may carry one typo (0.7); a shorter one may not', () => {
    close(scores('khia'), [['HT-01', 0.7]]); // two letters swapped
    close(scores('khaii'), [['HT-01', 0.7]]); // one letter extra
    close(scores('pieu'), [['TP-01', 0.7]]); // one letter missing (phieu)
    // 'khi' has three letters: not read as 'khai'
    expect(searchIndex(ix(), 'khi', 2).every((h) => h.approximate)).toBe(true);
    // 'lai' has three letters: 'laix' is not read as it (the typo rule needs four on both sides)
    expect(searchIndex(ix(), 'laix', 2).every((h) => h.approximate)).toBe(true);
    // 'xem' (three letters) is not a typo of 'xe'
    expect(searchIndex(ix(), 'xem', 2).every((h) => h.approximate)).toBe(true);
  });
});

describe('bonuses for the query as a whole', () => {
  it('the code typed in full adds 1; a whole alias 0.5; part of an alias 0.25; the name phrase in order 0.3', () => {
    close(scores('gplx'), [['GPLX', 0.9 + 0.5 + 1]]);
    // 'ly lich' is in the name (in order) and inside the alias 'ly lich tu phap so 1'
    close(scores('ly lich'), [['TP-01', 1 + 0.25 + 0.3], ['HT-01', (0.7 * 0.4) / 2]]);
    // one word inside the name or an alias earns neither phrase bonus
    close(scores('lich'), [['TP-01', 1], ['HT-01', 0.7 * 0.4]]); // 'tich' of a field, one letter away
    // the alias typed whole earns 0.5, not the 0.25 of a part
    close(scores('khai sinh'), [['HT-01', 1 + 0.5 + 0.3]]);
  });

  it('one word that the name’s initials begin with adds 0.3, from two letters on', () => {
    close(scores('bhxh'), [['BH-01', 0.9 + 0.5 + 0.3]]);
    close(scores('bhx'), [['BH-01', 0.85 * 0.9 + 0.3]]);
    close(scores('bh'), [['BH-01', 0.85 * 0.9 + 0.3]]);
    // one letter is no initials: 'a' of 'A Páo' matches the word only
    const hmong = buildSearchIndex([{ code: 'P', name: 'A Páo', field: '', aliases: [] }]);
    close(searchIndex(hmong, 'a').map((h) => [h.doc.code, h.score]), [['P', 1]]);
    // two words whose letters run together as the initials: no bonus
    const w = idf(1);
    close(scores('bhx h'), [['BH-01', (0.85 * 0.9 * w) / (w + 0.6 * Math.log(1 + N))]]);
  });
});

/** Five names sharing 'cấp' (four) and 'giấy' (three), two of them the same. */
const FIVE: readonly SearchDoc[] = [
  { code: 'A', name: 'cấp giấy chứng nhận', field: '', aliases: [] },
  { code: 'B', name: 'cấp giấy', field: '', aliases: [] },
  { code: 'C', name: 'cấp thẻ', field: '', aliases: [] },
  { code: 'D', name: 'cấp thẻ', field: '', aliases: [] },
  { code: 'E', name: 'giấy', field: '', aliases: [] },
];

describe('ranking and the closest names', () => {
  it('ranks by score, then the shorter name, then the catalogue order; the limit cuts the list', () => {
    const small = buildSearchIndex(FIVE);
    expect(searchIndex(small, 'cap').map((h) => h.doc.code)).toEqual(['C', 'D', 'B', 'A']);
    expect(searchIndex(small, 'cap', 2).map((h) => h.doc.code)).toEqual(['C', 'D']);
    expect(searchIndex(small, 'cap', 3).map((h) => h.doc.code)).toEqual(['C', 'D', 'B']);
    expect(searchIndex(small, 'cap giay').map((h) => h.doc.code)).toEqual(['B', 'A', 'E', 'C', 'D']);
    expect(searchIndex(small, 'cap giay', 1).map((h) => h.doc.code)).toEqual(['B']);
  });

  it('a word found in more procedures weighs less: ln(1 + N / the number holding it)', () => {
    const small = buildSearchIndex(FIVE);
    const wCap = Math.log(1 + 5 / 4); // in four of five
    const wGiay = Math.log(1 + 5 / 3); // in three of five
    close(searchIndex(small, 'cap giay').map((h) => [h.doc.code, h.score]), [
      ['B', 1 + 0.3],
      ['A', 1 + 0.3],
      ['E', wGiay / (wCap + wGiay)],
      ['C', wCap / (wCap + wGiay)],
      ['D', wCap / (wCap + wGiay)],
    ]);
  });

  it('a word that is both a prefix and one letter from the query keeps the prefix quality', () => {
    const small = buildSearchIndex([
      { code: 'A', name: 'Thôn bản', field: '', aliases: [] },
      { code: 'B', name: 'Giao thông', field: '', aliases: [] },
    ]);
    close(searchIndex(small, 'thon').map((h) => [h.doc.code, h.score]), [['A', 1], ['B', 0.85]]);
  });

  it('an empty catalogue finds nothing', () => {
    const none = buildSearchIndex([]);
    expect(searchIndex(none, 'khai')).toEqual([]);
    expect(searchIndex(none, '')).toEqual([]);
  });

  it('an empty query lists the catalogue in order; a query that matches nothing offers the names sharing most letter pairs', () => {
    expect(searchIndex(ix(), '  ', 2).map((h) => [h.doc.code, h.score, h.approximate])).toEqual([['TP-01', 0, false], ['GPLX', 0, false]]);
    // 'xahoi' shares xa, ah, ho, oi with 'baohiemxahoi bhxh' (4 of its 4 pairs), oi with 'doigiay…'
    const hits = searchIndex(ix(), 'xahoi', 2);
    expect(hits.map((h) => [h.doc.code, h.score, h.approximate])).toEqual([['BH-01', 1, true], ['GPLX', 0.25, true]]);
    // the aliases' letters count too: ll, lt, tp of 'lltp' are 3 of the 6 pairs of 'zqlltpz'
    expect(searchIndex(ix(), 'zqlltpz', 1).map((h) => [h.doc.code, h.score, h.approximate])).toEqual([['TP-01', 0.5, true]]);
    // one letter has no pair: the catalogue in order, marked approximate
    expect(searchIndex(ix(), 'q', 2).map((h) => [h.doc.code, h.score, h.approximate])).toEqual([['TP-01', 0, true], ['GPLX', 0, true]]);
    // 'qzai': pairs qz, za, ai; 'lai' and 'khai' hold 'ai': equal, so in catalogue order
    const some = searchIndex(ix(), 'qzai', 4);
    expect(some.map((h) => h.doc.code)).toEqual(['GPLX', 'HT-01', 'TP-01', 'BH-01']);
    expect(some.map((h) => h.score)).toEqual([1 / 3, 1 / 3, 0, 0]);
  });
});

describe('synonyms', () => {
  const table = (groups: string[][]): SearchSynonyms => ({ version: '1', sample: true, note: 'x', groups: groups.map((terms) => ({ terms })) });

  it('rewrites every phrase of a group to its first, the longest phrase first, words outside any group kept', () => {
    const r = new SynonymRewriter(table([['giay phep lai xe', 'bang lai', 'bang lai xe', 'gplx'], ['so do', 'giay chung nhan']]));
    expect(r.rewrite(['doi', 'bang', 'lai', 'xe', 'moi'])).toEqual(['doi', 'giay', 'phep', 'lai', 'xe', 'moi']);
    expect(r.rewrite(['bang', 'lai'])).toEqual(['giay', 'phep', 'lai', 'xe']);
    expect(r.rewrite(['bang'])).toEqual(['bang']);
    expect(r.rewrite(['gplx', 'giay', 'chung', 'nhan'])).toEqual(['giay', 'phep', 'lai', 'xe', 'so', 'do']);
    expect(r.rewrite(['bang', 'khen'])).toEqual(['bang', 'khen']);
    expect(r.rewrite([])).toEqual([]);
  });

  it('a phrase without a letter or digit is refused', () => {
    const r = SearchSynonymsSchema.safeParse(table([['gplx', '--']]));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['groups.0.terms.1', 'Cụm từ đồng nghĩa phải có chữ cái hoặc chữ số.']]);
    expect(SearchSynonymsSchema.safeParse(table([['gplx', '1']])).success).toBe(true);
  });

  it('a phrase equal to its group’s first is no rule; an empty table leaves words alone', () => {
    const r = new SynonymRewriter(table([['so do', 'sổ đỏ', 'SO DO']]));
    expect(r.rewrite(['so', 'do'])).toEqual(['so', 'do']);
    const none = new SynonymRewriter(table([]));
    const words = ['a', 'b'];
    const out = none.rewrite(words);
    expect(out).toEqual(['a', 'b']);
    expect(out).not.toBe(words);
  });

  it('a procedure is found by a word the synonym replaced in its name, and by the group’s first phrase', () => {
    const docs: SearchDoc[] = [{ code: 'X', name: 'Cấp lại bằng lái', field: '', aliases: [] }];
    const s = buildSearchIndex(docs, table([['giay phep lai xe', 'bang lai']]));
    close(searchIndex(s, 'bang').map((h) => [h.doc.code, h.score]), [['X', 1]]);
    close(searchIndex(s, 'phep').map((h) => [h.doc.code, h.score]), [['X', 1]]);
  });

  it('a procedure keeps the score of the query as typed when the synonym reading scores lower', () => {
    // Fields are not rewritten: 'bang lai' typed matches the field twice (0.4); read as 'giay phep lai xe'
    // only 'lai' of four words would match.
    const docs: SearchDoc[] = [{ code: 'Y', name: 'Cấp đổi', field: 'Bằng lái', aliases: [] }];
    const s = buildSearchIndex(docs, table([['giay phep lai xe', 'bang lai']]));
    close(searchIndex(s, 'bang lai').map((h) => [h.doc.code, h.score]), [['Y', 0.4]]);
  });
});

describe('one edit, both sides of each rule', () => {
  it.each([
    ['abcd', 'abcd', true],
    ['abcd', 'abce', true],
    ['abcd', 'abc', true],
    ['abc', 'abcd', true],
    ['abcd', 'bcd', true],
    ['bcd', 'abcd', true],
    ['abcd', 'ab', false],
    ['ab', 'abcd', false],
    ['abcd', 'badc', false],
    ['abcd', 'bacd', true],
    ['abcd', 'abdc', true],
    ['abcd', 'acbe', false],
    ['abcd', 'xbcy', false],
    ['abcd', 'abxcd', true],
    ['abxcd', 'abcd', true],
    ['abcd', 'axcxd', false],
    ['xaby', 'xcay', false],
    ['xaby', 'xbcy', false],
  ])('%s ~ %s: %s', (a, b, expected) => expect(withinOneEdit(a, b)).toBe(expected));
});
