/**
 * POST /push, the reads: the counter row locked for the whole batch, the batch split by sequence
 * number (replays, fresh ops, a gap), the stored answers of the replays, and everything the fresh ops
 * touch — locked and read in one round trip.
 */
import type { DossierEventType, DossierSnapshot } from '../shared/dossier';
import type { CaseKind, CaseSnapshot } from '../shared/cases';
import type { PushOp, PushResult, SerialRange } from '../shared/sync-protocol';
import type { Conn } from './db';
import type { Touched, Working } from './push-decide';
import type { RawBody, RawOp } from './raw-json';
import { blockKey, rangeOf, type SerialConfig } from './serials';

export class UnknownCounterError extends Error {}

/** Locks the counter's row (FOR UPDATE): two pushes of one counter are serialised. */
export async function lockCounter(c: Conn, counterId: string): Promise<{ startSeq: number; counterName: string }> {
  const counter = await c.query<{ next: number; name: string }>('SELECT next_seq::float8 AS next, name FROM counters WHERE id = $1 FOR UPDATE', [counterId]);
  if (!counter.rows[0]) throw new UnknownCounterError(counterId);
  return { startSeq: counter.rows[0].next, counterName: counter.rows[0].name };
}

export interface SplitBatch {
  /** Ops below the counter's next seq: answered from what is stored. */
  replays: PushOp[];
  /** Consecutive ops from the counter's next seq: to decide. */
  fresh: PushOp[];
  /** Where each fresh op lies in the request body (parallel to `fresh`). */
  freshRaw: (RawOp | undefined)[];
  /** Index in the request of the first op after a gap (-1: none); it and all after are `gap`. */
  gapAt: number;
}

export function splitBatch(ops: PushOp[], startSeq: number, raw: RawBody | undefined): SplitBatch {
  const out: SplitBatch = { replays: ops.filter((o) => o.seq < startSeq), fresh: [], freshRaw: [], gapAt: -1 };
  let expect = startSeq;
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if (o.seq < startSeq) continue;
    if (o.seq !== expect) {
      out.gapAt = i;
      break;
    }
    out.fresh.push(o);
    out.freshRaw.push(raw?.ops[i]);
    expect++;
  }
  return out;
}

export type StoredAnswers = Map<number, { opId: string; answer: PushResult }>;

/** The answers stored for replayed seqs: accepted events and ledger entries, and refusals. */
export async function storedAnswers(c: Conn, counterId: string, replays: PushOp[]): Promise<StoredAnswers> {
  const stored: StoredAnswers = new Map();
  if (replays.length === 0) return stored;
  const r = await c.query<{ seq: number; op_id: string; answer: PushResult | null; hub_seq: number | null }>(
    `SELECT seq::float8 AS seq, op_id::text AS op_id, NULL::json AS answer, hub_seq FROM dossier_events WHERE counter_id = $1 AND seq = ANY($2::bigint[])
     UNION ALL
     SELECT seq::float8, op_id::text, NULL::json, NULL::int FROM ledger_entries WHERE counter_id = $1 AND seq = ANY($2::bigint[])
     UNION ALL
     SELECT seq::float8, op_id::text, answer, NULL::int FROM ops WHERE counter_id = $1 AND seq = ANY($2::bigint[])
     UNION ALL
     SELECT seq::float8, op_id::text, NULL::json, hub_seq FROM case_events WHERE counter_id = $1 AND seq = ANY($2::bigint[])`,
    [counterId, replays.map((o) => o.seq)],
  );
  for (const row of r.rows) {
    const answer: PushResult = row.answer ?? { opId: row.op_id, seq: row.seq, status: 'accepted', ...(row.hub_seq !== null ? { hubSeq: row.hub_seq } : {}) };
    stored.set(row.seq, { opId: row.op_id, answer });
  }
  return stored;
}

interface DossierRow {
  id: string;
  branch_code: string;
  item_number: string;
  snapshot: DossierSnapshot;
  hub_seq: number;
  last_event_id: string;
  change_key: string;
  last_counter_id: string | null;
  last_counter_name: string | null;
  last_type: DossierEventType | null;
  last_at: number | null;
}

interface TouchedRow {
  dossiers: DossierRow[];
  items: [string, string][];
  events: string[];
  ledger: string[];
  cases: [string, string, CaseKind, string | null, CaseSnapshot, number, string, string, boolean | null, string | null, string | null][];
  case_events: string[];
  change_key: string;
  newest: string | null;
  blocks: [string, number][];
}

/**
 * Everything the fresh ops touch, in one round trip: lock the touched dossiers (in id order: no
 * deadlocks), read what the checks need, and compute this transaction's change key (see pull.ts): at
 * least our own xid and at least the key of every dossier we touch, so a dossier's events are always
 * delivered in hub order.
 */
