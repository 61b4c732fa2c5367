import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/shared/errors';
import {
  checkItemNumber,
  formatItemNumber,
  isValidS10,
  makeItemNumber,
  normalizeItemNumber,
  s10CheckDigit,
  s10DetectsEverySingleDigitError,
} from '../../../src/shared/s10';

const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];
/** Weighted sum mod 11, computed independently of the implementation. */
const remainder = (serial: string): number =>
  [...serial].reduce((s, ch, i) => s + Number(ch) * WEIGHTS[i]!, 0) % 11;

describe('S10 check digit', () => {
  it('computes domain.md example EA123456785VN by hand: sum 204, 204 mod 11 = 6, 11 − 6 = 5', () => {
    expect(1 * 8 + 2 * 6 + 3 * 4 + 4 * 2 + 5 * 3 + 6 * 5 + 7 * 9 + 8 * 7).toBe(204);
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(isValidS10('EA123456785VN')).toBe(true);
  });

  it.each([
    // serial, expected digit, why
    ['00000000', 5, 'sum 0 → c = 11 → 5'],
    ['00000001', 4, 'sum 7 → 11 − 7'],
    ['00000010', 2, 'sum 9 → 11 − 9'],
    ['02000000', 0, 'sum 12 → r 1 → c = 10 → 0'],
    ['00000100', 6, 'sum 5 → 11 − 5'],
    ['47312482', 9, 'sum 200 → r 2 → 11 − 2 (UPU example RR473124829GB)'],
  ])('s10CheckDigit(%s) = %d (%s)', (serial, expected) => {
    const c = 11 - remainder(serial);
    expect(c === 10 ? 0 : c === 11 ? 5 : c).toBe(expected); // the table itself is right
    expect(s10CheckDigit(serial)).toBe(expected);
  });

  it('matches known fixed values', () => {
    expect(s10CheckDigit('00000000')).toBe(5);
    expect(s10CheckDigit('00000001')).toBe(4);
    expect(s10CheckDigit('02000000')).toBe(0);
    expect(s10CheckDigit('47312482')).toBe(9); // the UPU S10 example RR473124829GB
    expect(isValidS10('RR473124829GB')).toBe(true);
  });

  it.each(['1234567', '123456789', '1234567a', '', ' 12345678'])('refuses serial %j', (s) => {
    expect(() => s10CheckDigit(s)).toThrow(DomainError);
  });
});

describe('makeItemNumber', () => {
  it.each([
    ['EA', 12345678, undefined, 'EA123456785VN'],
    ['ea', 0, undefined, 'EA000000005VN'],
    ['RR', 99_999_999, 'vn', `RR99999999${s10CheckDigit('99999999')}VN`],
    ['CP', 42, 'GB', `CP00000042${s10CheckDigit('00000042')}GB`],
  ])('%s %d %s → %s', (prefix, serial, country, expected) => {
    const n = country === undefined ? makeItemNumber(prefix, serial) : makeItemNumber(prefix, serial, country);
    expect(n).toBe(expected);
    expect(isValidS10(n)).toBe(true);
  });

  it.each([
    ['E', 1, 'VN'],
    ['E1', 1, 'VN'],
    ['EA', -1, 'VN'],
    ['EA', 100_000_000, 'VN'],
    ['EA', 1.5, 'VN'],
    ['EA', Number.NaN, 'VN'],
    ['EA', 1, 'VNM'],
  ])('refuses %s %d %s', (p, s, c) => {
    expect(() => makeItemNumber(p, s, c)).toThrow(DomainError);
  });
});

