/**
 * validateCatalogue on broken copies of the sample: every cross-check and the main shape errors
 * are refused with a stable code and a Vietnamese message that says where and what to fix.
 */
import { describe, expect, it } from 'vitest';
import { CatalogueSchema, listCatalogueProblems, validateCatalogue } from '../../../src/shared/catalogue';
import { must, DomainError } from '../../../src/shared/errors';
import { readFileSync } from 'node:fs';
import { ADMIN_UNITS_PATH, sampleJson, type SampleDoc } from './helpers';

type Breaker = (c: SampleDoc) => void;

function procedure(c: SampleDoc, code: string): SampleDoc['procedures'][number] {
  const p = c.procedures.find((x) => x.code === code);
  if (!p) throw new Error(`procedure ${code} missing from the sample`);
  return p;
}

function broken(breaker: Breaker): SampleDoc {
  const c = sampleJson();
  breaker(c);
  return c;
}

function failure(json: unknown): { code: string; message: string } {
  const r = validateCatalogue(json);
  if (r.ok) throw new Error('expected the catalogue to be refused');
  return r;
}

// A message is Vietnamese when it has Vietnamese letters and none of zod's English wording.
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/iu;
const ENGLISH = /\b(expected|received|invalid|required|unrecognized|too small|too big|string|number|must)\b/i;

