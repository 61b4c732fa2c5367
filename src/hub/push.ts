/**
 * POST /push: a counter's operations, in its own sequence order, applied exactly once.
 *
 * One PostgreSQL transaction per batch (not per op), because:
 * - a counter's operations are strictly sequential, so the batch is the natural unit: the counter
 *   row is locked (FOR UPDATE) for the whole batch, which also serialises two pushes of the same
 *   counter racing each other (e.g. a retry overtaking a slow request);
 * - all reads and writes are set-based: one round trip locks and reads everything the checks need,
 *   one statement (data-modifying CTEs) writes everything, and one commit per 500 ops instead of
 *   500 commits is what makes ingest fast;
 * - a business refusal is not an error: it is a stored answer, written in the same transaction, so a
 *   batch never half-applies. A database error (deadlock, unique race on an item number, crash)
 *   rolls back the whole batch and the counter's retry replays it from the start — harmless.
 *
 * Idempotence: every answered op is stored under (counter, seq) — an accepted dossier event in
 * dossier_events, an accepted ledger entry in ledger_entries, a refusal with its answer in ops (no
 * separate log row per accepted op: writes are most of the ingest cost). An op whose seq is below
 * the counter's `next_seq` is a replay and gets the same answer back, changing nothing. An op whose
 * seq is above `next_seq` is a gap: it and every op after it are answered `gap` (not applied, not
 * stored) and the response carries `expectedSeq`.
 *
 * Conflicts: dossier events are applied through the shared state machine (`applyEvent`) against the
 * hub's snapshot of the dossier, in the hub's arrival order. When two offline counters act on the
 * same dossier, the first to arrive wins; the loser's op is rejected with the machine's reason and
 * the winning event's id, counter and time, so the losing counter can show exactly what happened.
 */
import { formatDateTimeVi } from '../shared/calendar';
import { applyEvent, EVENT_LABELS, type DossierEvent, type DossierEventType, type DossierSnapshot } from '../shared/dossier';
import type { HubDossierState, PushOp, PushResult, SerialRange } from '../shared/sync-protocol';
import type { SyncOp } from '../shared/sync-ops';
import type { Conn, HubDb } from './db';
import { JsonArray, jsonText, type RawBody, type RawOp } from './raw-json';
import { allocateBlock, needsTopUp, rangeOf, type SerialConfig } from './serials';

