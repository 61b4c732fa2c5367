/**
 * The periods of the report a provincial post sends (TT 17 Art. 13): a quarter, a half-year or a
 * year, named `2026-Q1`, `2026-H1`, `2026`. Boundaries are local dates in Asia/Ho_Chi_Minh
 * (domain.md 6.3): `from` inclusive, `to` exclusive, so a period is `from <= d < to` on local dates,
 * or `[localEpochOf(from), localEpochOf(to))` on instants.
 *
 * Pure TypeScript: no platform imports.
 */
import { fail, ok, type Check } from '../errors';

export type PeriodKind = 'quarter' | 'half' | 'year';

export interface ReportPeriod {
  /** As typed in canonical form: 2026-Q1, 2026-H2, 2026. */
  key: string;
  kind: PeriodKind;
  year: number;
  /** First local date of the period. */
  from: string;
  /** First local date after the period. */
  to: string;
  /** Vietnamese, for headings: "Quý I năm 2026", "6 tháng đầu năm 2026", "Năm 2026". */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const MIN_YEAR = 2016; // QĐ 45 took effect on 16/12/2016.
const MAX_YEAR = 2100;

const first = (y: number, month: number): string => `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;

/** Parses `2026-Q1`..`2026-Q4`, `2026-H1`/`2026-H2`, `2026` (case and surrounding spaces ignored). */
export function parsePeriod(input: string): Check<ReportPeriod> {
  const s = String(input).trim().toUpperCase();
  const m = /^(\d{4})(?:-(Q|H)(\d))?$/.exec(s);
  const bad = `Kỳ báo cáo “${String(input).trim()}” không hợp lệ: hãy ghi quý (2026-Q1 đến 2026-Q4), nửa năm (2026-H1, 2026-H2) hoặc năm (2026).`;
  if (!m) return fail('BAD_PERIOD', bad);
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return fail('BAD_PERIOD_YEAR', `Năm báo cáo ${year} nằm ngoài khoảng ${MIN_YEAR}–${MAX_YEAR}.`);
  if (m[2] === undefined) return ok({ key: `${year}`, kind: 'year', year, from: first(year, 1), to: first(year + 1, 1), label: `Năm ${year}` });
  const n = Number(m[3]);
  if (m[2] === 'Q') {
    if (n < 1 || n > 4) return fail('BAD_PERIOD', bad);
    const to = n === 4 ? first(year + 1, 1) : first(year, n * 3 + 1);
    return ok({ key: `${year}-Q${n}`, kind: 'quarter', year, from: first(year, n * 3 - 2), to, label: `Quý ${ROMAN[n - 1]} năm ${year}` });
  }
  if (n < 1 || n > 2) return fail('BAD_PERIOD', bad);
  return ok({
    key: `${year}-H${n}`,
    kind: 'half',
    year,
    from: first(year, n === 1 ? 1 : 7),
    to: n === 1 ? first(year, 7) : first(year + 1, 1),
    label: n === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`,
  });
}
