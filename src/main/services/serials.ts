import { prep } from '../store/stmt';
import type { Db } from '../store/db';
import { DomainError } from '../../shared/errors';
import { makeItemNumber, s10DetectsEverySingleDigitError } from '../../shared/s10';

interface TakenRow {
  id: number;
  prefix: string;
  country: string;
  last_serial: number;
  /** The serial taken (the range's next serial before the update). */
  serial: number;
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
    // The next serial of the counter's first active range, taken in one statement. Only the counter
    // column changes on an ordinary issue, so the (counter, status) index is not rewritten.
    const taken = prep(
      db,
      `UPDATE serial_ranges SET next_serial = next_serial + 1
       WHERE id = (SELECT id FROM serial_ranges WHERE counter_id = ? AND status = 'active' AND next_serial <= last_serial ORDER BY id LIMIT 1)
       RETURNING id, prefix, country, last_serial, next_serial - 1 AS serial`,
    ).get(counterId) as TakenRow | undefined;
    if (!taken) {
      throw new DomainError('NO_SERIALS', 'Quầy đã hết dải số hiệu bưu gửi được cấp. Hãy đồng bộ với máy chủ tỉnh hoặc báo bộ phận CNTT cấp dải số mới.');
    }
    let serial = taken.serial;
    if (!detects(serial)) {
      // Skipped (about 2 serials in 11), with the ones after it up to a good one: all used up at once.
      while (serial <= taken.last_serial && !detects(serial)) serial++;
      prep(db, 'UPDATE serial_ranges SET next_serial = ? WHERE id = ?').run(Math.min(serial, taken.last_serial) + 1, taken.id);
    }
    if (serial >= taken.last_serial) prep(db, "UPDATE serial_ranges SET status = 'exhausted' WHERE id = ?").run(taken.id);
    if (serial <= taken.last_serial) return makeItemNumber(taken.prefix, serial, taken.country);
  }
}

const detects = (serial: number): boolean => s10DetectsEverySingleDigitError(String(serial).padStart(8, '0'));

/** How many numbers this counter can still issue. */
export function serialsLeft(db: Db, counterId: string): number {
  const r = prep(db, "SELECT COALESCE(SUM(last_serial - next_serial + 1), 0) AS n FROM serial_ranges WHERE counter_id = ? AND status = 'active'").get(counterId) as { n: number };
  return r.n;
}
