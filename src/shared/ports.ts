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

/**
 * How a secret (the hub token) is sealed at rest: by the operating system's protection in Electron
 * (src/main/electron/secrets.ts), stored plainly and marked so elsewhere (src/main/sync/secrets.ts).
 */
export interface SecretBox {
  /** A short name for logs and the status screen. */
  readonly kind: 'os' | 'plain';
  seal(plain: string): string;
  /** The token, or null when this machine/account cannot unseal it. */
  open(sealed: string): string | null;
}