export interface Caller {
  counterId: string;
  branchCode: string;
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

/** Mutable in-batch view of a dossier. */
interface Working {
  id: string;
  branchCode: string;
  snapshot: DossierSnapshot;
  hubSeq: number;
  lastEventId: string;
  lastCounterId: string;
  lastCounterName: string;
  lastType: DossierEventType;
  lastAt: number;
  isNew: boolean;
  dirty: boolean;
  record?: unknown;
  /** The record's JSON text (the request's own bytes when usable, see raw-json.ts). */
  recordText?: Buffer;
  itemNumber: string;
  /** The ordering key of the change that last touched it ('0' for a new dossier). */
  changeKey: string;
}

function hubState(w: Working): HubDossierState {
  const s = w.snapshot;
  return {
    hubSeq: w.hubSeq,
    state: s.state,
    complete: s.complete,
    batchId: s.batchId,
    deliveryAttempts: s.deliveryAttempts,
    nextInvitationDate: s.nextInvitationDate,
    appointmentDate: s.appointmentDate,
    filedAt: s.filedAt,
    feeDueOnDelivery: s.feeDueOnDelivery,
    reclaimOldPapers: s.reclaimOldPapers,
    returnMethod: s.returnMethod,
    serviceType: s.serviceType,
  };
}


export interface PushOutcome {
  results: PushResult[];
  expectedSeq: number;
  applied: number;
  replayed: number;
}

export class UnknownCounterError extends Error {}

interface EventRow {
  id: string;
  dossier_id: string;
  hub_seq: number;
  seq: number;
  op_id: string;
  type: string;
  /** The event's JSON text. */
  event: Buffer;
}

/**
 * Parameters of one statement. Each table's rows travel as ONE JSON array parameter unpacked by
 * json_to_recordset: measured on the sync bench, far cheaper than one parameter per cell, for both
 * sides — the hub (Node) no longer binds thousands of values and the query text no longer carries
 * thousands of `$n::type` placeholders for PostgreSQL to parse and plan. The stored documents
 * (records, events, ledger entries) travel beside their rows as one binary `json[]` (JsonArray),
 * zipped with them by ROWS FROM: PostgreSQL validates each document once (nested in the rows' JSON
 * it lexed them twice, once in json_to_recordset and again as json), and the documents are the
 * request's own bytes where possible (raw-json.ts): no re-serialisation, no re-encoding.
 */
class Params {
  readonly list: unknown[] = [];
  p(v: unknown, type: string): string {
    this.list.push(v);
    if (this.list.length > 65_000) throw new Error('too many statement parameters');
    return `$${this.list.length}::${type}`;
  }
  /** Rows as one JSON array, unpacked by json_to_recordset: one serialisation, one parameter. */
  json(rows: unknown[]): string {
    return this.p(JSON.stringify(rows), 'json');
  }
  /** JSON documents as one binary json[] parameter. */
  docs(texts: Buffer[]): string {
    return this.p(new JsonArray(texts), 'json[]');
  }
}

export async function pushOps(db: HubDb, serials: SerialConfig, who: Caller, ops: PushOp[], now: () => number, raw?: RawBody): Promise<PushOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.tx((c) => pushInTx(c, serials, who, ops, now(), raw));
    } catch (err) {
      // Two counters taking in the same item number at the same moment: the unique index refuses the
      // second insert; retry so that the loser sees the winner's row and gets a proper rejection.
      if ((err as { code?: string }).code === '23505' && attempt < 3) continue;
      throw err;
    }
  }
}

