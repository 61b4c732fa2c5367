/**
 * What every service receives: the database handle, the clock, the id source and the reference
 * data derived from the store (working calendar, transit limits). No globals.
 */
import type { Db } from '../store/db';
import type { Clock, Ids, SecretBox } from '../../shared/ports';
import type { Role } from '../../shared/dossier';
import type { WorkCalendar } from '../../shared/calendar';
import type { TransitLimits } from '../../shared/transit';
import type { BankAccounts, Tariff } from '../../shared/tariff';
import type { Denomination } from '../../shared/cash';
import { DomainError } from '../../shared/errors';
import { formatZodIssue } from '../../shared/schemas';
import { wasParsedWith } from '../../shared/ipc/parsed';
import { fastSchema } from '../../shared/fast-parse';
import type { z } from 'zod';

export interface Actor {
  clerkId: string;
  counterId: string;
  role: Role;
}

export interface Reference {
  calendar: WorkCalendar;
  transit: TransitLimits;
  /** The postage tariff (cước) the counter quotes. */
  tariff: Tariff;
  /** The account VietQR transfers go to. */
  bankAccounts: BankAccounts;
  /** The notes and coins a drawer is counted in at a shift close. */
  denominations: Denomination[];
}

export interface ServiceContext {
  db: Db;
  clock: Clock;
  ids: { uuid(): string };
  /** Reference data is re-read after a sync brings new data down. */
  reference(): Reference;
  /** How secrets (the hub token) are sealed at rest; plain when absent. */
  secrets?: SecretBox;
}

export type { Clock, Ids };

/** Validates input with a schema; a failure becomes a DomainError with a Vietnamese message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = fastSchema(schema).safeParse(input);
  if (!r.success) {
    const { message, field } = formatZodIssue(r.error);
    throw new DomainError('INVALID_INPUT', message, field);
  }
  return r.data;
}

/**
 * parseInput, except that an input the IPC registry has already validated with this same schema
 * (shared/ipc/parsed.ts) is taken as it is: the same checks, run once. Only for use cases that never
 * change their input (the registry's copy is handed on as it was checked).
 */
export function parseOnce<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  return wasParsedWith(schema, input) ? (input as z.infer<S>) : parseInput(schema, input);
}

export function requireRole(actor: Actor, roles: Role[], action: string): void {
  if (!roles.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `Bạn không có quyền ${action}.`);
  }
}
