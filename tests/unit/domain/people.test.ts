import { describe, expect, it } from 'vitest';
import {
  CCCD_PROVINCES,
  OLD_MOBILE_PREFIXES,
  checkCccd,
  checkCmnd,
  checkIdNumber,
  checkPassport,
  maskIdNumber,
  normalizePhone,
  phoneKind,
} from '../../../src/shared/people';

const NOW = 2026;

describe('CCCD', () => {
  it('knows exactly the 63 pre-2025 province codes, all in 001..096', () => {
    const codes = Object.keys(CCCD_PROVINCES);
    expect(codes).toHaveLength(63);
    for (const c of codes) expect(c).toMatch(/^0\d\d$/);
    expect(codes.every((c) => Number(c) >= 1 && Number(c) <= 96)).toBe(true);
    expect(CCCD_PROVINCES['014']).toBe('Sơn La');
    expect(CCCD_PROVINCES['001']).toBe('Hà Nội');
    expect(CCCD_PROVINCES['079']).toBe('Hồ Chí Minh');
    // codes that were never provinces
    for (const gap of ['000', '003', '005', '009', '013', '016', '018', '021', '023', '028', '029', '032', '039', '041', '043', '047', '050', '053', '055', '057', '059', '061', '063', '065', '069', '071', '073', '076', '078', '081', '085', '088', '090', '097', '099']) {
      expect(CCCD_PROVINCES[gap]).toBeUndefined();
    }
  });

  it.each([
    ['014085001234', '014', 'Sơn La', 'male', 1985],
    ['014185001234', '014', 'Sơn La', 'female', 1985],
    ['001203012345', '001', 'Hà Nội', 'male', 2003],
    ['079304000001', '079', 'Hồ Chí Minh', 'female', 2004],
    ['096226999999', '096', 'Cà Mau', 'male', 2026],
    ['014 085 001234', '014', 'Sơn La', 'male', 1985],
    ['014.085.001234', '014', 'Sơn La', 'male', 1985],
    ['031006123456', '031', 'Hải Phòng', 'male', 1906], // exactly 120 years before 2026
  ])('%s → %s %s %s %d', (input, provinceCode, provinceName, sex, birthYear) => {
    const c = checkCccd(input, NOW);
    expect(c).toEqual({ ok: true, value: { value: input.replace(/\D/g, ''), provinceCode, provinceName, sex, birthYear } });
  });

  it.each([
    ['', 'cccd.empty'],
    ['01408500123', 'cccd.length'],
    ['0140850012345', 'cccd.length'],
    ['01408500123A', 'cccd.not_digits'],
    ['O14085001234', 'cccd.not_digits'],
    ['003085001234', 'cccd.province'], // 003 was never a province
    ['000085001234', 'cccd.province'],
    ['097085001234', 'cccd.province'],
    ['999085001234', 'cccd.province'],
    ['014685001234', 'cccd.century'], // 2200s not allowed
    ['014985001234', 'cccd.century'],
    ['014227001234', 'cccd.birth_year_future'], // 2027 > 2026
    ['014299001234', 'cccd.birth_year_future'],
    ['014400001234', 'cccd.birth_year_future'], // 2100
    ['014005001234', 'cccd.birth_year_old'], // 1905: 121 years
  ])('%j is refused with %s', (input, code) => {
    const c = checkCccd(input, NOW);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.code).toBe(code);
      expect(c.message.length).toBeGreaterThan(10);
      expect(c.message).toBe(c.message.normalize('NFC'));
    }
  });

  it('uses the current year when none is given', () => {
    const y = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    const yy = String(y % 100).padStart(2, '0');
    const next = String((y + 1) % 100).padStart(2, '0');
    const c2000 = y >= 2100 ? '4' : '2';
    expect(checkCccd(`014${c2000}${yy}001234`).ok).toBe(true);
    expect(checkCccd(`014${c2000}${next}001234`).ok).toBe(false);
  });
});

