import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/shared/report/period';

describe('report periods', () => {
  it.each([
    ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01', 'Quý I năm 2026'],
    ['2026-Q2', 'quarter', '2026-04-01', '2026-07-01', 'Quý II năm 2026'],
    ['2026-Q3', 'quarter', '2026-07-01', '2026-10-01', 'Quý III năm 2026'],
    ['2026-q4', 'quarter', '2026-10-01', '2027-01-01', 'Quý IV năm 2026'],
    ['2026-H1', 'half', '2026-01-01', '2026-07-01', '6 tháng đầu năm 2026'],
    [' 2026-h2 ', 'half', '2026-07-01', '2027-01-01', '6 tháng cuối năm 2026'],
    ['2026', 'year', '2026-01-01', '2027-01-01', 'Năm 2026'],
  ])('%s', (input, kind, from, to, label) => {
    expect(parsePeriod(input)).toEqual({ ok: true, value: { key: input.trim().toUpperCase(), kind, year: 2026, from, to, label } });
  });
  it.each(['2026-Q5', '2026-Q0', '2026-H3', '26-Q1', '2026Q1', '2026-M1', '', 'Q1-2026'])('refuses %j with the Vietnamese explanation', (input) => {
    const r = parsePeriod(input);
    expect(r).toMatchObject({ ok: false, code: 'BAD_PERIOD' });
    expect(!r.ok && r.message).toContain('Kỳ báo cáo');
    expect(!r.ok && r.message).toContain('2026-Q1');
  });
  it('refuses a year before QĐ 45 or absurdly far', () => {
    expect(parsePeriod('2015-Q1')).toMatchObject({ ok: false, code: 'BAD_PERIOD_YEAR' });
    expect(parsePeriod('2101')).toMatchObject({ ok: false, code: 'BAD_PERIOD_YEAR' });
  });
});
