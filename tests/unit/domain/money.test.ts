import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/shared/errors';
import { amountInWords, formatDong, formatVnd, isDong } from '../../../src/shared/money';

describe('isDong', () => {
  it.each([
    [0, true],
    [1, true],
    [135_000, true],
    [Number.MAX_SAFE_INTEGER, true],
    [-1, false],
    [1.5, false],
    [Number.MAX_SAFE_INTEGER + 1, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['1000', false],
    [null, false],
    [undefined, false],
    [10n, false],
  ])('isDong(%s) = %s', (n, expected) => {
    expect(isDong(n)).toBe(expected);
  });
});

describe('formatVnd', () => {
  it.each([
    [0, '0 ₫'],
    [5, '5 ₫'],
    [999, '999 ₫'],
    [1000, '1.000 ₫'],
    [135_000, '135.000 ₫'],
    [1_234_000, '1.234.000 ₫'],
    [1_234_567_890, '1.234.567.890 ₫'],
    [-135_000, '-135.000 ₫'],
    [-1, '-1 ₫'],
  ])('%d → %j', (n, s) => {
    expect(formatVnd(n)).toBe(s);
    expect(formatVnd(n).includes('\u00a0')).toBe(false); // a normal space, by decision
  });

  it('formatDong has no sign', () => {
    expect(formatDong(1_234_000)).toBe('1.234.000');
    expect(formatDong(-5000)).toBe('-5.000');
    expect(formatDong(0)).toBe('0');
    expect(formatVnd(0)).toBe('0 ₫');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %s', (n) => {
    expect(() => formatVnd(n)).toThrow(expect.objectContaining({ code: 'money.not_integer', message: `Số tiền phải là số nguyên đồng (nhận được ${String(n)}).`, name: 'DomainError' }));
    expect(() => formatDong(n)).toThrow(DomainError);
    expect(() => amountInWords(n)).toThrow(DomainError);
  });
});

describe('amountInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [4, 'Bốn đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [25, 'Hai mươi lăm đồng'],
    [55, 'Năm mươi lăm đồng'],
    [91, 'Chín mươi mốt đồng'],
    [99, 'Chín mươi chín đồng'],
    [100, 'Một trăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [104, 'Một trăm linh bốn đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [111, 'Một trăm mười một đồng'],
    [115, 'Một trăm mười lăm đồng'],
    [121, 'Một trăm hai mươi mốt đồng'],
    [1000, 'Một nghìn đồng'],
    [1001, 'Một nghìn không trăm linh một đồng'],
    [1005, 'Một nghìn không trăm linh năm đồng'],
    [1010, 'Một nghìn không trăm mười đồng'],
    [1050, 'Một nghìn không trăm năm mươi đồng'],
    [1100, 'Một nghìn một trăm đồng'],
    [10_000, 'Mười nghìn đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [21_000, 'Hai mươi mốt nghìn đồng'],
    [100_000, 'Một trăm nghìn đồng'],
    [115_000, 'Một trăm mười lăm nghìn đồng'],
    [135_000, 'Một trăm ba mươi lăm nghìn đồng'],
    [200_000, 'Hai trăm nghìn đồng'],
    [400_000, 'Bốn trăm nghìn đồng'],
    [205_000, 'Hai trăm linh năm nghìn đồng'],
    [1_000_000, 'Một triệu đồng'],
    [1_000_001, 'Một triệu không trăm linh một đồng'],
    [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
    [1_010_000, 'Một triệu không trăm mười nghìn đồng'],
    [2_500_000, 'Hai triệu năm trăm nghìn đồng'],
    [10_000_000, 'Mười triệu đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_000_000_005, 'Một tỷ không trăm linh năm đồng'],
    [1_234_567_890, 'Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng'],
    [1_500_000_000_000, 'Một nghìn năm trăm tỷ đồng'],
    [1_005_000_000_000, 'Một nghìn không trăm linh năm tỷ đồng'],
    [1_000_000_000_000_000, 'Một triệu tỷ đồng'],
    [-135_000, 'Âm một trăm ba mươi lăm nghìn đồng'],
  ])('%d → %j', (n, words) => {
    const w = amountInWords(n);
    expect(w).toBe(words);
    expect(w).toBe(w.normalize('NFC'));
  });

  it('every amount 0..1 000 000 reads without doubled spaces, starts upper-case, ends in " đồng", and differs from its neighbours', () => {
    let prev = '';
    for (let n = 0; n <= 1_000_000; n += n < 3000 ? 1 : 997) {
      const w = amountInWords(n);
      expect(w.endsWith(' đồng')).toBe(true);
      expect(w).not.toMatch(/ {2}|^ | $/);
      expect(w[0]).toBe(w[0]!.toUpperCase());
      expect(w).not.toBe(prev);
      expect(w).not.toMatch(/mươi một|mười mốt|linh lăm|linh mốt|linh tư|mười tư/);
      prev = w;
    }
  });
});