describe('CMND and passport', () => {
  it.each([
    ['050123456', '050123456'],
    ['050 123 456', '050123456'],
    ['014085001234', '014085001234'],
  ])('CMND %j → %s', (input, v) => {
    expect(checkCmnd(input)).toEqual({ ok: true, value: v });
  });

  it.each(['', '12345678', '1234567890', '12345678901', '0501234a6', '1234567890123'])('CMND %j refused', (input) => {
    expect(checkCmnd(input).ok).toBe(false);
  });

  it.each([
    ['C1234567', 'C1234567'],
    ['c1234567', 'C1234567'],
    [' B 1234567 ', 'B1234567'],
  ])('passport %j → %s', (input, v) => {
    expect(checkPassport(input)).toEqual({ ok: true, value: v });
  });

  it.each(['', '1234567', 'C123456', 'C12345678', 'CC123456', '12345678', 'Ć1234567'])('passport %j refused', (input) => {
    const c = checkPassport(input);
    expect(c.ok).toBe(false);
  });

  it.each([
    ['cccd', '014 085 001234', { ok: true, value: '014085001234' }],
    ['cccd', '003085001234', { ok: false, code: 'cccd.province' }],
    ['cmnd', '050123456', { ok: true, value: '050123456' }],
    ['passport', 'n1234567', { ok: true, value: 'N1234567' }],
    ['passport', '050123456', { ok: false, code: 'passport.format' }],
  ] as const)('checkIdNumber(%s, %j)', (kind, input, expected) => {
    expect(checkIdNumber(kind, input, NOW)).toMatchObject(expected);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['014085001234', '0140****1234'],
    ['050123456', '05*****56'],
    ['C1234567', 'C1****67'],
    ['1234', '****'],
    ['', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['091 234 5678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['(091) 234 5678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84 0912 345 678', '0912345678'],
    ['(+84) 912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0084912345678', '0912345678'],
    ['912345678', '0912345678'],
    ['0389999999', '0389999999'],
    ['0561234567', '0561234567'],
    ['0701234567', '0701234567'],
    ['0812345678', '0812345678'],
    ['０９１２３４５６７８', '0912345678'],
    // landlines: 11 digits starting 02
    ['0212 3852 123', '02123852123'],
    ['024 3825 1234', '02438251234'],
    ['+84 24 3825 1234', '02438251234'],
    // old 11-digit mobiles
    ['01234567890', '0834567890'],
    ['+84 1234567890', '0834567890'],
    ['0169 123 4567', '0391234567'],
  ])('%j → %s', (input, canonical) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value: canonical });
  });

  it('maps every old prefix of domain.md 3.2, last 7 digits unchanged', () => {
    const table: Array<[string, string]> = [
      ['0162', '032'], ['0163', '033'], ['0164', '034'], ['0165', '035'], ['0166', '036'], ['0167', '037'], ['0168', '038'], ['0169', '039'],
      ['0120', '070'], ['0121', '079'], ['0122', '077'], ['0126', '076'], ['0128', '078'],
      ['0123', '083'], ['0124', '084'], ['0125', '085'], ['0127', '081'], ['0129', '082'],
      ['0186', '056'], ['0188', '058'],
      ['0199', '059'],
    ];
    expect(Object.keys(OLD_MOBILE_PREFIXES).sort()).toEqual(table.map(([o]) => o).sort());
    for (const [oldP, newP] of table) {
      expect(normalizePhone(`${oldP}7654321`)).toEqual({ ok: true, value: `${newP}7654321` });
      expect(normalizePhone(`+84 ${oldP.slice(1)} 765 4321`)).toEqual({ ok: true, value: `${newP}7654321` });
      expect(phoneKind(`${newP}7654321`)).toBe('mobile');
    }
  });

  it.each([
    ['', 'phone.empty'],
    ['   ', 'phone.empty'],
    ['09123', 'phone.length'],
    ['091234567890', 'phone.length'],
    ['0112345678', 'phone.prefix'],
    ['0412345678', 'phone.prefix'],
    ['0612345678', 'phone.prefix'],
    ['01301234567', 'phone.old_prefix'],
    ['01851234567', 'phone.old_prefix'],
    ['+1 650 555 1234', 'phone.country'],
    ['1900 54 54 81', 'phone.service'],
    ['1800 1234', 'phone.service'],
    ['0912 ABC 678', 'phone.chars'],
    ['0912345678 ext 2', 'phone.chars'],
  ])('%j is refused with %s', (input, code) => {
    const c = normalizePhone(input);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.code).toBe(code);
  });

  it('tells landlines from mobiles', () => {
    expect(phoneKind('02123852123')).toBe('landline');
    expect(phoneKind('0912345678')).toBe('mobile');
  });
});
