import { prep } from '../store/stmt';
import type { Db } from '../store/db';
import { DomainError } from '../../shared/errors';
import { makeItemNumber, s10DetectsEverySingleDigitError } from '../../shared/s10';

interface RangeRow {
  id: number;
  prefix: string;
  country: string;
  last_serial: number;
  next_serial: number;
}

/**
 * Issues the next S10 item number from this counter's own serial range (inside the caller's
 * transaction), so two counters working offline never issue the same number.
 *
 * S10's check digit maps two remainders (0 and 6) to the same digit 5, so for those serials some
 * single-digit typos give another valid number. Serials of that kind are skipped: every number this
 * application issues detects every single-digit error when typed back.
 */
export function issueItemNumber(db: Db, counterId: string): string {
  for (;;) {
    const range = prep(db, "SELECT id, prefix, country, last_serial, next_serial FROM serial_ranges WHERE counter_id = ? AND status = 'active' AND next_serial <= last_serial ORDER BY id LIMIT 1")
      .get(counterId) as RangeRow | undefined;
    if (!range) {
      throw new DomainError('NO_SERIALS', 'Quầy đã hết dải số hiệu bưu gửi được cấp. Hãy đồng bộ với máy chủ tỉnh hoặc báo bộ phận CNTT cấp dải số mới.');
    }
    // The serials skipped are used up with the one issued: one read and one write per range (about
    // 2 serials in 11 are skipped; each used to cost its own read and write).
    let serial = range.next_serial;
    while (serial <= range.last_serial && !s10DetectsEverySingleDigitError(String(serial).padStart(8, '0'))) serial++;
    const issued = serial <= range.last_serial;
    const next = issued ? serial + 1 : serial;
    // Only the counter column changes on an ordinary issue, so the (counter, status) index is not rewritten.
    prep(db, 'UPDATE serial_ranges SET next_serial = ? WHERE id = ?').run(next, range.id);
    if (next > range.last_serial) prep(db, "UPDATE serial_ranges SET status = 'exhausted' WHERE id = ?").run(range.id);
    if (issued) return makeItemNumber(range.prefix, serial, range.country);
  }
}

/** How many numbers this counter can still issue. */
export function serialsLeft(db: Db, counterId: string): number {
  const r = prep(db, "SELECT COALESCE(SUM(last_serial - next_serial + 1), 0) AS n FROM serial_ranges WHERE counter_id = ? AND status = 'active'").get(counterId) as { n: number };
  return r.n;
}
