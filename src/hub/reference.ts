/**
 * Reference data the province maintains and every counter receives: the catalogue (procedures,
 * documents, fees), the calendar overrides (holidays, swapped days) and the transit limits. Each
 * upload is validated with the shared schema, stored, and published as one `reference` change for
 * every branch; older published versions of the same document are removed from the feed (a counter
 * only ever needs the newest one, and removing rows never makes a cursor skip anything).
 */
import { listCatalogueProblems } from '../shared/catalogue';
import { calendarOverridesSchema } from '../shared/calendar';
import { transitLimitsSchema } from '../shared/transit';
import type { ReferenceName } from '../shared/sync-protocol';
import type { HubDb } from './db';

export class ReferenceError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}

/** Validates `payload` as reference document `name`; returns the normalised document. */
export function validateReference(name: ReferenceName, payload: unknown): unknown {
  if (name === 'catalogue') {
    const r = listCatalogueProblems(payload);
    if (!r.catalogue || r.problems.length > 0) throw new ReferenceError('Danh mục thủ tục không hợp lệ.', r.problems.slice(0, 20).map((p) => p.message));
    return r.catalogue;
  }
  // The same schemas the counter's loader uses (src/main/reference/load.ts); the raw document is
  // published (defaults are filled in again by the counter).
  const r = name === 'calendar' ? calendarOverridesSchema.safeParse(payload) : transitLimitsSchema.safeParse(payload);
  if (!r.success) throw new ReferenceError(name === 'calendar' ? 'Bảng ngày nghỉ, ngày làm bù không hợp lệ.' : 'Bảng chỉ tiêu thời gian chuyển phát không hợp lệ.', r.error.issues.slice(0, 20).map((i) => `${i.path.join('.')}: ${i.message}`));
  return payload;
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
