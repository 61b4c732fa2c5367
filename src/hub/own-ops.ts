/**
 * A counter's own operations, as it pushed them, from a sequence number on. A counter whose store was
 * restored from a backup lacks what it did after that backup; the hub has it (accepted dossier events
 * with the dossier record, accepted ledger entries, and the refusals with their answer), so the
 * counter takes it back, renumbers what it did since the restore after it, and goes on without
 * issuing an item number twice (see main/sync/recover.ts).
 */
import type { DossierEvent } from '../shared/dossier';
import type { OwnOp } from '../shared/sync-protocol';
import type { DossierRecord, LedgerRecord } from '../shared/sync-ops';
import type { Conn } from './db';
import type { Caller } from './push';
import { dossierOpOf } from './pull';

interface OwnRow {
  seq: number;
  op_id: string;
  kind: string;
  status: string;
  hub_at: number;
  event_id: string | null;
  dossier_id: string | null;
  item_number: string | null;
  event: DossierEvent | null;
  record: DossierRecord | null;
  entry: LedgerRecord | null;
  payload: unknown;
  answer: { code?: string; reason?: string } | null;
}

/** $1 counter, $2 from seq, $3 limit. Each branch walks its (counter_id, seq) unique index. */
const OWN_OPS_SQL = `
  (SELECT e.seq::float8 AS seq, e.op_id::text AS op_id, 'dossier.event' AS kind, 'accepted' AS status, e.hub_at::float8 AS hub_at,
          e.id::text AS event_id, d.id::text AS dossier_id, d.item_number, e.event, CASE WHEN e.type = 'accepted' THEN d.record END AS record,
          NULL::json AS entry, NULL::json AS payload, NULL::json AS answer
     FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
    WHERE e.counter_id = $1 AND e.seq >= $2 ORDER BY e.seq LIMIT $3)
  UNION ALL
  (SELECT l.seq::float8, l.op_id::text, 'ledger.entry', 'accepted', l.hub_at::float8, NULL, NULL, NULL, NULL, NULL, l.entry, NULL, NULL
     FROM ledger_entries l WHERE l.counter_id = $1 AND l.seq >= $2 ORDER BY l.seq LIMIT $3)
  UNION ALL
  (SELECT o.seq::float8, o.op_id::text, o.kind, 'rejected', o.received_at::float8, NULL, NULL, NULL, NULL, NULL, NULL, o.payload, o.answer
     FROM ops o WHERE o.counter_id = $1 AND o.seq >= $2 ORDER BY o.seq LIMIT $3)
  ORDER BY seq LIMIT $3`;

export async function ownOps(c: Conn, who: Caller, fromSeq: number, limit: number): Promise<{ ops: OwnOp[]; hasMore: boolean; expectedSeq: number }> {
  const { rows } = await c.query<OwnRow>(OWN_OPS_SQL, [who.counterId, fromSeq, limit]);
  const ops: OwnOp[] = rows.map((r): OwnOp => {
    if (r.status !== 'accepted') {
      return { seq: r.seq, opId: r.op_id, status: 'rejected', hubAt: r.hub_at, payload: r.payload, code: r.answer?.code ?? 'REJECTED', reason: r.answer?.reason ?? '' };
    }
    if (r.kind === 'ledger.entry') return { seq: r.seq, opId: r.op_id, status: 'accepted', hubAt: r.hub_at, payload: { opId: r.op_id, kind: 'ledger.entry', entry: r.entry! } };
    const payload = dossierOpOf({ op_id: r.op_id, dossier_id: r.dossier_id!, item_number: r.item_number!, event_id: r.event_id!, event: r.event!, record: r.record });
    return { seq: r.seq, opId: r.op_id, status: 'accepted', hubAt: r.hub_at, payload };
  });
  const next = await c.query<{ n: number }>('SELECT next_seq::float8 AS n FROM counters WHERE id = $1', [who.counterId]);
  return { ops, hasMore: rows.length === limit, expectedSeq: next.rows[0]?.n ?? 1 };
}
