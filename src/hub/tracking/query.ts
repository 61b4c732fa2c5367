/**
 * The one read behind the public tracking page: a dossier by its item number with its events in the
 * hub's order, each with the post office that recorded it. Only the snapshot (no personal data) and
 * named non-personal fields of the events are read — never the dossier's record, nor an event's free
 * text — so nothing personal can reach the answer even by mistake.
 *
 * One statement, two index lookups: dossiers.item_number (unique) and dossier_events (dossier_id,
 * hub_seq) (hub migration 10). An unknown number runs the same statement and finds nothing.
 */
import type { Conn } from '../db';
import type { DossierSnapshot } from '../../shared/dossier';
import type { TrackingInput } from '../../shared/tracking';

interface Row {
  snapshot: string;
  branch_name: string;
  events: string;
}

interface EventRow {
  type: string;
  at: number;
  filedAt: number | null;
  agencyCode: string | null;
  appointmentDate: string | null;
  nextInvitationDate: string | null;
  branchName: string | null;
}

// Each event's JSON text is parsed once (json_to_record), not once per field as `event->>'…'` would.
const SQL = `
SELECT d.snapshot::text AS snapshot, b.name AS branch_name,
  coalesce((
    SELECT json_agg(json_build_object(
        'type', e.type,
        'at', f.at,
        'filedAt', f."filedAt",
        'agencyCode', f."agencyCode",
        'appointmentDate', f."appointmentDate",
        'nextInvitationDate', f."nextInvitationDate",
        'branchName', eb.name) ORDER BY e.hub_seq)
      FROM dossier_events e
      CROSS JOIN LATERAL json_to_record(e.event) AS f(at bigint, "filedAt" bigint, "agencyCode" text, "appointmentDate" text, "nextInvitationDate" text)
      LEFT JOIN counters c ON c.id = e.counter_id
      LEFT JOIN branches eb ON eb.code = c.branch_code
     WHERE e.dossier_id = d.id), '[]')::text AS events
  FROM dossiers d JOIN branches b ON b.code = d.branch_code
 WHERE d.item_number = $1`;

/** Agency names by code, from the catalogue the hub distributes; cached briefly (it changes rarely). */
export function agencyNames(db: Conn, ttlMs = 60_000, now: () => number = Date.now): () => Promise<Map<string, string>> {
  let cached: { at: number; names: Map<string, string> } | null = null;
  return async () => {
    if (cached && now() - cached.at < ttlMs) return cached.names;
    const { rows } = await db.query<{ code: string; name: string }>(
      `SELECT a->>'code' AS code, a->>'name' AS name
         FROM reference_docs r, jsonb_array_elements(CASE WHEN jsonb_typeof(r.payload->'agencies') = 'array' THEN r.payload->'agencies' ELSE '[]'::jsonb END) a
        WHERE r.name = 'catalogue'`,
    );
    cached = { at: now(), names: new Map(rows.filter((r) => r.code && r.name).map((r) => [r.code, r.name])) };
    return cached.names;
  };
}

/** The dossier with `itemNumber` as tracking reads it, or null when the hub does not hold it. */
export async function readTracking(db: Conn, itemNumber: string, agencies: Map<string, string>): Promise<TrackingInput | null> {
  const { rows } = await db.query<Row>(SQL, [itemNumber], 'tracking_read');
  const row = rows[0];
  if (!row) return null;
  const snapshot = JSON.parse(row.snapshot) as DossierSnapshot;
  const events = (JSON.parse(row.events) as EventRow[]).map((e) => ({
    type: e.type,
    at: Number(e.at),
    filedAt: e.filedAt === null ? null : Number(e.filedAt),
    agencyName: e.agencyCode ? (agencies.get(e.agencyCode) ?? null) : null,
    appointmentDate: e.appointmentDate,
    nextInvitationDate: e.nextInvitationDate,
    branchName: e.branchName,
  }));
  return { itemNumber, branchName: row.branch_name, snapshot, events };
}
