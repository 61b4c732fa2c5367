/**
 * Attempt limits: after `max` failures from one client address within `windowMs`, that address is
 * refused (429) until the oldest of those failures has left the window. Used for wrong enrollment
 * codes and wrong admin tokens. A one-time code is 12 characters of a 31-letter alphabet and an admin
 * token at least 16 characters, so guessing is hopeless anyway; the limit keeps a misbehaving machine
 * from hammering the database and makes an attempt visible in the logs.
 *
 * The failures live in the database (table attempt_failures, migration 7), not in a process: every
 * worker of a hub and every hub host behind a load balancer counts the same failures, so running
 * more workers does not multiply the attempts an address gets. The address is the TCP peer, or the
 * one a trusted reverse proxy reports when IT configured it (HUB_TRUSTED_PROXIES, config.ts).
 * Rows per address are bounded by `max` (a refused attempt is not recorded); old rows are swept.
 */
import type { HubDb } from './db';

export type LimitScope = 'enroll' | 'admin';

export class FailureLimiter {
  private sinceSweep = 0;

  constructor(
    private readonly db: HubDb,
    private readonly scope: LimitScope,
    private readonly max = 10,
    private readonly windowMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again, or 0. */
  async retryAfterMs(key: string): Promise<number> {
    const now = this.now();
    const { rows } = await this.db.query<{ at: number }>(
      'SELECT at::float8 AS at FROM attempt_failures WHERE scope = $1 AND key = $2 AND at > $3 ORDER BY at DESC LIMIT $4',
      [this.scope, key, now - this.windowMs, this.max],
    );
    if (rows.length < this.max) return 0;
    return Math.max(1, rows[this.max - 1]!.at + this.windowMs - now);
  }

  async fail(key: string): Promise<void> {
    const now = this.now();
    await this.db.query('INSERT INTO attempt_failures (scope, key, at) VALUES ($1, $2, $3)', [this.scope, key, now]);
    // Now and then, forget failures that no window can still count.
    if (++this.sinceSweep >= 100) {
      this.sinceSweep = 0;
      await this.db.query('DELETE FROM attempt_failures WHERE at <= $1', [now - Math.max(this.windowMs, 86_400_000)]);
    }
  }

  async succeed(key: string): Promise<void> {
    await this.db.query('DELETE FROM attempt_failures WHERE scope = $1 AND key = $2', [this.scope, key]);
  }
}
