/**
 * Item numbers from the counter's serial ranges (services/serials.ts), on a real store: every serial
 * whose S10 number would let a single-digit typo through is skipped and used up, the rest are issued
 * in order and none is lost; a range ends (exhausted) with its last serial, skipped or issued, and
 * the next range takes over; with no range left the intake is refused and writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueItemNumber } from '../../../src/main/services/serials';
import { DomainError } from '../../../src/shared/errors';
import { makeItemNumber, s10DetectsEverySingleDigitError } from '../../../src/shared/s10';
import type { TestApp } from '../../helpers/app';
import { createTestApp, lltpInput, writeCounts } from '../../helpers/app';

let app: TestApp;
beforeEach(() => {
  app = createTestApp();
});
afterEach(() => app.dispose());

const good = (serial: number) => s10DetectsEverySingleDigitError(String(serial).padStart(8, '0'));

/** Replaces the counter's ranges by these ([prefix, first, last, next]), in this order. */
function ranges(...list: [string, number, number, number][]): void {
  app.db.prepare('DELETE FROM serial_ranges').run();
  const ins = app.db.prepare("INSERT INTO serial_ranges (counter_id, prefix, first_serial, last_serial, next_serial, status) VALUES (?, ?, ?, ?, ?, 'active')");
  for (const [prefix, first, last, next] of list) ins.run(app.counter.id, prefix, first, last, next);
}

const state = () => app.db.prepare('SELECT prefix, next_serial AS next, status FROM serial_ranges ORDER BY id').all();
const issue = () => app.db.transaction(() => issueItemNumber(app.db, app.counter.id))();

describe('item numbers from the serial ranges', () => {
  it('issues every good serial in order and uses up each skipped one (40 serials, 7 of them skipped)', () => {
    const first = 10_000_000;
    const last = first + 39;
    ranges(['EA', first, last, first]);
    const expected: string[] = [];
    for (let s = first; s <= last; s++) if (good(s)) expected.push(makeItemNumber('EA', s));
    // The layout this test relies on: skips inside the range, two of them in a row nowhere.
    expect(40 - expected.length).toBe(7);
    expect(good(first + 2)).toBe(false);
    const issued: string[] = [];
    for (let k = 0; k < expected.length; k++) {
      issued.push(issue());
      // After each number, the range points just past it (past the skipped ones before it too).
      const serial = Number(issued[k]!.slice(2, 10));
      expect(state()).toEqual([{ prefix: 'EA', next: serial + 1, status: serial === last ? 'exhausted' : 'active' }]);
    }
    expect(issued).toEqual(expected);
  });

  it('a range whose serials left are all skipped is exhausted, and the next range issues', () => {
    // The first range has one serial left, 10000002, and it is skipped.
    expect([good(10_000_002), good(20_000_000)]).toEqual([false, true]);
    ranges(['EA', 10_000_000, 10_000_002, 10_000_002], ['EB', 20_000_000, 20_000_009, 20_000_000]);
    expect(issue()).toBe(makeItemNumber('EB', 20_000_000));
    expect(state()).toEqual([
      { prefix: 'EA', next: 10_000_003, status: 'exhausted' },
      { prefix: 'EB', next: 20_000_001, status: 'active' },
    ]);
    // A range ending on an issued serial is exhausted by it.
    ranges(['EC', 10_000_003, 10_000_003, 10_000_003]);
    expect(good(10_000_003)).toBe(true);
    expect(issue()).toBe(makeItemNumber('EC', 10_000_003));
    expect(state()).toEqual([{ prefix: 'EC', next: 10_000_004, status: 'exhausted' }]);
  });

  it('with no serial left the intake is refused (NO_SERIALS) in Vietnamese and writes nothing, the range untouched', () => {
    ranges(['EA', 10_000_000, 10_000_006, 10_000_006]);
    expect(good(10_000_006)).toBe(false);
    const before = writeCounts(app);
    const beforeRanges = state();
    let err: unknown;
    try {
      app.services.intake.accept(lltpInput(), app.clerk);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('NO_SERIALS');
    expect((err as DomainError).message).toBe('Quầy đã hết dải số hiệu bưu gửi được cấp. Hãy đồng bộ với máy chủ tỉnh hoặc báo bộ phận CNTT cấp dải số mới.');
    expect(writeCounts(app)).toEqual(before);
    expect(state()).toEqual(beforeRanges);
  });
});
