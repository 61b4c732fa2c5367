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
  ])('%j is refused with %s', (input, code) => {
    const c = parseAgencyDossierCode(input);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.code).toBe(code);
      expect(c.message).toBe(c.message.normalize('NFC'));
    }
  });
});
