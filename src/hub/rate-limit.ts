/**
 * Wrong enrollment codes from one address: after `max` failures within `windowMs` that address is
 * refused (429) until the window has passed. A one-time code is 12 characters of a 31-letter
 * alphabet, so guessing is hopeless anyway; this keeps a misbehaving machine from hammering the
 * database and makes an attempt visible in the logs. In memory, per hub process, bounded.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Milliseconds until `key` may try again, or 0. */
  retryAfterMs(key: string): number {
    const list = this.recent(key);
    if (list.length < this.max) return 0;
    return list[list.length - this.max]! + this.windowMs - this.now();
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.failures.set(key, list.slice(-this.max));
    if (this.failures.size > this.maxKeys) {
      // Forget the oldest addresses first (insertion order).
      for (const k of this.failures.keys()) {
        this.failures.delete(k);
        if (this.failures.size <= this.maxKeys) break;
      }
    }
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