export async function loadTouched(c: Conn, serials: SerialConfig, counterId: string, fresh: PushOp[]): Promise<Touched> {
  const touched: Touched = { working: new Map(), cases: new Map(), seenCaseEvents: new Set(), takenItems: new Map(), seenEvents: new Set(), seenOpIds: new Set(), changeKey: '0', newest: null, ownBlocks: new Set() };
  if (fresh.length === 0) return touched;
  const dossierIds = new Set<string>();
  const itemNumbers = new Set<string>();
  const eventIds: string[] = [];
  const caseIds = new Set<string>();
  const caseEventIds: string[] = [];
  for (const o of fresh) {
    const p = o.payload;
    if (p.kind === 'dossier.event') {
      dossierIds.add(p.dossierId);
      eventIds.push(p.eventId);
      if (p.event.type === 'accepted') itemNumbers.add(p.itemNumber);
    } else if (p.kind === 'ledger.entry' && p.entry.dossierId) dossierIds.add(p.entry.dossierId);
    else if (p.kind === 'case.event') {
      caseIds.add(p.caseId);
      caseEventIds.push(p.eventId);
      if (p.dossierId) dossierIds.add(p.dossierId);
      if (p.event.type === 'compensation_decided') caseIds.add(p.event.compensation.lossId);
    }
  }
  const ledgerIds = fresh.filter((o) => o.payload.kind === 'ledger.entry').map((o) => o.opId);
  const r = await c.query<TouchedRow>(
    `WITH locked AS (
       SELECT d.id, d.branch_code, d.item_number, d.snapshot, d.hub_seq, d.last_event_id, d.change_key
         FROM dossiers d WHERE d.id = ANY($1::uuid[]) ORDER BY d.id FOR UPDATE),
     described AS (
       SELECT l.id::text AS id, l.branch_code, l.item_number, l.snapshot, l.hub_seq, l.last_event_id::text AS last_event_id,
              l.change_key::text AS change_key, e.counter_id AS last_counter_id, k.name AS last_counter_name, e.type AS last_type,
              e.hub_at::float8 AS last_at
         FROM locked l LEFT JOIN dossier_events e ON e.id = l.last_event_id LEFT JOIN counters k ON k.id = e.counter_id)
     SELECT (SELECT coalesce(json_agg(described), '[]'::json) FROM described) AS dossiers,
            (SELECT coalesce(json_agg(json_build_array(id::text, item_number)), '[]'::json) FROM dossiers WHERE item_number = ANY($2::text[])) AS items,
            (SELECT coalesce(json_agg(id::text), '[]'::json) FROM dossier_events WHERE id = ANY($3::uuid[])) AS events,
            (SELECT coalesce(json_agg(op_id::text), '[]'::json) FROM ledger_entries WHERE op_id = ANY($4::uuid[])) AS ledger,
            (SELECT coalesce(json_agg(json_build_array(c.id::text, c.branch_code, c.kind, c.dossier_id::text, c.snapshot, c.hub_seq, c.last_event_id::text,
                      c.opened_date::text, c.in_time, c.loss_subject, c.loss_kind)), '[]'::json)
               FROM (SELECT * FROM cases WHERE id = ANY($7::uuid[]) ORDER BY id FOR UPDATE) c) AS cases,
            (SELECT coalesce(json_agg(id::text), '[]'::json) FROM case_events WHERE id = ANY($8::uuid[])) AS case_events,
            greatest(pg_current_xact_id(), (SELECT max(change_key) FROM locked))::text AS change_key,
            (SELECT json_build_array(id::text, prefix, block_no, counter_id)::text FROM serial_blocks
              WHERE counter_id = $5 AND prefix = $6 ORDER BY block_no DESC LIMIT 1) AS newest,
            (SELECT coalesce(json_agg(json_build_array(prefix, block_no)), '[]'::json) FROM serial_blocks WHERE counter_id = $5) AS blocks`,
    [[...dossierIds], [...itemNumbers], eventIds, ledgerIds, counterId, serials.prefix, [...caseIds], caseEventIds],
  );
  const got = r.rows[0]!;
  for (const row of got.dossiers) touched.working.set(row.id, workingOf(row));
  for (const [id, item] of got.items) touched.takenItems.set(item, id);
  // An op id already applied under another seq (a confused or tampering counter): dossier events
  // are protected by their event id (DUPLICATE_EVENT), ledger entries by their op id.
  for (const id of got.events) touched.seenEvents.add(id);
  for (const id of got.ledger) touched.seenOpIds.add(id);
  for (const [id, branchCode, kind, dossierId, snapshot, hubSeq, lastEventId, openedDate, inTime, lossSubject, lossKind] of got.cases) {
    touched.cases.set(id, { id, branchCode, kind, dossierId, snapshot, hubSeq, lastEventId, isNew: false, dirty: false, openedDate, inTime, lossSubject, lossKind });
  }
  for (const id of got.case_events) touched.seenCaseEvents.add(id);
  touched.changeKey = got.change_key;
  touched.newest = got.newest ? newestRange(got.newest, serials) : null;
  for (const [prefix, blockNo] of got.blocks) touched.ownBlocks.add(blockKey(prefix, blockNo));
  return touched;
}

function workingOf(row: DossierRow): Working {
  return {
    id: row.id,
    branchCode: row.branch_code,
    snapshot: row.snapshot,
    hubSeq: row.hub_seq,
    lastEventId: row.last_event_id,
    lastCounterId: row.last_counter_id ?? '',
    lastCounterName: row.last_counter_name ?? row.last_counter_id ?? '',
    lastType: row.last_type ?? 'accepted',
    lastAt: row.last_at ?? 0,
    isNew: false,
    dirty: false,
    itemNumber: row.item_number,
    changeKey: row.change_key,
  };
}

function newestRange(text: string, serials: SerialConfig): SerialRange {
  const [id, prefix, blockNo, counterId] = JSON.parse(text) as [string, string, number, string];
  return rangeOf({ id, prefix, block_no: blockNo, counter_id: counterId }, serials);
}
