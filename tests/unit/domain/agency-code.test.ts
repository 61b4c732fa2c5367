import { describe, expect, it } from 'vitest';
import { parseAgencyDossierCode } from '../../../src/shared/agency-code';

describe('parseAgencyDossierCode', () => {
  it.each([
    ['000.00.00.H53-250315-0001', '000.00.00.H53', true, '2025-03-15', 1],
    ['000.00.15.H53-261129-0042', '000.00.15.H53', true, '2026-11-29', 42],
    ['000.20.15.h53-240229-9999', '000.20.15.H53', true, '2024-02-29', 9999],
    [' 000.00.00.G12 - 251231 - 0123 ', '000.00.00.G12', true, '2025-12-31', 123],
    ['000.00.00.H53\u2013250315\u20130001', '000.00.00.H53', true, '2025-03-15', 1], // en dashes from Word
    ['H53.22-250315-0001', 'H53.22', false, '2025-03-15', 1], // non-standard agency part: tolerated
    ['000.00.00.H53-250315-12345', '000.00.00.H53', true, '2025-03-15', 12345],
    ['000.00.00.H53-250101-999999', '000.00.00.H53', true, '2025-01-01', 999999],
    ['X000.00.00.H53-250315-0001', 'X000.00.00.H53', false, '2025-03-15', 1], // one character too many in front
    ['000.00.00.H531-250315-0001', '000.00.00.H531', false, '2025-03-15', 1], // ... or at the end
    ['000.00.00.153-250315-0001', '000.00.00.153', false, '2025-03-15', 1], // the group letter M is a letter
    ['000.000.00.H53-250315-0001', '000.000.00.H53', false, '2025-03-15', 1],
    ['000.00.000.H53-250315-0001', '000.00.000.H53', false, '2025-03-15', 1],
    ['0000.00.00.H5-250315-0001', '0000.00.00.H5', false, '2025-03-15', 1],
    [`${'A'.repeat(40)}-250315-0001`, 'A'.repeat(40), false, '2025-03-15', 1],
  ])('%j', (input, agency, standardAgency, receivedDate, serial) => {
    const c = parseAgencyDossierCode(input);
    expect(c.ok).toBe(true);
    if (c.ok) {
      expect(c.value).toMatchObject({ agency, standardAgency, receivedDate, serial });
      const [, yymmdd, seq] = c.value.value.split('-');
      expect(c.value.value).toBe(`${agency}-${yymmdd}-${seq}`);
      expect(`20${yymmdd!.slice(0, 2)}-${yymmdd!.slice(2, 4)}-${yymmdd!.slice(4)}`).toBe(receivedDate);
      expect(Number(seq)).toBe(serial);
    }
  });

  it.each([
    ['', 'agency_code.empty'],
    ['000.00.00.H53', 'agency_code.shape'],
    ['000.00.00.H53-250315', 'agency_code.shape'],
    ['000.00.00.H53-250315-0001-7', 'agency_code.shape'],
    ['000..00.H53-250315-0001', 'agency_code.agency'],
    ['000.00.00.H53/1-250315-0001', 'agency_code.agency'],
    ['-250315-0001', 'agency_code.agency'],
    ['000.00.00.H53-2503150-0001', 'agency_code.date'],
    ['000.00.00.H53-25031-0001', 'agency_code.date'],
    ['000.00.00.H53-251315-0001', 'agency_code.date'], // month 13
    ['000.00.00.H53-250230-0001', 'agency_code.date'], // 30 February
    ['000.00.00.H53-250229-0001', 'agency_code.date'], // 2025 is not a leap year
    ['000.00.00.H53-250400-0001', 'agency_code.date'],
    ['000.00.00.H53-250431-0001', 'agency_code.date'],
    ['000.00.00.H53-250315-001', 'agency_code.serial'],
    ['000.00.00.H53-250315-00A1', 'agency_code.serial'],
    ['000.00.00.H53-250315-0000', 'agency_code.serial'],
    ['000.00.00.H53-250015-0001', 'agency_code.date'], // month 00
    ['000.00.00.H53-250315-1234567', 'agency_code.serial'],
    ['000.00.00.H53-250315-x0001', 'agency_code.serial'],
    ['000.00.00.H53-250315-0001x', 'agency_code.serial'],
    ['000.00.00.H53-x250315-0001', 'agency_code.date'],
    ['000.00.00.H53-250315x-0001', 'agency_code.date'],
    ['.000.00.00.H53-250315-0001', 'agency_code.agency'],
    ['000.00.00.H53.-250315-0001', 'agency_code.agency'],
    [`${'A'.repeat(41)}-250315-0001`, 'agency_code.agency'],
  ])('%j is refused with %s', (input, code) => {
    const c = parseAgencyDossierCode(input);
    expect(c.ok ? 'accepted' : c.code).toBe(code);
  });

  it.each([
    ['', 'Chưa nhập mã hồ sơ của cơ quan.'],
    ['000.00.00.H53', 'Mã hồ sơ phải gồm 3 phần nối bằng dấu gạch ngang: mã cơ quan-YYMMDD-số thứ tự (ví dụ 000.00.00.H53-250315-0001).'],
    ['-250315-0001', 'Phần đầu của mã hồ sơ phải là mã định danh cơ quan (chữ và số, ngăn bằng dấu chấm).'],
    ['000.00.00.H53-25031-0001', 'Phần giữa của mã hồ sơ phải là ngày tiếp nhận dạng YYMMDD (6 chữ số).'],
    ['000.00.00.H53-250230-0001', 'Ngày tiếp nhận trong mã hồ sơ (250230) không phải ngày hợp lệ.'],
    ['000.00.00.H53-250315-001', 'Phần cuối của mã hồ sơ phải là số thứ tự gồm 4 chữ số (ví dụ 0001).'],
    ['000.00.00.H53-250315-0000', 'Số thứ tự trong mã hồ sơ bắt đầu từ 0001.'],
  ])('%j: the clerk is told %j', (input, message) => {
    const c = parseAgencyDossierCode(input);
    expect(c.ok ? 'accepted' : c.message).toBe(message);
  });
});
