import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CCCD_PROVINCES,
  OLD_MOBILE_PREFIXES,
  checkCccd,
  checkCmnd,
  checkIdNumber,
  checkNationality,
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

  const NOT_PROVINCE = (p: string) => `Ba chữ số đầu (${p}) không phải mã tỉnh nơi đăng ký khai sinh hợp lệ.`;
  const CENTURY = (d: number) => `Chữ số thứ tư (${d}) không hợp lệ: mã thế kỷ và giới tính chỉ từ 0 đến 5.`;
  const FUTURE = (y: number) => `Năm sinh suy ra từ số căn cước (${y}) ở tương lai.`;
  it.each([
    ['', 'cccd.empty', 'Chưa nhập số căn cước công dân.'],
    [' . ', 'cccd.empty', 'Chưa nhập số căn cước công dân.'],
    ['01408500123', 'cccd.length', 'Số căn cước công dân phải có đúng 12 chữ số; đã nhập 11 chữ số.'],
    ['0140850012345', 'cccd.length', 'Số căn cước công dân phải có đúng 12 chữ số; đã nhập 13 chữ số.'],
    ['01408500123A', 'cccd.not_digits', 'Số căn cước công dân chỉ gồm chữ số.'],
    ['O14085001234', 'cccd.not_digits', 'Số căn cước công dân chỉ gồm chữ số.'],
    ['003085001234', 'cccd.province', NOT_PROVINCE('003')], // 003 was never a province
    ['000085001234', 'cccd.province', NOT_PROVINCE('000')],
    ['097085001234', 'cccd.province', NOT_PROVINCE('097')],
    ['999085001234', 'cccd.province', NOT_PROVINCE('999')],
    ['014685001234', 'cccd.century', CENTURY(6)], // 2200s not allowed
    ['014985001234', 'cccd.century', CENTURY(9)],
    ['014227001234', 'cccd.birth_year_future', FUTURE(2027)], // 2027 > 2026
    ['014299001234', 'cccd.birth_year_future', FUTURE(2099)],
    ['014400001234', 'cccd.birth_year_future', FUTURE(2100)], // 2100
    ['014500001234', 'cccd.birth_year_future', FUTURE(2100)], // 5 is still a century digit (2100s, female)
    ['014005001234', 'cccd.birth_year_old', 'Năm sinh suy ra từ số căn cước (1905) không hợp lý.'], // 1905: 121 years
  ])('%j is refused with %s', (input, code, message) => {
    expect(checkCccd(input, NOW)).toEqual({ ok: false, code, message });
  });

  it('reads the groups people type with underscores too', () => {
    expect(checkCccd('014_085_001234', NOW)).toMatchObject({ ok: true, value: { value: '014085001234' } });
  });

  describe('the current year, in Vietnam, when none is given', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    it('is already the new year at 00:30 on 1 January in Vietnam (17:30 UTC the day before)', () => {
      vi.useFakeTimers();
      vi.setSystemTime(Date.UTC(2026, 11, 31, 17, 30));
      expect(checkCccd('014227001234').ok).toBe(true); // born 2027
      vi.setSystemTime(Date.UTC(2026, 11, 31, 16, 30));
      expect(checkCccd('014227001234')).toMatchObject({ ok: false, code: 'cccd.birth_year_future' });
    });
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

  const CMND_LENGTH = (n: number) => `Số chứng minh nhân dân phải có 9 hoặc 12 chữ số; đã nhập ${n} chữ số.`;
  it.each([
    ['', 'cmnd.empty', 'Chưa nhập số chứng minh nhân dân.'],
    ['12345678', 'cmnd.length', CMND_LENGTH(8)],
    ['1234567890', 'cmnd.length', CMND_LENGTH(10)],
    ['12345678901', 'cmnd.length', CMND_LENGTH(11)],
    ['0501234a6', 'cmnd.not_digits', 'Số chứng minh nhân dân chỉ gồm chữ số.'],
    ['1234567890123', 'cmnd.length', CMND_LENGTH(13)],
  ])('CMND %j refused with %s', (input, code, message) => {
    expect(checkCmnd(input)).toEqual({ ok: false, code, message });
  });

  it.each([
    ['C1234567', 'C1234567'],
    ['c1234567', 'C1234567'],
    [' B 1234567 ', 'B1234567'],
  ])('passport %j → %s', (input, v) => {
    expect(checkPassport(input)).toEqual({ ok: true, value: v });
  });

  it('passport: an empty entry is told apart from a wrong one', () => {
    expect(checkPassport(' ')).toEqual({ ok: false, code: 'passport.empty', message: 'Chưa nhập số hộ chiếu.' });
  });

  // 'CC1234567' and 'C12345678' hold a valid number inside: the whole entry must be one.
  it.each(['1234567', 'C123456', 'C12345678', 'CC123456', 'CC1234567', '12345678', 'Ć1234567', 'CABCDEFG'])('passport %j refused', (input) => {
    expect(checkPassport(input)).toEqual({ ok: false, code: 'passport.format', message: 'Số hộ chiếu phải gồm 1 chữ cái và 7 chữ số (ví dụ C1234567).' });
  });

  it.each([
    ['cccd', '014 085 001234', { ok: true, value: '014085001234' }],
    ['cccd', '003085001234', { ok: false, code: 'cccd.province' }],
    ['cmnd', '050123456', { ok: true, value: '050123456' }],
    ['cmnd', '05012345', { ok: false, code: 'cmnd.length' }],
    ['passport', 'n1234567', { ok: true, value: 'N1234567' }],
    ['passport', '050123456', { ok: false, code: 'passport.format' }],
  ] as const)('checkIdNumber(%s, %j)', (kind, input, expected) => {
    expect(checkIdNumber(kind, input, NOW)).toMatchObject(expected);
  });
});