const CASES: Array<{ name: string; code: string; breaker: Breaker; says: RegExp[] }> = [
  {
    name: 'duplicate procedure code',
    code: 'CATALOGUE_DUPLICATE_PROCEDURE',
    breaker: (c) => { procedure(c, 'TP-LLTP-02').code = 'TP-LLTP-01'; },
    says: [/Mã thủ tục «TP-LLTP-01» bị trùng/],
  },
  {
    name: 'duplicate agency code',
    code: 'CATALOGUE_DUPLICATE_AGENCY',
    breaker: (c) => { c.agencies[1]!.code = c.agencies[0]!.code; },
    says: [/Mã cơ quan «STP» bị trùng/],
  },
  {
    name: 'unknown agency',
    code: 'CATALOGUE_UNKNOWN_AGENCY',
    breaker: (c) => { procedure(c, 'GT-GPLX-01').agencyCode = 'SO-GTVT'; },
    says: [/Thủ tục GT-GPLX-01 \(«Đổi giấy phép lái xe»\)/, /mã cơ quan «SO-GTVT»/, /không có cơ quan nào/],
  },
  {
    name: 'no document',
    code: 'CATALOGUE_NO_DOCUMENT',
    breaker: (c) => { procedure(c, 'TP-HT-01').documents = []; },
    says: [/Thủ tục TP-HT-01/, /chưa có thành phần hồ sơ/],
  },
  {
    name: 'duplicate document code',
    code: 'CATALOGUE_DUPLICATE_DOCUMENT',
    breaker: (c) => { const p = procedure(c, 'GT-GPLX-01'); p.documents[1]!.code = p.documents[0]!.code; },
    says: [/mã giấy tờ «DON» bị trùng/],
  },
  {
    name: 'no fee row',
    code: 'CATALOGUE_NO_FEE',
    breaker: (c) => { procedure(c, 'TP-HT-03').fees = []; },
    says: [/chưa có dòng lệ phí nào/, /0 đồng/],
  },
  {
    name: 'no standard fee row',
    code: 'CATALOGUE_NO_STANDARD_FEE',
    breaker: (c) => { procedure(c, 'GT-GPLX-01').fees.splice(0, 1); },
    says: [/chưa có dòng lệ phí loại «standard»/],
  },
  {
    name: 'duplicate fee category',
    code: 'CATALOGUE_DUPLICATE_FEE',
    breaker: (c) => { procedure(c, 'TP-LLTP-01').fees[2]!.category = 'student'; },
    says: [/loại lệ phí «student» xuất hiện nhiều lần/],
  },
  {
    name: 'negative fee',
    code: 'CATALOGUE_BAD_FEE',
    breaker: (c) => { procedure(c, 'TP-LLTP-01').fees[1]!.amount = -100000; },
    says: [/Thủ tục TP-LLTP-01, dòng lệ phí 2 \(«Học sinh, sinh viên»\), số tiền/, /số nguyên không âm/, /-100000/],
  },
  {
    name: 'fee with a fraction of a đồng',
    code: 'CATALOGUE_BAD_FEE',
    breaker: (c) => { procedure(c, 'GT-GPLX-01').fees[0]!.amount = 135000.5; },
    says: [/Thủ tục GT-GPLX-01/, /số nguyên không âm \(đồng\)/, /135000\.5/],
  },
  {
    name: 'fee as a formatted string',
    code: 'CATALOGUE_BAD_FEE',
    breaker: (c) => { procedure(c, 'GT-GPLX-01').fees[0]!.amount = '135.000 ₫'; },
    says: [/số nguyên không âm/, /«135\.000 ₫»/],
  },
  {
    name: 'in person without a reason',
    code: 'CATALOGUE_IN_PERSON_REASON',
    breaker: (c) => { delete procedure(c, 'CA-HC-01').inPersonReason; },
    says: [/Thủ tục CA-HC-01/, /phải có mặt trực tiếp nhưng chưa ghi lý do/],
  },
  {
    name: 'reclaim without saying what',
    code: 'CATALOGUE_RECLAIM_NOTE',
    breaker: (c) => { delete procedure(c, 'GT-GPLX-01').reclaimNote; },
    says: [/thu hồi giấy tờ cũ nhưng chưa ghi/],
  },
  {
    name: 'commune agency without commune code',
    code: 'CATALOGUE_COMMUNE_CODE',
    breaker: (c) => { delete c.agencies.find((a) => a.code === 'UBND-03646')!.communeCode; },
    says: [/Cơ quan UBND-03646/, /cấp xã nhưng chưa có mã xã\/phường/],
  },
  {
    name: 'missing field',
    code: 'CATALOGUE_SCHEMA',
    breaker: (c) => { delete procedure(c, 'TP-LLTP-01').field; },
    says: [/Thủ tục TP-LLTP-01, lĩnh vực: bị thiếu/],
  },
  {
    name: 'unknown field (strict objects)',
    code: 'CATALOGUE_SCHEMA',
    breaker: (c) => { procedure(c, 'TP-LLTP-01').fee = 200000; },
    says: [/Thủ tục TP-LLTP-01: có trường không được phép: fee/],
  },
  {
    name: 'bad document form',
    code: 'CATALOGUE_SCHEMA',
    breaker: (c) => { procedure(c, 'GT-GPLX-01').documents[0]!.form = 'ban chinh'; },
    says: [/giấy tờ 1 \(DON\), hình thức giấy tờ: phải là một trong: «original», «copy»/],
  },
  {
    name: 'zero count',
    code: 'CATALOGUE_SCHEMA',
    breaker: (c) => { procedure(c, 'GT-GPLX-01').documents[0]!.count = 0; },
    says: [/giấy tờ 1 \(DON\), số lượng: phải từ 1 trở lên/],
  },
  {
    name: 'fractional processing days',
    code: 'CATALOGUE_SCHEMA',
    breaker: (c) => { procedure(c, 'CA-HC-02').processing.days = 7.5; },
    says: [/Thủ tục CA-HC-02, thời hạn giải quyết, số ngày: phải là số nguyên/],
  },
  {
    name: 'empty name',
    code: 'CATALOGUE_SCHEMA',
    breaker: (c) => { procedure(c, 'CA-HC-02').name = '   '; },
    says: [/Thủ tục CA-HC-02, tên: không được để trống/],
  },
  {
    name: 'commune code with 4 digits',
    code: 'CATALOGUE_SCHEMA',
    breaker: (c) => { c.agencies[0]!.communeCode = '3646'; },
    says: [/Cơ quan STP, mã xã\/phường: phải gồm đúng 5 chữ số, nhận được «3646»/],
  },
  {
    name: 'wrong province',
    code: 'CATALOGUE_SCHEMA',
    breaker: (c) => { c.province = { code: '01', name: 'Hà Nội' }; },
    says: [/tỉnh, mã: phải là «14»/, /tỉnh, tên: phải là «Sơn La»/],
  },
];