/** The push of one batch inside the caller's transaction (exported for the late-commit test). */
export async function pushInTx(c: Conn, serials: SerialConfig, who: Caller, ops: PushOp[], hubAt: number, raw?: RawBody): Promise<PushOutcome> {
  const counter = await c.query<{ next: number; name: string }>('SELECT next_seq::float8 AS next, name FROM counters WHERE id = $1 FOR UPDATE', [who.counterId]);
  if (!counter.rows[0]) throw new UnknownCounterError(who.counterId);
  const startSeq = counter.rows[0].next;
  const counterName = counter.rows[0].name;

  const results: PushResult[] = [];
  const replays = ops.filter((o) => o.seq < startSeq);
  const fresh: PushOp[] = [];
  /** Where each fresh op lies in the request body (parallel to `fresh`). */
  const freshRaw: (RawOp | undefined)[] = [];
  let gapAt = -1;
  {
    let expect = startSeq;
    for (let i = 0; i < ops.length; i++) {
      const o = ops[i]!;
      if (o.seq < startSeq) continue;
      if (o.seq !== expect) {
        gapAt = i;
        break;
      }
      fresh.push(o);
      freshRaw.push(raw?.ops[i]);
      expect++;
    }
  }

  // Replays: the stored answers, unchanged.
  const stored = new Map<number, { opId: string; answer: PushResult }>();
  if (replays.length > 0) {
    const r = await c.query<{ seq: number; op_id: string; answer: PushResult | null; hub_seq: number | null }>(
      `SELECT seq::float8 AS seq, op_id::text AS op_id, NULL::json AS answer, hub_seq FROM dossier_events WHERE counter_id = $1 AND seq = ANY($2::bigint[])
       UNION ALL
       SELECT seq::float8, op_id::text, NULL::json, NULL::int FROM ledger_entries WHERE counter_id = $1 AND seq = ANY($2::bigint[])
       UNION ALL
       SELECT seq::float8, op_id::text, answer, NULL::int FROM ops WHERE counter_id = $1 AND seq = ANY($2::bigint[])`,
      [who.counterId, replays.map((o) => o.seq)],
    );
    for (const row of r.rows) {
      const answer: PushResult = row.answer ?? { opId: row.op_id, seq: row.seq, status: 'accepted', ...(row.hub_seq !== null ? { hubSeq: row.hub_seq } : {}) };
      stored.set(row.seq, { opId: row.op_id, answer });
    }
  }

  // Everything the fresh ops touch, loaded and locked in one go (ids in order: no deadlocks).
  const dossierIds = new Set<string>();
  const itemNumbers = new Set<string>();
  const eventIds: string[] = [];
  for (const o of fresh) {
    const p = o.payload;
    if (p.kind === 'dossier.event') {
      dossierIds.add(p.dossierId);
      eventIds.push(p.eventId);
      if (p.event.type === 'accepted') itemNumbers.add(p.itemNumber);
    } else if (p.kind === 'ledger.entry' && p.entry.dossierId) dossierIds.add(p.entry.dossierId);
  }
  const working = new Map<string, Working>();
  const takenItems = new Map<string, string>();
  const seenEvents = new Set<string>();
  const seenOpIds = new Set<string>();
  // One round trip: lock the touched dossiers (in id order: no deadlocks), read what the checks
  // need, and compute this transaction's change key (see pull.ts): at least our own xid and at least
  // the key of every dossier we touch, so a dossier's events are always delivered in hub order.
  let changeKey = '0';
  let newest: SerialRange | null = null;
  if (fresh.length > 0) {
    const ledgerIds = fresh.filter((o) => o.payload.kind === 'ledger.entry').map((o) => o.opId);
    const r = await c.query<{ dossiers: DossierRow[]; items: [string, string][]; events: string[]; ledger: string[]; change_key: string; newest: string | null }>(
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
              greatest(pg_current_xact_id(), (SELECT max(change_key) FROM locked))::text AS change_key,
              (SELECT json_build_array(id::text, prefix, block_no, counter_id)::text FROM serial_blocks
                WHERE counter_id = $5 AND prefix = $6 ORDER BY block_no DESC LIMIT 1) AS newest`,
      [[...dossierIds], [...itemNumbers], eventIds, ledgerIds, who.counterId, serials.prefix],
    );
    const got = r.rows[0]!;
    for (const row of got.dossiers) {
      working.set(row.id, {
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
      });
    }
    for (const [id, item] of got.items) takenItems.set(item, id);
    // An op id already applied under another seq (a confused or tampering counter): dossier events
    // are protected by their event id (DUPLICATE_EVENT), ledger entries by their op id.
    for (const id of got.events) seenEvents.add(id);
    for (const id of got.ledger) seenOpIds.add(id);
    changeKey = got.change_key;
    if (got.newest) {
      const [id, prefix, blockNo, counterId] = JSON.parse(got.newest) as [string, string, number, string];
      newest = rangeOf({ id, prefix, block_no: blockNo, counter_id: counterId }, serials);
    }
  }

  const eventRows: EventRow[] = [];
  const ledgerRows: { op_id: string; seq: number }[] = [];
  const ledgerTexts: Buffer[] = [];
  const changeRows: string[] = [];
  const opRows: { seq: number; op_id: string; kind: string; payload: unknown; answer: PushResult }[] = [];
  let topUp = false;

  const reject = (o: PushOp, code: string, reason: string, extra: Partial<PushResult> = {}): PushResult => ({ opId: o.opId, seq: o.seq, status: 'rejected', code, reason, ...extra });

  for (let f = 0; f < fresh.length; f++) {
    const o = fresh[f]!;
    const at = freshRaw[f];
    let answer: PushResult;
    const p = o.payload;
    if (p.kind === 'void') {
      answer = reject(o, 'VOIDED', 'Quầy đã hủy thao tác này vì máy chủ không chấp nhận định dạng của nó; không có gì được ghi nhận.');
    } else if (seenOpIds.has(o.opId)) {
      answer = reject(o, 'DUPLICATE_OP', 'Mã thao tác này đã được máy chủ ghi nhận với một số thứ tự khác; thao tác không được ghi lại lần nữa.');
    } else if (p.kind === 'ledger.entry') {
      const d = p.entry.dossierId ? working.get(p.entry.dossierId) : undefined;
      if (p.entry.counterId !== who.counterId) answer = reject(o, 'WRONG_COUNTER', 'Bút toán ghi tên một quầy khác với quầy đã đăng ký với máy chủ.');
      else if (d && d.branchCode !== who.branchCode) answer = reject(o, 'OTHER_BRANCH', 'Hồ sơ thuộc bưu cục khác; quầy này không được ghi bút toán cho hồ sơ đó.');
      else {
        ledgerRows.push({ op_id: o.opId, seq: o.seq });
        ledgerTexts.push(jsonText(raw, at?.entry, p.entry));
        answer = { opId: o.opId, seq: o.seq, status: 'accepted' };
      }
    } else {
      answer = applyDossierOp(o, p, at, raw, who, counterName, hubAt, working, takenItems, seenEvents, eventRows, changeRows);
      if (answer.status === 'accepted' && p.event.type === 'accepted' && newest && needsTopUp(newest, p.itemNumber, serials)) topUp = true;
    }
    seenOpIds.add(o.opId);
    // Refused: rare, stored as serialised (the answer is the hub's own).
    if (answer.status !== 'accepted') opRows.push({ seq: o.seq, op_id: o.opId, kind: p.kind, payload: p, answer });
    results.push(answer);
  }

  // Writes: one statement (data-modifying CTEs), one round trip, whatever the batch holds.
  const newDossiers = [...working.values()].filter((w) => w.isNew && w.dirty);
  const changedDossiers = [...working.values()].filter((w) => !w.isNew && w.dirty);
  if (fresh.length > 0) {
    const q = new Params();
    const parts: string[] = [];
    // Shared scalars, each sent once and only if used (an unreferenced parameter has no type).
    const once = (v: unknown, type: string): (() => string) => {
      let ref: string | undefined;
      return () => (ref ??= q.p(v, type));
    };
    const keyP = once(changeKey, 'xid8');
    const atP = once(hubAt, 'bigint');
    const counterP = once(who.counterId, 'text');
    const branchP = once(who.branchCode, 'text');
    if (newDossiers.length > 0) {
      parts.push(
        `new_dossiers AS (INSERT INTO dossiers (id, branch_code, item_number, origin_counter_id, record, snapshot, hub_seq, last_event_id, change_key, updated_at)
           SELECT x.id, x.branch_code, x.item_number, ${counterP()}, x.record, x.snapshot, x.hub_seq, x.last_event_id, ${keyP()}, ${atP()}
             FROM ROWS FROM (
                    json_to_recordset(${q.json(newDossiers.map((w) => ({ id: w.id, branch_code: w.branchCode, item_number: w.itemNumber, snapshot: w.snapshot, hub_seq: w.hubSeq, last_event_id: w.lastEventId })))})
                      AS (id uuid, branch_code text, item_number text, snapshot json, hub_seq int, last_event_id uuid),
                    unnest(${q.docs(newDossiers.map((w) => w.recordText!))}))
               AS x(id, branch_code, item_number, snapshot, hub_seq, last_event_id, record))`,
      );
    }
    if (changedDossiers.length > 0) {
      parts.push(
        `changed_dossiers AS (UPDATE dossiers d SET snapshot = x.snapshot, hub_seq = x.hub_seq, last_event_id = x.last_event_id, change_key = ${keyP()}, updated_at = ${atP()}
           FROM json_to_recordset(${q.json(changedDossiers.map((w) => ({ id: w.id, snapshot: w.snapshot, hub_seq: w.hubSeq, last_event_id: w.lastEventId })))})
             AS x(id uuid, snapshot json, hub_seq int, last_event_id uuid)
          WHERE d.id = x.id)`,
      );
    }
    if (eventRows.length > 0) {
      parts.push(
        `new_events AS (INSERT INTO dossier_events (id, dossier_id, hub_seq, counter_id, seq, op_id, type, event, hub_at)
           SELECT x.id, x.dossier_id, x.hub_seq, ${counterP()}, x.seq, x.op_id, x.type, x.event, ${atP()}
             FROM ROWS FROM (
                    json_to_recordset(${q.json(eventRows.map(({ event: _, ...row }) => row))}) AS (id uuid, dossier_id uuid, hub_seq int, seq bigint, op_id uuid, type text),
                    unnest(${q.docs(eventRows.map((e) => e.event))}))
               AS x(id, dossier_id, hub_seq, seq, op_id, type, event))`,
      );
      // unnest WITH ORDINALITY + ORDER BY: change ids follow the batch order.
      parts.push(
        `new_changes AS (INSERT INTO changes (change_key, branch_code, kind, origin_counter_id, hub_at, event_id)
           SELECT ${keyP()}, ${branchP()}, 'dossier.event', ${counterP()}, ${atP()}, x.event_id
             FROM unnest(${q.p(changeRows, 'uuid[]')}) WITH ORDINALITY AS x(event_id, n) ORDER BY x.n)`,
      );
    }
    if (ledgerRows.length > 0) {
      parts.push(
        `new_ledger AS (INSERT INTO ledger_entries (op_id, counter_id, seq, branch_code, entry, hub_at)
           SELECT x.op_id, ${counterP()}, x.seq, ${branchP()}, x.entry, ${atP()}
             FROM ROWS FROM (json_to_recordset(${q.json(ledgerRows)}) AS (op_id uuid, seq bigint), unnest(${q.docs(ledgerTexts)})) AS x(op_id, seq, entry))`,
      );
    }
    if (opRows.length > 0) {
      parts.push(
        `refused AS (INSERT INTO ops (counter_id, seq, op_id, kind, payload, received_at, answer)
           SELECT ${counterP()}, x.seq, x.op_id, x.kind, x.payload, ${atP()}, x.answer
             FROM json_to_recordset(${q.json(opRows)}) AS x(seq bigint, op_id uuid, kind text, payload json, answer json))`,
      );
    }
    const last = `UPDATE counters SET next_seq = ${q.p(startSeq + fresh.length, 'bigint')}, last_push_at = ${atP()} WHERE id = ${counterP()}`;
    await c.query(parts.length > 0 ? `WITH ${parts.join(',\n')}\n${last}` : last, q.list);
  }
  if (topUp) await allocateBlock(c, serials, who.counterId, hubAt, changeKey);

  // Assemble the answers in request order.
  const out: PushResult[] = [];
  let freshIdx = 0;
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if (gapAt >= 0 && i >= gapAt) {
      out.push({ opId: o.opId, seq: o.seq, status: 'gap', code: 'GAP', reason: `Thiếu thao tác: máy chủ đang chờ số thứ tự ${startSeq + fresh.length}.` });
    } else if (o.seq < startSeq) {
      const s = stored.get(o.seq);
      if (s && s.opId === o.opId) out.push(s.answer);
      else out.push({ opId: o.opId, seq: o.seq, status: 'rejected', code: 'SEQ_CONFLICT', reason: `Số thứ tự ${o.seq} của quầy đã được dùng cho một thao tác khác; cần kiểm tra dữ liệu của quầy.` });
    } else {
      out.push(results[freshIdx++]!);
    }
  }
  return { results: out, expectedSeq: startSeq + fresh.length, applied: fresh.length, replayed: replays.length };
}

function applyDossierOp(
  o: PushOp,
  p: Extract<SyncOp, { kind: 'dossier.event' }>,
  at: RawOp | undefined,
  raw: RawBody | undefined,
  who: Caller,
  counterName: string,
  hubAt: number,
  working: Map<string, Working>,
  takenItems: Map<string, string>,
  seenEvents: Set<string>,
  eventRows: EventRow[],
  changeRows: string[],
): PushResult {
  const reject = (code: string, reason: string, w?: Working, winner = false): PushResult => ({
    opId: o.opId,
    seq: o.seq,
    status: 'rejected',
    code,
    reason,
    ...(winner && w ? { winningEventId: w.lastEventId } : {}),
    ...(w && w.branchCode === who.branchCode ? { dossier: hubState(w) } : {}),
  });
  const ev: DossierEvent = p.event;
  const w = working.get(p.dossierId);
  if (ev.counterId !== who.counterId) return reject('WRONG_COUNTER', 'Sự kiện ghi tên một quầy khác với quầy đã đăng ký với máy chủ.');
  if (w && w.branchCode !== who.branchCode) return reject('OTHER_BRANCH', 'Hồ sơ thuộc bưu cục khác; quầy này không được thao tác trên hồ sơ đó.');
  if (seenEvents.has(p.eventId)) return reject('DUPLICATE_EVENT', 'Sự kiện này đã được máy chủ ghi nhận trước đó.', w);
  if (w && w.itemNumber !== p.itemNumber) return reject('ITEM_MISMATCH', 'Số hiệu bưu gửi không khớp với hồ sơ trên máy chủ.', w);

  let record: unknown = undefined;
  if (!w && ev.type === 'accepted') {
    const r = p.dossier;
    if (!r) return reject('MISSING_RECORD', 'Thiếu thông tin hồ sơ khi tiếp nhận; máy chủ không thể ghi nhận.');
    if (r.id !== p.dossierId || r.itemNumber !== p.itemNumber || r.originCounterId !== who.counterId) {
      return reject('RECORD_MISMATCH', 'Thông tin hồ sơ không khớp với sự kiện tiếp nhận (mã hồ sơ, số hiệu hoặc quầy).');
    }
    const other = takenItems.get(p.itemNumber);
    if (other && other !== p.dossierId) return reject('DUPLICATE_ITEM_NUMBER', `Số hiệu bưu gửi ${p.itemNumber} đã được dùng cho một hồ sơ khác.`);
    record = r;
  } else if (p.dossier !== undefined) {
    return reject('UNEXPECTED_RECORD', 'Chỉ sự kiện tiếp nhận mới kèm thông tin hồ sơ.', w);
  }

  const next = applyEvent(w ? w.snapshot : null, ev);
  if (!next.ok) {
    if (w && w.lastCounterId !== who.counterId) {
      const when = formatDateTimeVi(w.lastAt);
      return reject(
        next.code,
        `${next.message} Hồ sơ đã được “${EVENT_LABELS[w.lastType]}” tại quầy ${w.lastCounterName} lúc ${when} (giờ máy chủ), trước thao tác của quầy này; thao tác của quầy này không được ghi nhận.`,
        w,
        true,
      );
    }
    return reject(next.code, next.message, w, w !== undefined);
  }

  const target: Working = w ?? {
    id: p.dossierId,
    branchCode: who.branchCode,
    snapshot: next.value,
    hubSeq: 0,
    lastEventId: p.eventId,
    lastCounterId: who.counterId,
    lastCounterName: counterName,
    lastType: ev.type,
    lastAt: hubAt,
    isNew: true,
    dirty: true,
    record,
    recordText: jsonText(raw, at?.dossier, record),
    itemNumber: p.itemNumber,
    changeKey: '0',
  };
  target.snapshot = next.value;
  target.hubSeq += 1;
  target.lastEventId = p.eventId;
  target.lastCounterId = who.counterId;
  target.lastCounterName = counterName;
  target.lastType = ev.type;
  target.lastAt = hubAt;
  target.dirty = true;
  if (!w) {
    working.set(p.dossierId, target);
    takenItems.set(p.itemNumber, p.dossierId);
  }
  seenEvents.add(p.eventId);
  eventRows.push({ id: p.eventId, dossier_id: p.dossierId, hub_seq: target.hubSeq, seq: o.seq, op_id: o.opId, type: ev.type, event: jsonText(raw, at?.event, ev) });
  changeRows.push(p.eventId);
  return { opId: o.opId, seq: o.seq, status: 'accepted', hubSeq: target.hubSeq };
}