describe('single-digit corruptions', () => {
  // S10 maps remainder 0 and remainder 6 to the same check digit 5; every other remainder has its own
  // digit. So a single wrong digit goes unnoticed exactly when it moves the remainder between 0 and 6.
  const samples = [
    'EA123456785VN',
    makeItemNumber('EA', 1),
    makeItemNumber('RR', 47_312_482),
    makeItemNumber('EB', 20_261_129),
    makeItemNumber('CP', 99_999_999),
    makeItemNumber('EE', 55_555_555),
    makeItemNumber('LA', 10_000_000),
    makeItemNumber('EA', 31_415_926),
  ];

  for (const good of samples) {
    it(`${good}: every change of one digit is caught unless it moves the remainder 0 ↔ 6`, () => {
      expect(isValidS10(good)).toBe(true);
      const rGood = remainder(good.slice(2, 10));
      let caught = 0;
      let missed = 0;
      for (let pos = 2; pos <= 10; pos++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === good[pos]) continue;
          const bad = good.slice(0, pos) + String(digit) + good.slice(pos + 1);
          const detected = !isValidS10(bad);
          const shape = checkItemNumber(bad);
          expect(shape.ok).toBe(true); // shape is fine: only the check digit tells
          if (shape.ok) expect(shape.value.checkDigitOk).toBe(!detected);
          const rBad = pos === 10 ? rGood : remainder(bad.slice(2, 10));
          const collision = pos < 10 && ((rGood === 0 && rBad === 6) || (rGood === 6 && rBad === 0));
          expect(detected).toBe(!collision);
          if (detected) caught++;
          else missed++;
        }
      }
      expect(caught + missed).toBe(81);
      if (good.slice(10, 11) !== '5') expect(missed).toBe(0); // check digit ≠ 5: every corruption caught
    });
  }

  it('numbers whose check digit is not 5 catch all 81 corruptions (exhaustive over 2,000 serials)', () => {
    let numbers = 0;
    for (let serial = 0; serial < 100_000_000; serial += 49_999) {
      const good = makeItemNumber('EA', serial);
      if (good[10] === '5') continue;
      numbers++;
      for (let pos = 2; pos <= 10; pos++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === good[pos]) continue;
          expect(isValidS10(good.slice(0, pos) + String(digit) + good.slice(pos + 1))).toBe(false);
        }
      }
    }
    expect(numbers).toBeGreaterThan(1500);
  });

  it('the documented weakness is real: EA323456785VN also passes (1 → 3 in the first serial digit)', () => {
    expect(isValidS10('EA323456785VN')).toBe(true);
    expect(s10DetectsEverySingleDigitError('12345678')).toBe(false);
    expect(s10DetectsEverySingleDigitError('32345678')).toBe(false);
  });

  it('s10DetectsEverySingleDigitError agrees with brute force on 101 sampled serials', () => {
    for (let serial = 0; serial < 100_000_000; serial += 999_983) {
      const s = String(serial).padStart(8, '0');
      const good = makeItemNumber('RR', serial);
      let allCaught = true;
      for (let pos = 2; pos <= 10 && allCaught; pos++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === good[pos]) continue;
          if (isValidS10(good.slice(0, pos) + String(digit) + good.slice(pos + 1))) allCaught = false;
        }
      }
      expect(s10DetectsEverySingleDigitError(s), s).toBe(allCaught);
    }
  });

  it('adjacent transpositions are caught for the domain example', () => {
    const good = 'EA123456785VN';
    for (let pos = 2; pos < 10; pos++) {
      if (good[pos] === good[pos + 1]) continue;
      const bad = good.slice(0, pos) + good[pos + 1]! + good[pos]! + good.slice(pos + 2);
      expect(isValidS10(bad)).toBe(false);
    }
  });
});

describe('checkItemNumber', () => {
  it.each([
    ['EA123456785VN', 'EA123456785VN', true],
    ['ea 1234 5678 5 vn', 'EA123456785VN', true],
    ['EA-1234-5678-5-VN', 'EA123456785VN', true],
    ['  EA123456785VN\t', 'EA123456785VN', true],
    ['EA\u00a01234\u00a05678\u00a05\u00a0VN', 'EA123456785VN', true],
    ['ＥＡ１２３４５６７８５ＶＮ', 'EA123456785VN', true], // full-width input from an IME
    ['EA123456784VN', 'EA123456784VN', false], // wrong check digit: warned, not failed
    ['RR473124829GB', 'RR473124829GB', true],
  ])('%j → %s (check digit ok: %s)', (input, value, digitOk) => {
    const c = checkItemNumber(input);
    expect(c).toEqual({ ok: true, value: { value, checkDigitOk: digitOk } });
  });

  it.each([
    ['', 's10.empty'],
    ['   ', 's10.empty'],
    ['EA12345678VN', 's10.length'],
    ['EA1234567855VN', 's10.length'],
    ['1A123456785VN', 's10.prefix'],
    ['E1123456785VN', 's10.prefix'],
    ['EA12345678AVN', 's10.digits'],
    ['EAO23456785VN', 's10.digits'], // letter O for zero
    ['EA1234567851N', 's10.country'],
    ['EA123456785V1', 's10.country'],
    ['EA12345678éVN', 's10.digits'],
  ])('refuses %j with %s and a Vietnamese message', (input, code) => {
    const c = checkItemNumber(input);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.code).toBe(code);
      expect(c.message).toMatch(/[ốốệậảữ]|Chưa|phải/u);
      expect(c.message).toBe(c.message.normalize('NFC'));
    }
    expect(isValidS10(input)).toBe(false);
  });
});

describe('formatItemNumber / normalizeItemNumber', () => {
  it.each([
    ['EA123456785VN', 'EA 1234 5678 5 VN'],
    ['ea123456785vn', 'EA 1234 5678 5 VN'],
    ['EA 1234 5678 5 VN', 'EA 1234 5678 5 VN'],
    ['not-a-number', 'NOTANUMBER'],
  ])('%j → %j', (input, out) => {
    expect(formatItemNumber(input)).toBe(out);
  });

  it('normalises separators and case', () => {
    expect(normalizeItemNumber(' ea-1234 5678.5_vn ')).toBe('EA123456785VN');
  });
});
