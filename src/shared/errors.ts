/**
 * Errors and results shared by every layer. Messages are Vietnamese because they reach the clerk;
 * codes are stable English identifiers for tests and logs.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
  }
}

export type Check<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string): Check<T> => ({ ok: false, code, message });

/** Unwraps a Check or throws a DomainError carrying its Vietnamese message. */
export function must<T>(check: Check<T>, field?: string): T {
  if (!check.ok) throw new DomainError(check.code, check.message, field);
  return check.value;
}
