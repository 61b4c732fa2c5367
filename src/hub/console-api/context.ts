/** What the console's route modules share: the database, the clock, the role guards and the API prefix. */
import type { FastifyRequest } from 'fastify';
import type { HubDb } from '../db';
import type { HubUser, Role } from './accounts';
import { ConsoleHttpError } from './errors';

export type ConsoleGuard = (req: FastifyRequest) => Promise<void>;

export interface ConsoleContext {
  db: HubDb;
  now: () => number;
  api: string;
  /** A guard letting in the given roles (none: any logged-in user). */
  allow: (...roles: Role[]) => ConsoleGuard;
  /** Where the update files are (updates.ts); absent: none served by this hub. */
  updatesDir?: string | undefined;
  /** The address counters reach this hub at (HUB_PUBLIC_URL), when configured. */
  publicUrl?: string | undefined;
}

/**
 * The branch a request may see: a branch manager only their own (whatever they asked for); the
 * others the one asked for, or the whole province (null).
 */
export function scopeBranch(user: HubUser, asked: unknown): string | null {
  if (user.role === 'branch_manager') return user.branchCode;
  return typeof asked === 'string' && asked.trim() ? asked.trim() : null;
}

/** Turns a domain refusal into the console's (status, code, Vietnamese message). */
export function refuse(status: number, code: string, message: string, extra: Record<string, unknown> = {}): never {
  throw new ConsoleHttpError(status, code, message, extra);
}
