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

  it.each(['1234567', '123456789', '1234567a', '', ' 12345678', 'x12345678', '12345678x'])('refuses serial %j', (s) => {
    expect(() => s10CheckDigit(s)).toThrow(expect.objectContaining({ code: 's10.serial', message: `Số sê-ri phải gồm đúng 8 chữ số (nhận được "${s}").` }));
    expect(() => s10DetectsEverySingleDigitError(s)).toThrow(expect.objectContaining({ code: 's10.serial' }));
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
    ['E', 1, 'VN', 's10.prefix', 'Mã dịch vụ phải gồm 2 chữ cái (nhận được "E").'],
    ['E1', 1, 'VN', 's10.prefix', 'Mã dịch vụ phải gồm 2 chữ cái (nhận được "E1").'],
    ['EAX', 1, 'VN', 's10.prefix', 'Mã dịch vụ phải gồm 2 chữ cái (nhận được "EAX").'],
    ['XEA', 1, 'VN', 's10.prefix', 'Mã dịch vụ phải gồm 2 chữ cái (nhận được "XEA").'],
    ['EA', -1, 'VN', 's10.serial', 'Số sê-ri phải là số nguyên từ 0 đến 99.999.999 (nhận được -1).'],
    ['EA', 100_000_000, 'VN', 's10.serial', 'Số sê-ri phải là số nguyên từ 0 đến 99.999.999 (nhận được 100000000).'],
    ['EA', 1.5, 'VN', 's10.serial', 'Số sê-ri phải là số nguyên từ 0 đến 99.999.999 (nhận được 1.5).'],
    ['EA', Number.NaN, 'VN', 's10.serial', 'Số sê-ri phải là số nguyên từ 0 đến 99.999.999 (nhận được NaN).'],
    ['EA', 1, 'VNM', 's10.country', 'Mã nước phải gồm 2 chữ cái (nhận được "VNM").'],
    ['EA', 1, 'XVN', 's10.country', 'Mã nước phải gồm 2 chữ cái (nhận được "XVN").'],
    ['EA', 1, 'V', 's10.country', 'Mã nước phải gồm 2 chữ cái (nhận được "V").'],
  ])('refuses %s %d %s with %s', (p, s, c, code, message) => {
    expect(() => makeItemNumber(p, s, c)).toThrow(expect.objectContaining({ code, message }));
    expect(() => makeItemNumber(p, s, c)).toThrow(DomainError);
  });
});

describe('single-digit corruptions', () => {
  // S10 maps remainder 0 and remainder 6 to the same check digit 5; every other remainder has its own
  // digit. So a single wrong digit goes unnoticed exactly when it moves the remainder between 0 and 6.
  // Built inside each test, not at collection (a mutant that throws must fail tests, not the file).
  const samples: Array<[string, number]> = [
    ['EA', 12_345_678],
    ['EA', 1],
    ['RR', 47_312_482],
    ['EB', 20_261_129],
    ['CP', 99_999_999],
    ['EE', 55_555_555],
    ['LA', 10_000_000],
    ['EA', 31_415_926],
  ];

  for (const [prefix, serial] of samples) {
    it(`${prefix} ${serial}: every change of one digit is caught unless it moves the remainder 0 ↔ 6`, () => {
      const good = makeItemNumber(prefix, serial);
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

  const LENGTH = (n: number) => `Số hiệu bưu gửi phải có 13 ký tự (2 chữ cái, 9 chữ số, 2 chữ cái); đã nhập ${n} ký tự.`;
  const PREFIX = 'Số hiệu bưu gửi phải bắt đầu bằng 2 chữ cái (ví dụ EA, RR).';
  const DIGITS = 'Số hiệu bưu gửi phải có 9 chữ số ở giữa (8 số sê-ri và 1 số kiểm tra).';
  const COUNTRY = 'Số hiệu bưu gửi phải kết thúc bằng mã nước gồm 2 chữ cái (ví dụ VN).';
  it.each([
    ['', 's10.empty', 'Chưa nhập số hiệu bưu gửi.'],
    ['   ', 's10.empty', 'Chưa nhập số hiệu bưu gửi.'],
    ['EA12345678VN', 's10.length', LENGTH(12)],
    ['EA1234567855VN', 's10.length', LENGTH(14)],
    ['1A123456785VN', 's10.prefix', PREFIX],
    ['E1123456785VN', 's10.prefix', PREFIX],
    ['EA12345678AVN', 's10.digits', DIGITS],
    ['EAO23456785VN', 's10.digits', DIGITS], // letter O for zero
    ['EA1234567851N', 's10.country', COUNTRY],
    ['EA123456785V1', 's10.country', COUNTRY],
    ['EA12345678éVN', 's10.digits', DIGITS],
    ['1EA12345678VN', 's10.prefix', PREFIX], // two letters inside, not at the start
    ['EA12345678V5N', 's10.digits', DIGITS], // nine digits inside, not right after the letters
    ['EAV123456785N', 's10.digits', DIGITS],
  ])('refuses %j with %s and a Vietnamese message', (input, code, message) => {
    expect(checkItemNumber(input)).toEqual({ ok: false, code, message });
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