describe('nationality and foreign passports (ICAO 9303)', () => {
  const UNKNOWN = (v: string) => `“${v}” không phải mã quốc tịch trên hộ chiếu (mã 3 chữ cái theo ICAO, ví dụ VNM, LAO, CHN, USA).`;
  it.each([
    ['vnm', 'VNM'],
    [' deu ', 'DEU'],
    ['Lao', 'LAO'],
    ['d', 'D'], // ICAO's one-letter code for Germany
    ['ｇｂｄ', 'GBD'], // full-width letters from a CJK keyboard
    ['xxa', 'XXA'],
  ])('nationality %j → %s', (input, code) => {
    expect(checkNationality(input)).toEqual({ ok: true, value: code });
  });
  it.each([
    ['', 'nationality.empty', 'Chưa nhập quốc tịch (mã 3 chữ cái trên hộ chiếu, ví dụ VNM, LAO, CHN).'],
    ['   ', 'nationality.empty', 'Chưa nhập quốc tịch (mã 3 chữ cái trên hộ chiếu, ví dụ VNM, LAO, CHN).'],
    ['xyz', 'nationality.unknown', UNKNOWN('XYZ')],
    ['VN', 'nationality.unknown', UNKNOWN('VN')],
    ['VNMM', 'nationality.unknown', UNKNOWN('VNMM')],
    ['V NM', 'nationality.unknown', UNKNOWN('V NM')],
  ])('nationality %j refused with %s', (input, code, message) => {
    expect(checkNationality(input)).toEqual({ ok: false, code, message });
  });

  const ICAO = (n: string) =>
    `Số hộ chiếu nước ngoài (${n}) gồm 5 đến 9 chữ cái in hoa và chữ số, có ít nhất một chữ số, như in ở dòng mã máy đọc (ví dụ C01X00T47).`;
  it.each([
    ['c01x00t47', 'DEU', 'C01X00T47'],
    ['P1234567A', 'LAO', 'P1234567A'],
    ['AB123', 'USA', 'AB123'], // 5 characters, the shortest
    ['123456789', 'CHN', '123456789'], // digits only
    ['AB123<<<<', 'GBR', 'AB123'], // the machine-readable zone's fillers
    ['AB123<', 'GBR', 'AB123'],
    ['E 123-456.7', 'FRA', 'E1234567'],
  ])('passport %j of %s → %s', (input, nationality, value) => {
    expect(checkPassport(input, nationality)).toEqual({ ok: true, value });
  });
  it.each([
    ['AB12', 'USA'], // 4 characters
    ['ABCDE12345', 'USA'], // 10 characters
    ['ABCDEFG', 'LAO'], // no digit
    ['AB<123', 'GBR'], // a filler inside the number is not dropped
    ['<AB123', 'GBR'],
    ['AB1234!', 'DEU'],
    ['!AB1234', 'DEU'],
    ['AB12Ä4', 'DEU'],
  ])('passport %j of %s refused', (input, nationality) => {
    expect(checkPassport(input, nationality)).toEqual({ ok: false, code: 'passport.icao_format', message: ICAO(nationality) });
  });
  it('an entry of fillers only is empty, whatever the nationality', () => {
    expect(checkPassport('<<<', 'DEU')).toEqual({ ok: false, code: 'passport.empty', message: 'Chưa nhập số hộ chiếu.' });
    expect(checkPassport('<<<')).toEqual({ ok: false, code: 'passport.empty', message: 'Chưa nhập số hộ chiếu.' });
  });
  it('a Vietnamese passport drops trailing fillers too, and keeps its own format', () => {
    expect(checkPassport('c1234567<<')).toEqual({ ok: true, value: 'C1234567' });
    expect(checkPassport('P1234567A', 'VNM')).toMatchObject({ ok: false, code: 'passport.format' });
  });
  it('checkIdNumber reads a passport by its nationality, Vietnamese when none is given', () => {
    expect(checkIdNumber('passport', 'c01x00t47', NOW, 'DEU')).toEqual({ ok: true, value: 'C01X00T47' });
    expect(checkIdNumber('passport', 'c01x00t47', NOW, null)).toMatchObject({ ok: false, code: 'passport.format' });
    expect(checkIdNumber('passport', 'c01x00t47', NOW)).toMatchObject({ ok: false, code: 'passport.format' });
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['014085001234', '0140****1234'],
    ['050123456', '05*****56'],
    ['C1234567', 'C1****67'],
    ['0123456789', '0123**6789'],
    ['12345', '12*45'],
    ['1234', '****'],
    ['0', '*'],
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
    // 1900 inside a mobile number is not a service number
    ['0919 001 234', '0919001234'],
    ['0918 001 234', '0918001234'],
    // the bare 84 country code, before a 9-digit national number, an old 11-digit mobile or a landline
    ['84 912 345 678', '0912345678'],
    ['84 0912 345 678', '0912345678'],
    ['84 123 456 7890', '0834567890'],
    ['84 24 3825 1234', '02438251234'],
    // a VinaPhone 084 mobile typed without its 0 is not a country code
    ['84 123 4567', '0841234567'],
    ['(+84) 0912 345 678', '0912345678'],
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
    // landlines are 11 digits starting 02, no more, no fewer
    ['0212 3852 1234', 'phone.length'],
    ['0212 385 212', 'phone.prefix'],
    ['031 2345 6789', 'phone.length'],
    ['8491234567', 'phone.length'],
    // a mobile number inside a longer entry is not a mobile number
    ['000 912 345 678', 'phone.length'],
    ['0912 345 6789', 'phone.length'],
    ['(+1) 650 555 1234', 'phone.country'],
    ['( +1 ) 650 555 1234', 'phone.country'],
  ])('%j is refused with %s', (input, code) => {
    const c = normalizePhone(input);
    expect(c.ok ? 'accepted' : c.code).toBe(code);
  });

  it.each([
    ['', 'Chưa nhập số điện thoại.'],
    ['0912 ABC 678', 'Số điện thoại chỉ gồm chữ số (có thể có +84, dấu cách, dấu chấm, gạch ngang).'],
    ['+1 650 555 1234', 'Chỉ nhận số điện thoại Việt Nam (+84).'],
    ['1900 54 54 81', 'Số dịch vụ (1800, 1900) không phải số điện thoại của người gửi.'],
    ['01301234567', 'Đầu số 0130 không phải đầu số di động cũ đã chuyển đổi.'],
    ['0412345678', 'Đầu số 041 không phải đầu số di động Việt Nam.'],
    ['09123', 'Số điện thoại phải có 10 chữ số (di động) hoặc 11 chữ số (cố định, đầu 02); đã nhập 5 chữ số.'],
    // 10 digits after the 0 is added: not read as 84 + a national number
    ['8491234567', 'Số điện thoại phải có 10 chữ số (di động) hoặc 11 chữ số (cố định, đầu 02); đã nhập 11 chữ số.'],
  ])('%j: the clerk is told %j', (input, message) => {
    const c = normalizePhone(input);
    expect(c.ok ? 'accepted' : c.message).toBe(message);
  });

  it('tells landlines from mobiles', () => {
    expect(phoneKind('02123852123')).toBe('landline');
    expect(phoneKind('0912345678')).toBe('mobile');
  });
});
