/**
 * The sample catalogue for Sơn La (resources/reference/catalogue-son-la.sample.json): it validates,
 * it is broad enough for a counter demo, its known facts match domain.md §4, its text is NFC and its
 * commune codes are real 2025 units of province 14.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateCatalogue, type Catalogue, type Procedure } from '../../../src/shared/catalogue';
import { ADMIN_UNITS_PATH, sampleJson, sampleText } from './helpers';

function loadSample(): Catalogue {
  const check = validateCatalogue(JSON.parse(sampleText()));
  if (!check.ok) throw new Error(`${check.code}: ${check.message}`);
  return check.value;
}

function proc(c: Catalogue, code: string): Procedure {
  const p = c.procedures.find((x) => x.code === code);
  if (!p) throw new Error(`procedure ${code} missing`);
  return p;
}

function fee(p: Procedure, category: string): number | undefined {
  return p.fees.find((f) => f.category === category)?.amount;
}

describe('sample catalogue: shape and breadth', () => {
  let c: Catalogue;
  beforeAll(() => {
    c = loadSample();
  });

  it('validates against the schema and the cross-checks', () => {
    expect(validateCatalogue(sampleJson())).toMatchObject({ ok: true });
  });

  it('is Sơn La, marked as sample, and says so in Vietnamese', () => {
    expect(c.province).toEqual({ code: '14', name: 'Sơn La' });
    expect(c.sample).toBe(true);
    expect(c.generatedNote).toMatch(/dữ liệu mẫu/i);
    expect(c.generatedNote).toMatch(/tỉnh Sơn La cung cấp/);
  });

  it('holds at least 34 procedures across at least 8 fields', () => {
    expect(c.procedures.length).toBeGreaterThanOrEqual(34);
    expect(new Set(c.procedures.map((p) => p.field)).size).toBeGreaterThanOrEqual(8);
  });

  it('covers every area a post office serves', () => {
    const fields = new Set(c.procedures.map((p) => p.field));
    for (const f of ['Bảo hiểm xã hội', 'Bảo hiểm y tế', 'Giấy phép lái xe', 'Đăng ký xe', 'Lý lịch tư pháp', 'Chứng thực', 'Hộ tịch',
      'Xuất nhập cảnh', 'Cư trú', 'Căn cước', 'Đất đai', 'Hộ kinh doanh', 'Đăng ký doanh nghiệp', 'Lao động nước ngoài', 'Việc làm',
      'Khám bệnh, chữa bệnh', 'Văn bằng, chứng chỉ']) {
      expect(fields, f).toContain(f);
    }
  });

  it('names the agencies of the 2025 reorganisation', () => {
    const names = c.agencies.map((a) => a.name);
    for (const fragment of ['Sở Tư pháp', 'Phòng Quản lý xuất nhập cảnh', 'Phòng Cảnh sát giao thông', 'Bảo hiểm xã hội tỉnh Sơn La',
      'Sở Nông nghiệp và Môi trường', 'Sở Tài chính', 'Sở Nội vụ', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Văn phòng Đăng ký đất đai',
      'Ủy ban nhân dân phường Tô Hiệu', 'Ủy ban nhân dân phường Chiềng Cơi']) {
      expect(names.some((n) => n.includes(fragment)), fragment).toBe(true);
    }
    expect(c.agencies.filter((a) => a.level === 'commune').length).toBeGreaterThanOrEqual(3);
    // Driver's licences went to the police in 2025.
    expect(c.agencies.find((a) => a.code === proc(c, 'GT-GPLX-01').agencyCode)?.name).toMatch(/Công an tỉnh Sơn La/);
  });

  it('every agency is used by at least one procedure', () => {
    const used = new Set(c.procedures.map((p) => p.agencyCode));
    expect(c.agencies.filter((a) => !used.has(a.code)).map((a) => a.code)).toEqual([]);
  });

  it('every procedure has a standard fee, a required document, aliases, and consistent flags', () => {
    for (const p of c.procedures) {
      expect(p.fees.filter((f) => f.category === 'standard'), p.code).toHaveLength(1);
      // What the counter checks at intake; in-person procedures are refused before that point.
      if (!p.inPersonOnly) expect(p.documents.some((d) => d.required), p.code).toBe(true);
      expect(p.aliases.length, p.code).toBeGreaterThanOrEqual(2);
      for (const a of p.aliases) expect(a, `${p.code} alias`).toBe(a.toLowerCase());
      expect(p.inPersonReason !== undefined, `${p.code} inPersonReason only with inPersonOnly`).toBe(p.inPersonOnly);
      expect(p.reclaimNote !== undefined, `${p.code} reclaimNote only with reclaimOldPapers`).toBe(p.reclaimOldPapers);
      for (const f of p.fees) expect(f.amount % 1000, `${p.code} ${f.category} whole thousands`).toBe(0);
    }
  });

  it('uses every document form somewhere', () => {
    const forms = new Set(c.procedures.flatMap((p) => p.documents.map((d) => d.form)));
    expect([...forms].sort()).toEqual(['certified_copy', 'copy', 'original', 'original_or_copy']);
  });
});

describe('sample catalogue: facts of domain.md §4', () => {
  let c: Catalogue;
  beforeAll(() => {
    c = loadSample();
  });

  it('marks verified exactly the procedures whose facts domain.md states', () => {
    const verified = c.procedures.filter((p) => p.verified).map((p) => p.code).sort();
    expect(verified).toEqual(['BHXH-SO-01', 'CA-HC-01', 'CA-HC-02', 'CA-HC-03', 'GT-GPLX-01', 'TP-LLTP-01', 'TP-LLTP-02']);
    for (const p of c.procedures) expect(p.source, p.code).toBe(p.verified ? 'domain.md §4' : 'dữ liệu mẫu');
    expect(c.agencies.every((a) => !a.verified)).toBe(true);
  });

  it('judicial record certificates: Sở Tư pháp, 10 days (15 complex), 200,000 / 100,000 / free', () => {
    for (const code of ['TP-LLTP-01', 'TP-LLTP-02']) {
      const p = proc(c, code);
      expect(c.agencies.find((a) => a.code === p.agencyCode)?.name).toBe('Sở Tư pháp tỉnh Sơn La');
      expect(p.processing.days).toBe(10);
      expect(p.processing.note).toMatch(/15 ngày/);
      expect(fee(p, 'standard')).toBe(200_000);
      expect(fee(p, 'student')).toBe(100_000);
      expect(fee(p, 'merit')).toBe(100_000);
      expect(fee(p, 'child')).toBe(0);
      expect(fee(p, 'elderly')).toBe(0);
      expect(p.inPersonOnly).toBe(false);
    }
    expect(proc(c, 'TP-LLTP-01').name).toContain('Phiếu lý lịch tư pháp số 1');
    expect(proc(c, 'TP-LLTP-02').name).toContain('Phiếu lý lịch tư pháp số 2');
  });

  it("driver's licence exchange: police, 5 working days, 135,000 (115,000 online), old licence reclaimed", () => {
    const p = proc(c, 'GT-GPLX-01');
    expect(p.processing).toMatchObject({ days: 5, unit: 'working' });
    expect(fee(p, 'standard')).toBe(135_000);
    expect(fee(p, 'online')).toBe(115_000);
    expect(p.reclaimOldPapers).toBe(true);
    expect(p.reclaimNote).toMatch(/giấy phép lái xe cũ/);
    const byCode = new Map(p.documents.map((d) => [d.code, d]));
    expect(byCode.get('DON')?.form).toBe('original');
    expect(byCode.get('GPLX-CU')).toMatchObject({ form: 'original', required: true });
    expect(byCode.get('GPLX-CU')?.note).toMatch(/thu hồi/);
    expect(byCode.get('GKSK')).toMatchObject({ form: 'original', name: expect.stringContaining('Giấy khám sức khỏe') });
    expect(byCode.get('CCCD')?.form).toBe('copy');
  });

  it('ordinary passport: immigration office, 8 working days, 200,000 new, 400,000 after loss, first chip passport in person', () => {
    const first = proc(c, 'CA-HC-01');
    const renew = proc(c, 'CA-HC-02');
    const lost = proc(c, 'CA-HC-03');
    for (const p of [first, renew, lost]) {
      expect(p.processing).toMatchObject({ days: 8, unit: 'working' });
      expect(c.agencies.find((a) => a.code === p.agencyCode)?.name).toMatch(/Phòng Quản lý xuất nhập cảnh – Công an tỉnh Sơn La/);
    }
    expect(fee(first, 'standard')).toBe(200_000);
    expect(fee(renew, 'standard')).toBe(200_000);
    expect(fee(lost, 'standard')).toBe(400_000);
    expect(first.inPersonOnly).toBe(true);
    expect(first.inPersonReason).toMatch(/vân tay/);
    expect(first.inPersonReason).toMatch(/không thể gửi qua bưu điện/);
    expect(renew.inPersonOnly).toBe(false);
    expect(lost.inPersonOnly).toBe(false);
  });

  it('social insurance book re-issue: free, form TK1-TS, time marked as not confirmed', () => {
    const p = proc(c, 'BHXH-SO-01');
    expect(c.agencies.find((a) => a.code === p.agencyCode)?.name).toBe('Bảo hiểm xã hội tỉnh Sơn La');
    expect(p.fees).toHaveLength(1);
    expect(fee(p, 'standard')).toBe(0);
    expect(p.documents.find((d) => d.code === 'TK1-TS')).toMatchObject({ form: 'original', required: true, name: expect.stringContaining('mẫu TK1-TS') });
    expect(p.processing.note).toMatch(/Thời hạn giải quyết chưa được xác nhận/);
    expect(p.processing.note).toMatch(/không thu phí cũng chưa có văn bản xác nhận/);
  });
});

describe('sample catalogue: in-person-only procedures', () => {
  let c: Catalogue;
  beforeAll(() => {
    c = loadSample();
  });

  it('refuses first chip passport, ID cards, marriage, signature attestation and first vehicle registration', () => {
    const inPerson = c.procedures.filter((p) => p.inPersonOnly).map((p) => p.code).sort();
    expect(inPerson).toEqual(['CA-CC-01', 'CA-CC-02', 'CA-HC-01', 'GT-DKX-02', 'TP-CT-02', 'TP-HT-02']);
    expect(proc(c, 'CA-CC-01').inPersonReason).toMatch(/vân tay/);
  });

  it('explains each refusal to the citizen in a full Vietnamese sentence that mentions the post office', () => {
    for (const p of c.procedures.filter((x) => x.inPersonOnly)) {
      const r = p.inPersonReason ?? '';
      expect(r.length, p.code).toBeGreaterThan(60);
      expect(r, p.code).toMatch(/bưu điện/);
      expect(r, p.code).toMatch(/\.$/);
    }
  });
});

describe('sample catalogue: text and codes', () => {
  it('every string in the file is NFC (checked on the raw bytes, not after validation)', () => {
    const raw = sampleText();
    expect(raw).toBe(raw.normalize('NFC'));
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => { strings.push(k); walk(x); });
    };
    walk(JSON.parse(raw));
    expect(strings.length).toBeGreaterThan(1000);
    expect(strings.filter((s) => s !== s.normalize('NFC'))).toEqual([]);
    // No stray whitespace, no ASCII apostrophes or straight double quotes standing in for Vietnamese text.
    expect(strings.filter((s) => s !== s.trim() || /\s{2}/u.test(s))).toEqual([]);
  });

  it('uses the 2025 names of the reorganised agencies and one spelling of Ủy ban', () => {
    const raw = sampleText();
    // One spelling of "Ủy ban" throughout (the old tone placement "Uỷ" would split exact-match searches).
    expect(raw).not.toMatch(/[Uu]ỷ/);
    expect(raw).not.toMatch(/Sở Giao thông vận tải|Sở Kế hoạch và Đầu tư|Sở Lao động/);
  });

  it('every communeCode is a 2025 unit of province 14', () => {
    const units = JSON.parse(readFileSync(ADMIN_UNITS_PATH, 'utf8')) as Array<{ Code: string; Wards: Array<{ Code: string; Name: string; FullName: string; ProvinceCode: string }> }>;
    const sonLa = units.find((u) => u.Code === '14');
    expect(sonLa?.Wards.length).toBe(75);
    const byCode = new Map((sonLa?.Wards ?? []).map((w) => [w.Code, w]));
    const c = sampleJson();
    const codes = c.agencies.map((a) => a.communeCode).filter((x): x is string => typeof x === 'string');
    expect(codes.length).toBeGreaterThanOrEqual(5);
    for (const a of c.agencies) {
      expect(a.provinceCode, String(a.code)).toBe('14');
      if (typeof a.communeCode !== 'string') continue;
      const ward = byCode.get(a.communeCode);
      expect(ward, `${String(a.code)} → ${a.communeCode}`).toBeDefined();
      // The address names the same ward/commune as the code.
      expect(String(a.address), String(a.code)).toContain(ward?.FullName ?? '?');
      if (a.level === 'commune') expect(String(a.name).toLowerCase(), String(a.code)).toContain((ward?.FullName ?? '?').toLowerCase());
    }
  });
});
