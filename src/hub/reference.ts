/**
 * Reference data the province maintains and every counter receives: every kind of the shared
 * registry (src/shared/reference-kinds.ts: the catalogue, the calendar overrides, the transit limits,
 * the postage tariff, the bank account for VietQR…). Each upload is validated with the kind's shared
 * check, stored normalised, and published as one `reference` change for every branch; older
 * published versions of the same document are removed from the feed (a counter only ever needs the
 * newest one, and removing rows never makes a cursor skip anything).
 */
import { checkReference, type ReferenceProblem } from '../shared/reference-kinds';
import type { ReferenceName } from '../shared/sync-protocol';
import type { HubDb } from './db';

export class ReferenceError extends Error {
  constructor(
    message: string,
    /** Each problem in Vietnamese, for the CLI and the HTTP answer. */
    readonly problems: string[],
    readonly code: string,
    readonly details: ReferenceProblem[] = [],
  ) {
    super(message);
  }
}

/** Validates `payload` as reference document `name` (the check the counter runs too); returns the normalised document. */
export function validateReference(name: ReferenceName, payload: unknown): unknown {
  const r = checkReference(name, payload);
  if (!r.ok) throw new ReferenceError(r.message, r.problems.slice(0, 20).map((p) => p.message), r.code, r.problems);
  return r.value;
}

export async function publishReference(db: HubDb, name: ReferenceName, version: string, payload: unknown, now: number): Promise<string> {
  const doc = validateReference(name, payload);
  return db.tx(async (c) => {
    await c.query(
      `INSERT INTO reference_docs (name, version, payload, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, payload = EXCLUDED.payload, updated_at = EXCLUDED.updated_at`,
      [name, version, JSON.stringify(doc), now],
    );
    await c.query(`DELETE FROM changes WHERE kind = 'reference' AND payload->>'name' = $1`, [name]);
    const r = await c.query<{ id: string }>(
      `INSERT INTO changes (change_key, branch_code, kind, hub_at, payload) VALUES (pg_current_xact_id(), NULL, 'reference', $1, $2::jsonb) RETURNING change_id::text AS id`,
      [now, JSON.stringify({ name, version, payload: doc })],
    );
    return r.rows[0]!.id;
  });
}
