/** The drawer count's arithmetic, the ledger kind → cash category map, and the receipt number. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASH_CATEGORIES, CashDenominationsSchema, categoryOf, differenceWord, formatReceiptNo, ledgerKindLabel, sumCount } from '../../../src/shared/cash';
import type { CashDenominations, Denomination } from '../../../src/shared/cash';

// Parsed in beforeAll, not at collection: the schema's own rules (its refine) then run inside a test,
// where a mutant of them is scored, instead of counting as module-level (static) code.
let bundled: CashDenominations;
let D: Denomination[];
beforeAll(() => {
  bundled = CashDenominationsSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'resources/reference/cash-denominations.json'), 'utf8')));
  D = bundled.denominations;
});

describe('drawer count', () => {
  it('sums notes and coins of the denominations in force', () => {
    expect(sumCount([{ value: 500_000, kind: 'note', count: 3 }, { value: 2_000, kind: 'coin', count: 4 }, { value: 200, kind: 'coin', count: 1 }], D)).toEqual({ ok: true, total: 1_508_200 });
    expect(sumCount([], D)).toEqual({ ok: true, total: 0 });
  });

  it('refuses a denomination not in force, and a negative or fractional count, naming which line', () => {
    expect(sumCount([{ value: 10_000, kind: 'note', count: 1 }, { value: 300_000, kind: 'note', count: 1 }], D)).toMatchObject({ ok: false, code: 'UNKNOWN_DENOMINATION', index: 1 });
    expect(sumCount([{ value: 10_000, kind: 'coin', count: 1 }], D)).toMatchObject({ ok: false, code: 'UNKNOWN_DENOMINATION', message: 'Mệnh giá xu 10.000 ₫ không có trong bảng mệnh giá đang dùng.' });
    expect(sumCount([{ value: 50_000, kind: 'note', count: -1 }], D)).toMatchObject({ ok: false, code: 'BAD_COUNT', message: 'Số lượng tờ 50.000 ₫ phải là số nguyên không âm.', index: 0 });
    expect(sumCount([{ value: 50_000, kind: 'note', count: 1.5 }], D)).toMatchObject({ ok: false, code: 'BAD_COUNT' });
    expect(sumCount([{ value: 1_000, kind: 'coin', count: 2 }, { value: 50_000, kind: 'note', count: Number.MAX_SAFE_INTEGER + 1 }], D)).toEqual({
      ok: false,
      code: 'BAD_COUNT',
      message: 'Số lượng tờ 50.000 ₫ phải là số nguyên không âm.',
      index: 1,
    });
  });

  it('a count of zero pieces is a count (the boundary of the non-negative rule)', () => {
    expect(sumCount([{ value: 50_000, kind: 'note', count: 0 }, { value: 500, kind: 'coin', count: 0 }], D)).toEqual({ ok: true, total: 0 });
    expect(sumCount([{ value: 50_000, kind: 'note', count: 0 }, { value: 500, kind: 'coin', count: 1 }], D)).toEqual({ ok: true, total: 500 });
  });

  it('the bundled denominations are the notes 500,000 … 1,000 and the coins 5,000 … 200; a duplicate is refused', () => {
    expect(D.filter((d) => d.kind === 'note').map((d) => d.value)).toEqual([500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000]);
    expect(D.filter((d) => d.kind === 'coin').map((d) => d.value)).toEqual([5_000, 2_000, 1_000, 500, 200]);
    expect(CashDenominationsSchema.safeParse({ ...bundled, denominations: [...D, D[0]] }).success).toBe(false);
    // the same value as a note and as a coin is two denominations
    expect(CashDenominationsSchema.safeParse({ ...bundled, denominations: [{ value: 5_000, kind: 'note' }, { value: 5_000, kind: 'coin' }] }).success).toBe(true);
  });

  it('says thừa, thiếu or khớp', () => {
    expect([differenceWord(1), differenceWord(-1), differenceWord(0)]).toEqual(['thừa', 'thiếu', 'khớp']);
  });
});

describe('ledger kinds in the shift close', () => {
  it('each known kind has its category; compensation paid out has its own; an unknown kind is “other”, never dropped', () => {
    expect(categoryOf('agency_fee')).toBe('agency_fees');
    expect(categoryOf('fee_due_collected')).toBe('agency_fees');
    expect(categoryOf('fee_remitted')).toBe('agency_fees');
    expect(categoryOf('postage')).toBe('postage');
    expect(categoryOf('compensation')).toBe('compensation');
    expect(categoryOf('compensation_paid')).toBe('compensation');
    expect(categoryOf('cash_difference')).toBe('cash_difference');
    expect(categoryOf('something_new')).toBe('other');
    expect(CASH_CATEGORIES).toContain('compensation');
    expect(ledgerKindLabel('something_new')).toBe('something_new');
    expect(ledgerKindLabel('compensation')).toBe('Bồi thường đã chi trả');
  });

  it('a receipt number is the series and seven digits', () => {
    expect(formatReceiptNo('SL-TP-Q01', 6)).toBe('SL-TP-Q01-0000006');
  });
});
