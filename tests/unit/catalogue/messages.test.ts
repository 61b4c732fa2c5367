/**
 * Where and what, in the Vietnamese of each refused catalogue: an item without a usable code is
 * named by its position, every kind of wrong value is shown as the reader typed it, and each regex
 * field says what it expects. Each case checks the first problem exactly (code, message, path).
 */
import { describe, expect, it } from 'vitest';
import { listCatalogueProblems, validateCatalogue } from '../../../src/shared/catalogue';
import { sampleJson, type SampleDoc } from './helpers';

type Problem = { code: string; message: string; path: (string | number)[] };
function firstProblem(breaker: (c: SampleDoc) => void): Problem | undefined {
  const c = sampleJson();
  breaker(c);
  return listCatalogueProblems(c).problems[0];
}
const doc = (c: SampleDoc, i: number) => c.procedures[0]!.documents[i]!;

describe('a catalogue problem names the item', () => {
  it.each<[string, (c: SampleDoc) => void, Problem]>([
    ['an agency whose code is not text, by its position', (c) => { c.agencies[0]!.code = 5; }, { code: 'CATALOGUE_SCHEMA', message: 'Cơ quan thứ 1, mã: phải là chuỗi ký tự, nhận được 5.', path: ['agencies', 0, 'code'] }],
    ['an agency with a blank code, by its position', (c) => { c.agencies[1]!.code = ' '; }, { code: 'CATALOGUE_SCHEMA', message: 'Cơ quan thứ 2, mã: không được để trống.', path: ['agencies', 1, 'code'] }],
    ['a procedure without a code, by its position', (c) => { c.procedures[1]!.code = ''; }, { code: 'CATALOGUE_SCHEMA', message: 'Thủ tục thứ 2, mã: không được để trống.', path: ['procedures', 1, 'code'] }],
    ['a document without a code, by its number only', (c) => { doc(c, 1).code = null; }, { code: 'CATALOGUE_SCHEMA', message: 'Thủ tục BHXH-SO-01, giấy tờ 2, mã: phải là chuỗi ký tự, nhận được null.', path: ['procedures', 0, 'documents', 1, 'code'] }],
    ['a document by its number and code', (c) => { doc(c, 0).copies = 2; }, { code: 'CATALOGUE_SCHEMA', message: 'Thủ tục BHXH-SO-01, giấy tờ 1 (TK1-TS): có trường không được phép: copies.', path: ['procedures', 0, 'documents', 0] }],
    ['a fee line without a label, by its number only', (c) => { c.procedures[0]!.fees[0]!.label = ''; }, { code: 'CATALOGUE_SCHEMA', message: 'Thủ tục BHXH-SO-01, dòng lệ phí 1, diễn giải: không được để trống.', path: ['procedures', 0, 'fees', 0, 'label'] }],
    ['a search keyword by its position', (c) => { c.procedures[0]!.aliases = ['gplx', ' ']; }, { code: 'CATALOGUE_SCHEMA', message: 'Thủ tục BHXH-SO-01, từ khóa tìm kiếm thứ 2: không được để trống.', path: ['procedures', 0, 'aliases', 1] }],
    ['the document itself', (c) => { c.extra = 1; }, { code: 'CATALOGUE_SCHEMA', message: 'Danh mục: có trường không được phép: extra.', path: [] }],
    ['an agency that is null, by its position', (c) => { (c.agencies as unknown[])[0] = null; }, { code: 'CATALOGUE_SCHEMA', message: 'Cơ quan thứ 1: phải là đối tượng, nhận được null.', path: ['agencies', 0] }],
    ['a fee line whose label is a number, by its number only', (c) => { c.procedures[0]!.fees[0]!.label = 5; }, { code: 'CATALOGUE_SCHEMA', message: 'Thủ tục BHXH-SO-01, dòng lệ phí 1, diễn giải: phải là chuỗi ký tự, nhận được 5.', path: ['procedures', 0, 'fees', 0, 'label'] }],
  ])('%s', (_, breaker, expected) => {
    expect(firstProblem(breaker)).toEqual(expected);
  });
});

describe('a catalogue problem says what is wrong', () => {
  it.each<[string, (c: SampleDoc) => void, string]>([
    ['a fee category with marks and a space', (c) => { c.procedures[0]!.fees[0]!.category = 'Học sinh'; }, 'Thủ tục BHXH-SO-01, dòng lệ phí 1 («Không thu phí»), loại lệ phí: chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, nhận được «Học sinh».'],
    ['a province code of three digits', (c) => { c.agencies[0]!.provinceCode = '014'; }, 'Cơ quan STP, mã tỉnh: phải gồm đúng 2 chữ số, nhận được «014».'],
    ['text where a yes/no belongs', (c) => { c.procedures[0]!.verified = 'yes'; }, 'Thủ tục BHXH-SO-01, đánh dấu đã xác minh: phải là giá trị đúng/sai, nhận được «yes».'],
    ['null where a yes/no belongs', (c) => { c.sample = null; }, 'đánh dấu dữ liệu mẫu: phải là giá trị đúng/sai, nhận được null.'],
    ['an object where a list belongs', (c) => { c.procedures[0]!.aliases = { a: 1 } as unknown as string[]; }, 'Thủ tục BHXH-SO-01, từ khóa tìm kiếm: phải là danh sách, nhận được một đối tượng.'],
    ['text where a list belongs', (c) => { c.procedures = 'none' as unknown as SampleDoc['procedures']; }, 'danh sách thủ tục: phải là danh sách, nhận được «none».'],
    ['a value outside the list', (c) => { c.procedures[0]!.processing.unit = 'week'; }, 'Thủ tục BHXH-SO-01, thời hạn giải quyết, loại ngày: phải là một trong: «working», «calendar»; nhận được «week».'],
    ['a yes/no outside the list', (c) => { c.agencies[0]!.level = true; }, 'Cơ quan STP, cấp: phải là một trong: «province», «commune», «central_branch»; nhận được true.'],
    ['a number as a keyword', (c) => { c.procedures[0]!.aliases = [7] as unknown as string[]; }, 'Thủ tục BHXH-SO-01, từ khóa tìm kiếm thứ 1: phải là chuỗi ký tự, nhận được 7.'],
  ])('%s', (_, breaker, message) => {
    expect(firstProblem(breaker)?.message).toBe(message);
  });

  it('a strict lower bound says “lớn hơn”, an inclusive one “từ”', () => {
    // (“phải lớn hơn 0 trở lên” reads oddly; only the bound's word is pinned here.)
    expect(firstProblem((c) => { c.procedures[0]!.processing.days = 0; })?.message).toMatch(/^Thủ tục BHXH-SO-01, thời hạn giải quyết, số ngày: phải lớn hơn 0 .*nhận được 0\.$/);
    expect(firstProblem((c) => { doc(c, 0).count = 0; })?.message).toMatch(/^Thủ tục BHXH-SO-01, giấy tờ 1 \(TK1-TS\), số lượng: phải từ 1 .*nhận được 0\.$/);
  });

  it('a catalogue without problems has none, and validates', () => {
    expect(listCatalogueProblems(sampleJson()).problems).toEqual([]);
    expect(validateCatalogue(sampleJson()).ok).toBe(true);
  });
});
