/** Outer-edge ports injected into services (no global clock, no global ids). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Ids {
  /** A new UUIDv7 (time-ordered). */
  uuid(): string;
}

export const systemClock: Clock = { now: () => Date.now() };