describe('validateCatalogue refuses broken copies with Vietnamese messages', () => {
  it.each(CASES)('$name → $code', ({ code, breaker, says }) => {
    const r = failure(broken(breaker));
    expect(r.code).toBe(code);
    expect(r.message).toMatch(/^Danh mục thủ tục không hợp lệ \(\d+ lỗi\): /);
    for (const re of says) expect(r.message).toMatch(re);
    expect(r.message).toMatch(VIETNAMESE);
    expect(r.message).not.toMatch(ENGLISH);
    expect(r.message).toBe(r.message.normalize('NFC'));
  });

  it('the broken copies are really broken for the plain schema or only for the cross-checks', () => {
    // Cross-check cases pass the zod schema alone: the cross-checks are what catches them.
    const cross = CASES.filter((c) => c.code !== 'CATALOGUE_SCHEMA' && c.code !== 'CATALOGUE_BAD_FEE');
    for (const c of cross) expect(CatalogueSchema.safeParse(broken(c.breaker)).success, c.name).toBe(true);
    const shape = CASES.filter((c) => c.code === 'CATALOGUE_SCHEMA' || c.code === 'CATALOGUE_BAD_FEE');
    for (const c of shape) expect(CatalogueSchema.safeParse(broken(c.breaker)).success, c.name).toBe(false);
  });

  it('reports several problems at once, each with its path', () => {
    const c = broken((x) => {
      procedure(x, 'TP-LLTP-02').code = 'TP-LLTP-01';
      procedure(x, 'GT-GPLX-01').agencyCode = 'SO-GTVT';
      procedure(x, 'TP-HT-03').fees = [];
    });
    const { catalogue, problems } = listCatalogueProblems(c);
    expect(catalogue).toBeUndefined();
    expect(problems.map((p) => p.code).sort()).toEqual(['CATALOGUE_DUPLICATE_PROCEDURE', 'CATALOGUE_NO_FEE', 'CATALOGUE_UNKNOWN_AGENCY']);
    const unknown = problems.find((p) => p.code === 'CATALOGUE_UNKNOWN_AGENCY');
    expect(unknown?.path).toEqual(['procedures', c.procedures.findIndex((p) => p.code === 'GT-GPLX-01'), 'agencyCode']);
    const r = failure(c);
    expect(r.message).toMatch(/\(3 lỗi\)/);
  });

  it('caps a long message and says how many more problems there are', () => {
    const c = broken((x) => { for (const p of x.procedures) p.agencyCode = 'KHONG-CO'; });
    const r = failure(c);
    expect(r.message).toMatch(new RegExp(`\\(${c.procedures.length} lỗi\\)`));
    expect(r.message).toMatch(new RegExp(`và ${c.procedures.length - 5} lỗi khác\\.$`));
  });

  it('lists five problems in full: a sixth is counted, five are not', () => {
    const unknownAgency = (n: number) => broken((x) => { x.procedures.slice(0, n).forEach((p) => { p.agencyCode = 'KHONG-CO'; }); });
    const five = failure(unknownAgency(5));
    expect(five.message.match(/ghi mã cơ quan «KHONG-CO»/g)).toHaveLength(5);
    expect(five.message).toMatch(/^Danh mục thủ tục không hợp lệ \(5 lỗi\): .*này\.$/);
    const six = failure(unknownAgency(6));
    expect(six.message.match(/ghi mã cơ quan «KHONG-CO»/g)).toHaveLength(5);
    expect(six.message).toMatch(/^Danh mục thủ tục không hợp lệ \(6 lỗi\): .* … và 1 lỗi khác\.$/);
  });

  it('each cross-check names the item by its position and points at the field', () => {
    const c = broken((x) => {
      x.agencies.push({ ...x.agencies[0]! }); // a second STP, last
      delete x.agencies.find((a) => a.code === 'UBND-03670')!.communeCode;
      x.procedures[1]!.code = x.procedures[0]!.code;
      x.procedures[2]!.agencyCode = 'KHONG-CO';
      x.procedures[3]!.documents = [];
      x.procedures[4]!.documents.push({ ...x.procedures[4]!.documents[0]! });
      x.procedures[5]!.fees = [];
      x.procedures[6]!.fees = x.procedures[6]!.fees.map((f) => ({ ...f, category: 'mien_giam' }));
      x.procedures[7]!.fees.push({ ...x.procedures[7]!.fees[0]! });
      x.procedures[8]!.inPersonOnly = true;
      delete x.procedures[8]!.inPersonReason;
      x.procedures[9]!.reclaimOldPapers = true;
      delete x.procedures[9]!.reclaimNote;
    });
    const communes = new Set(['03646', '03679', '03670', '04105']); // 03980 is not one
    const { problems } = listCatalogueProblems(c, { communeCodes: communes });
    const commune = c.agencies.findIndex((a) => a.code === 'UBND-03670');
    const unknownCommune = c.agencies.findIndex((a) => a.communeCode === '03980');
    const last = c.agencies.length - 1;
    const docs = c.procedures[4]!.documents.length;
    const fees = c.procedures[7]!.fees.length;
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['CATALOGUE_COMMUNE_CODE', ['agencies', commune, 'communeCode']],
      ['CATALOGUE_UNKNOWN_COMMUNE', ['agencies', unknownCommune, 'communeCode']],
      ['CATALOGUE_DUPLICATE_AGENCY', ['agencies', last, 'code']],
      ['CATALOGUE_DUPLICATE_PROCEDURE', ['procedures', 1, 'code']],
      ['CATALOGUE_UNKNOWN_AGENCY', ['procedures', 2, 'agencyCode']],
      ['CATALOGUE_NO_DOCUMENT', ['procedures', 3, 'documents']],
      ['CATALOGUE_DUPLICATE_DOCUMENT', ['procedures', 4, 'documents', docs - 1, 'code']],
      ['CATALOGUE_NO_FEE', ['procedures', 5, 'fees']],
      ['CATALOGUE_NO_STANDARD_FEE', ['procedures', 6, 'fees']],
      ['CATALOGUE_DUPLICATE_FEE', ['procedures', 7, 'fees', fees - 1, 'category']],
      ['CATALOGUE_IN_PERSON_REASON', ['procedures', 8, 'inPersonReason']],
      ['CATALOGUE_RECLAIM_NOTE', ['procedures', 9, 'reclaimNote']],
    ]);
    expect(problems[2]!.message).toBe(`Mã cơ quan «STP» bị trùng (cơ quan thứ ${last + 1}, «Sở Tư pháp tỉnh Sơn La»). Mỗi cơ quan phải có một mã riêng.`);
    expect(problems[3]!.message).toMatch(/^Mã thủ tục «BHXH-SO-01» bị trùng \(thủ tục thứ 2, «Điều chỉnh thông tin cá nhân/);
  });

  it('an agency above the commune level may go without a commune code', () => {
    const c = broken((x) => { delete x.agencies[0]!.communeCode; });
    expect(validateCatalogue(c).ok).toBe(true);
  });

  it('refuses things that are not a catalogue at all', () => {
    expect(failure(null).message).toMatch(/Danh mục: phải là đối tượng/);
    expect(failure([]).message).toMatch(/Danh mục: phải là đối tượng, nhận được một danh sách/);
    expect(failure({}).message).toMatch(/phiên bản: bị thiếu/);
  });

  it('must() turns a refusal into a DomainError carrying the Vietnamese message', () => {
    const bad = broken((x) => { procedure(x, 'TP-HT-01').documents = []; });
    expect(() => must(validateCatalogue(bad), 'catalogue')).toThrow(DomainError);
    try {
      must(validateCatalogue(bad), 'catalogue');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('CATALOGUE_NO_DOCUMENT');
      expect((e as DomainError).message).toMatch(/chưa có thành phần hồ sơ/);
    }
  });
});

