/**
 * A counter's own operations, as it pushed them, from a sequence number on. A counter whose store was
 * restored from a backup lacks what it did after that backup; the hub has it (accepted dossier events
 * with the dossier record, accepted ledger entries, and the refusals with their answer), so the
 * counter takes it back, renumbers what it did since the restore after it, and goes on without
 * issuing an item number twice (see main/sync/recover.ts).
 */
import type { Conn } from './db';
import type { Caller } from './push';
import { caseOpText, dossierOpText } from './pull';

interface OwnRow {
  seq: number;
  op_id: string;
  kind: string;
  status: string;
  hub_at: number;
  event_id: string | null;
  dossier_id: string | null;
  item_number: string | null;
  /** Stored JSON texts, passed on as they are (see dossierOpText). */
  event: string | null;
  record: string | null;
  entry: string | null;
  payload: string | null;
  code: string | null;
  reason: string | null;
  /** A case event's place in its case's history (the counter orders the case's events by it). */
  hub_seq: number | null;
}

/** $1 counter, $2 from seq, $3 limit. Each branch walks its (counter_id, seq) unique index. */
const OWN_OPS_SQL = `
  (SELECT e.seq::float8 AS seq, e.op_id::text AS op_id, 'dossier.event' AS kind, 'accepted' AS status, e.hub_at::float8 AS hub_at,
          e.id::text AS event_id, d.id::text AS dossier_id, d.item_number, e.event::text AS event,
          CASE WHEN e.type = 'accepted' THEN d.record::text END AS record,
          NULL::text AS entry, NULL::text AS payload, NULL::text AS code, NULL::text AS reason, NULL::int AS hub_seq
     FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
    WHERE e.counter_id = $1 AND e.seq >= $2 ORDER BY e.seq LIMIT $3)
  UNION ALL
  (SELECT l.seq::float8, l.op_id::text, 'ledger.entry', 'accepted', l.hub_at::float8, NULL, NULL, NULL, NULL, NULL, l.entry::text, NULL, NULL, NULL, NULL
     FROM ledger_entries l WHERE l.counter_id = $1 AND l.seq >= $2 ORDER BY l.seq LIMIT $3)
  UNION ALL
  (SELECT c.seq::float8, c.op_id::text, 'case.event', 'accepted', c.hub_at::float8, c.id::text, c.dossier_id::text, c.case_id::text, c.event::text,
          NULL, NULL, NULL, NULL, NULL, c.hub_seq
     FROM case_events c WHERE c.counter_id = $1 AND c.seq >= $2 ORDER BY c.seq LIMIT $3)
  UNION ALL
  (SELECT o.seq::float8, o.op_id::text, o.kind, 'rejected', o.received_at::float8, NULL, NULL, NULL, NULL, NULL, NULL, o.payload::text,
          o.answer->>'code', o.answer->>'reason', NULL
     FROM ops o WHERE o.counter_id = $1 AND o.seq >= $2 ORDER BY o.seq LIMIT $3)
  ORDER BY seq LIMIT $3`;

export interface OwnOpsPage {
  /** Each operation's JSON text (an OwnOp of sync-protocol.ts). */
  ops: string[];
  hasMore: boolean;
  expectedSeq: number;
}

export async function ownOps(c: Conn, who: Caller, fromSeq: number, limit: number): Promise<OwnOpsPage> {
  const { rows } = await c.query<OwnRow>(OWN_OPS_SQL, [who.counterId, fromSeq, limit]);
  const s = JSON.stringify;
  const ops = rows.map((r) => {
    const head = `{"seq":${s(r.seq)},"opId":${s(r.op_id)},"hubAt":${s(r.hub_at)}`;
    if (r.status !== 'accepted') return `${head},"status":"rejected","payload":${r.payload},"code":${s(r.code ?? 'REJECTED')},"reason":${s(r.reason ?? '')}}`;
    // A case event: item_number carries its case id (see OWN_OPS_SQL).
    if (r.kind === 'case.event') return `${head},"status":"accepted","hubSeq":${s(r.hub_seq)},"payload":${caseOpText({ opId: r.op_id, caseId: r.item_number!, dossierId: r.dossier_id, eventId: r.event_id!, eventText: r.event! })}}`;
    if (r.kind === 'ledger.entry') return `${head},"status":"accepted","payload":{"opId":${s(r.op_id)},"kind":"ledger.entry","entry":${r.entry}}}`;
    const op = dossierOpText({ opId: r.op_id, dossierId: r.dossier_id!, itemNumber: r.item_number!, eventId: r.event_id!, eventText: r.event!, recordText: r.record });
    return `${head},"status":"accepted","payload":${op}}`;
  });
  const next = await c.query<{ n: number }>('SELECT next_seq::float8 AS n FROM counters WHERE id = $1', [who.counterId]);
  return { ops, hasMore: rows.length === limit, expectedSeq: next.rows[0]?.n ?? 1 };
}

/** The JSON text of an /own-ops answer (OwnOpsResponse of sync-protocol.ts). */
export function ownOpsBody(page: OwnOpsPage, hubTime: number): string {
  const s = JSON.stringify;
  return `{"hubTime":${s(hubTime)},"hasMore":${s(page.hasMore)},"expectedSeq":${s(page.expectedSeq)},"ops":[${page.ops.join(',')}]}`;
}
