/**
 * The hub's record of setting changes (migration 15, `hub_audit`): who changed a setting, when, and
 * from what to what. Written in the transaction that makes the change, so a change never goes
 * unrecorded and a refused one is never recorded. Settings only: never a citizen's data.
 */
import type { Conn } from './db';

/** Who made a change: a console user's name, or how a script reached the hub. */
export type Actor = string;
export const CLI_ACTOR: Actor = 'cli';
export const ADMIN_API_ACTOR: Actor = 'admin-api';

export interface AuditEntry {
  at: number;
  actor: Actor;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
}

export async function recordAudit(c: Conn, e: AuditEntry): Promise<void> {
  await c.query('INSERT INTO hub_audit (at, actor, action, subject, before, after) VALUES ($1, $2, $3, $4, $5, $6)', [e.at, e.actor, e.action, e.subject, e.before, e.after]);
}

/** The latest entries of some actions, newest first. */
export async function recentAudit(c: Conn, actionPrefix: string, limit: number): Promise<AuditEntry[]> {
  const r = await c.query<AuditEntry>(
    `SELECT at::float8 AS at, actor, action, subject, before, after FROM hub_audit
      WHERE starts_with(action, $1) ORDER BY at DESC, id DESC LIMIT $2`,
    [actionPrefix, limit],
  );
  return r.rows;
}