describe('validateCatalogue with the administrative units', () => {
  const units = JSON.parse(readFileSync(ADMIN_UNITS_PATH, 'utf8')) as Array<{ Code: string; Wards: Array<{ Code: string }> }>;
  const sonLa = new Set(units.find((u) => u.Code === '14')?.Wards.map((w) => w.Code));
  const haNoi = new Set(units.find((u) => u.Code === '01')?.Wards.map((w) => w.Code));

  it('accepts the sample when its communes are checked against province 14', () => {
    expect(sonLa.size).toBe(75);
    expect(validateCatalogue(sampleJson(), { communeCodes: sonLa }).ok).toBe(true);
  });

  it('refuses a commune code of another province, or one that no longer exists', () => {
    const r = validateCatalogue(sampleJson(), { communeCodes: haNoi });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('CATALOGUE_UNKNOWN_COMMUNE');
    expect(r.message).toMatch(/Cơ quan STP \(«Sở Tư pháp tỉnh Sơn La»\) ghi mã xã\/phường «03646» nhưng mã này không có trong danh mục đơn vị hành chính hiện hành của tỉnh Sơn La\./);
    // A well-formed code that is not a current unit of province 14.
    const old = broken((x) => { x.agencies.find((a) => a.code === 'UBND-03646')!.communeCode = '03652'; });
    expect(sonLa.has('03652')).toBe(false);
    expect(validateCatalogue(old).ok).toBe(true); // without the units only the shape is checked
    const r2 = validateCatalogue(old, { communeCodes: sonLa });
    expect(r2.ok ? '' : r2.code).toBe('CATALOGUE_UNKNOWN_COMMUNE');
  });
});

describe('validateCatalogue normalises text', () => {
  it('accepts a catalogue typed in NFD (Unicode tổ hợp) and returns NFC', () => {
    const nfd = JSON.parse(JSON.stringify(sampleJson()).normalize('NFD')) as SampleDoc;
    expect(String(nfd.procedures[0]!.name)).not.toBe(String(nfd.procedures[0]!.name).normalize('NFC'));
    const r = validateCatalogue(nfd);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.province.name).toBe('Sơn La');
    expect(r.value.procedures[0]!.name).toBe(r.value.procedures[0]!.name.normalize('NFC'));
    expect(r.value).toEqual(must(validateCatalogue(sampleJson())));
  });

  it('trims surrounding spaces from text fields', () => {
    const c = broken((x) => { procedure(x, 'TP-HT-01').name = '  Đăng ký khai sinh  '; });
    const r = must(validateCatalogue(c));
    expect(r.procedures.find((p) => p.code === 'TP-HT-01')?.name).toBe('Đăng ký khai sinh');
  });

  it('does not modify its input', () => {
    const c = broken((x) => { procedure(x, 'TP-HT-01').name = 'Đăng ký khai sinh'.normalize('NFD'); });
    const before = JSON.stringify(c);
    validateCatalogue(c);
    expect(JSON.stringify(c)).toBe(before);
  });
});
