/**
 * The registry of reference kinds (src/shared/reference-kinds.ts) and the tariff and bank-account
 * schemas: every bundled file validates, the sync protocol accepts exactly the registry's names, and
 * a bad document is refused with WHICH problem (code and path) and a Vietnamese message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReference, describeIssue, documentVersion, isReferenceName, REFERENCE_KINDS, REFERENCE_NAMES } from '../../../src/shared/reference-kinds';
import type { ReferenceName } from '../../../src/shared/reference-kinds';
import { PullChangeSchema } from '../../../src/shared/sync-protocol';
import { intakeTariff, postageFor, postageQuotes, TariffSchema } from '../../../src/shared/tariff';
import type { BankAccounts, Tariff } from '../../../src/shared/tariff';

const DIR = join(__dirname, '../../../resources/reference');
const bundled = (name: ReferenceName): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, REFERENCE_KINDS[name].file), 'utf8')) as Record<string, unknown>;
const VIETNAMESE = /[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i;

function refusal(name: ReferenceName, payload: unknown) {
  const r = checkReference(name, payload);
  if (r.ok) throw new Error(`${name}: expected a refusal`);
  return r;
}

describe('the registry of reference kinds', () => {
  it('lists each kind once with a Vietnamese label, and every bundled file passes its own check', () => {
    expect(REFERENCE_NAMES).toEqual(['catalogue', 'calendar', 'transit', 'tariff', 'bank_accounts', 'cash_denominations', 'search_synonyms', 'counter_security', 'personal_data']);
    for (const name of REFERENCE_NAMES) {
      const kind = REFERENCE_KINDS[name];
      expect(kind.label).toMatch(VIETNAMESE);
      const r = checkReference(name, bundled(name));
      expect(r.ok, `${name}: ${r.ok ? '' : r.message}`).toBe(true);
    }
  });

  it('the bundled tariff and bank account are marked sample until the province sends its own', () => {
    expect(bundled('tariff')['sample']).toBe(true);
    expect(bundled('bank_accounts')['sample']).toBe(true);
    expect(bundled('catalogue')['sample']).toBe(true);
  });

  it('the sync protocol carries exactly the registry’s kinds', () => {
    const change = (name: string) => PullChangeSchema.safeParse({ kind: 'reference', changeId: '1', hubAt: 1, name, version: 'v', payload: {} });
    for (const name of REFERENCE_NAMES) expect(change(name).success).toBe(true);
    expect(change('cash_drawer_limits').success).toBe(false);
    expect(isReferenceName('tariff')).toBe(true);
    expect(isReferenceName('toString')).toBe(false);
  });

  it('a stored document is checked again to the same value (what the counter stores re-reads identically)', () => {
    for (const name of REFERENCE_NAMES) {
      const first = checkReference(name, bundled(name));
      if (!first.ok) throw new Error(first.message);
      const again = checkReference(name, JSON.parse(JSON.stringify(first.value)) as unknown);
      expect(again).toEqual(first);
    }
  });

  it('takes the version from the document when it has one', () => {
    expect(documentVersion(bundled('tariff'))).toBe('2026.07-mau.1');
    expect(documentVersion({ schemaVersion: 1 })).toBe('local');
    expect(documentVersion(null, 'x')).toBe('x');
  });
});

describe('a bad tariff is refused: which problem, in Vietnamese', () => {
  const good = bundled('tariff') as Tariff;
  const withPostage = (postage: Record<string, unknown>) => ({ ...good, postage: { ...good.postage, ...postage } });

  it('a fractional đồng', () => {
    const r = refusal('tariff', withPostage({ send: 27_000.5 }));
    expect(r.code).toBe('BAD_REFERENCE');
    expect(r.problems).toEqual([{ code: 'invalid_type', path: 'postage.send', message: 'Cước chuyển hồ sơ đến cơ quan phải là số nguyên đồng (không có phần lẻ) (postage.send).' }]);
    expect(r.message).toBe('Biểu cước dịch vụ không hợp lệ (1 lỗi): Cước chuyển hồ sơ đến cơ quan phải là số nguyên đồng (không có phần lẻ) (postage.send).');
  });

  it('a negative amount, an amount with a typed extra zero, an amount written as text', () => {
    expect(refusal('tariff', withPostage({ returnPickup: -15_000 })).problems).toEqual([
      { code: 'too_small', path: 'postage.returnPickup', message: 'Cước chuyển kết quả về bưu cục không được âm (postage.returnPickup).' },
    ]);
    expect(refusal('tariff', withPostage({ returnHome: 270_000_000 })).problems).toEqual([
      { code: 'too_big', path: 'postage.returnHome', message: 'Cước phát kết quả tận địa chỉ quá lớn (trên 10.000.000 ₫): hãy kiểm tra lại số tiền (postage.returnHome).' },
    ]);
    expect(refusal('tariff', withPostage({ send: '27.000' })).problems[0]).toMatchObject({ code: 'invalid_type', path: 'postage.send', message: expect.stringMatching(/^Cước chuyển hồ sơ đến cơ quan phải là một số/) as string });
  });

  it('a missing leg, a missing sample mark, an unknown field', () => {
    const { returnHome: _, ...twoLegs } = good.postage;
    expect(refusal('tariff', { ...good, postage: twoLegs }).problems).toEqual([{ code: 'invalid_type', path: 'postage.returnHome', message: 'Cước phát kết quả tận địa chỉ phải là một số (postage.returnHome).' }]);
    const { sample: __, ...unmarked } = good;
    expect(refusal('tariff', unmarked).problems).toEqual([{ code: 'invalid_type', path: 'sample', message: 'Thiếu đánh dấu dữ liệu mẫu (sample: true hoặc false) (sample).' }]);
    expect(refusal('tariff', withPostage({ express: 50_000 })).problems).toEqual([{ code: 'unrecognized_keys', path: 'postage', message: 'Trong “postage” có trường không được phép: express.' }]);
  });

  it('a missing postage table is named with the three legs it must hold', () => {
    const { postage: _, ...noPostage } = good;
    expect(refusal('tariff', noPostage).problems).toEqual([{ code: 'invalid_type', path: 'postage', message: 'Thiếu bảng cước (postage) với send, returnPickup, returnHome (postage).' }]);
    expect(refusal('tariff', { ...good, postage: 27_000 }).problems[0]).toMatchObject({ code: 'invalid_type', path: 'postage', message: 'Thiếu bảng cước (postage) với send, returnPickup, returnHome (postage).' });
  });

  it('lists the first five problems and counts the rest', () => {
    const r = refusal('tariff', { schemaVersion: 2, version: '', sample: 'yes', source: '', postage: { send: -1, returnPickup: 0.5, returnHome: 'x' } });
    expect(r.problems.length).toBe(7);
    expect(r.message).toMatch(/^Biểu cước dịch vụ không hợp lệ \(7 lỗi\): .* … và 2 lỗi khác\.$/);
    for (const p of r.problems) expect(p.message).toMatch(VIETNAMESE);
  });
});

describe('a bad bank account is refused', () => {
  const good = bundled('bank_accounts') as BankAccounts;
  it('a BIN that is not 6 digits, an account number with a space', () => {
    expect(refusal('bank_accounts', { ...good, intake: { ...good.intake, bankBin: '97040' } }).problems).toEqual([
      { code: 'invalid_format', path: 'intake.bankBin', message: 'Mã ngân hàng (bankBin, mã BIN của NAPAS) phải gồm đúng 6 chữ số (intake.bankBin).' },
    ]);
    expect(refusal('bank_accounts', { ...good, intake: { ...good.intake, accountNumber: '7900 2010' } }).problems[0]).toMatchObject({ code: 'invalid_format', path: 'intake.accountNumber' });
    const { intake: _, ...noAccount } = good;
    expect(refusal('bank_accounts', noAccount).problems).toEqual([
      { code: 'invalid_type', path: 'intake', message: 'Thiếu tài khoản nhận tiền (intake) với bankBin, bankName, accountNumber, owner (intake).' },
    ]);
    expect(refusal('bank_accounts', { ...good, intake: { ...good.intake, branch: 'Sơn La' } }).problems).toEqual([
      { code: 'unrecognized_keys', path: 'intake', message: 'Trong “intake” có trường không được phép: branch.' },
    ]);
  });
});

describe('the other kinds through the registry', () => {
  it('a catalogue problem keeps its catalogue code and the catalogue’s message', () => {
    const r = refusal('catalogue', { ...bundled('catalogue'), procedures: [{ code: 'X' }] });
    expect(r.code).toBe('CATALOGUE_SCHEMA');
    expect(r.message).toMatch(/^Danh mục thủ tục không hợp lệ \(\d+ lỗi\): /);
  });

  it('schemas with English messages are described in Vietnamese', () => {
    const r = refusal('transit', { ...bundled('transit'), schemaVersion: 2 });
    expect(r.problems).toEqual([{ code: 'invalid_value', path: 'schemaVersion', message: 'Trường “schemaVersion” có giá trị không được phép (được phép: 1).' }]);
    expect(r.message).toMatch(/^Bảng chỉ tiêu thời gian chuyển phát không hợp lệ \(1 lỗi\)/);
    const cal = refusal('calendar', { ...bundled('calendar'), years: 'none' });
    expect(cal.problems[0]).toMatchObject({ code: 'invalid_type', path: 'years', message: 'Trường “years” sai kiểu dữ liệu (cần danh sách).' });
    const missing = TariffSchema.safeParse({});
    expect(missing.success).toBe(false);
    if (!missing.success) for (const i of missing.error.issues) expect(describeIssue(i).message).toMatch(VIETNAMESE);
  });
});

describe('postage from the tariff', () => {
  const t = (bundled('tariff') as Tariff).postage;
  it('prices every service and return method in whole đồng', () => {
    expect(postageFor(t, 'both', 'pickup')).toBe(42_000);
    expect(postageFor(t, 'both', 'home')).toBe(54_000);
    expect(postageFor(t, 'send', 'home')).toBe(27_000);
    expect(postageFor(t, 'return', 'pickup')).toBe(15_000);
    expect(postageFor(t, 'return', 'none')).toBe(0);
    const q = postageQuotes(t);
    expect(q).toEqual({
      send: { pickup: 27_000, home: 27_000, none: 27_000 },
      return: { pickup: 15_000, home: 27_000, none: 0 },
      both: { pickup: 42_000, home: 54_000, none: 27_000 },
    });
    for (const s of Object.values(q)) for (const v of Object.values(s)) expect(Number.isSafeInteger(v)).toBe(true);
  });

  it('gives the intake screen the quotes and the account, each with its sample mark', () => {
    const view = intakeTariff(bundled('tariff') as Tariff, bundled('bank_accounts') as BankAccounts);
    expect(view.postage).toMatchObject({ version: '2026.07-mau.1', sample: true });
    expect(view.account).toEqual({ bankBin: '970405', bankName: 'Agribank', accountNumber: '7900201000123', owner: 'BƯU ĐIỆN TỈNH SƠN LA', version: '2026.07-mau.1', sample: true });
  });
});
