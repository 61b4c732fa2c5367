/**
 * POST /push, the write: everything a batch decided (push-decide.ts) stored by ONE statement
 * (data-modifying CTEs) in one round trip, whatever the batch holds, ending with the counter's next
 * sequence number.
 *
 * Each table's rows travel as ONE JSON array parameter unpacked by json_to_recordset: measured on
 * the sync bench, far cheaper than one parameter per cell, for both sides — the hub (Node) no longer
 * binds thousands of values and the query text no longer carries thousands of `$n::type`
 * placeholders for PostgreSQL to parse and plan. The stored documents (records, events, ledger
 * entries) travel beside their rows as one binary `json[]` (JsonArray), zipped with them by ROWS
 * FROM: PostgreSQL validates each document once (nested in the rows' JSON it lexed them twice, once
 * in json_to_recordset and again as json), and the documents are the request's own bytes where
 * possible (raw-json.ts): no re-serialisation, no re-encoding.
 */
import type { Conn } from './db';
import type { Caller, Decided, Working, WorkingCase } from './push-decide';
import { JsonArray } from './raw-json';

/** Parameters of one statement. */
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
  /** A shared scalar, sent once and only if used (an unreferenced parameter has no type). */
  once(v: unknown, type: string): () => string {
    let ref: string | undefined;
    return () => (ref ??= this.p(v, type));
  }
}

export interface BatchWrite {
  who: Caller;
  hubAt: number;
  changeKey: string;
  /** The counter's next sequence number once the batch is stored. */
  nextSeq: number;
  working: Map<string, Working>;
  cases: Map<string, WorkingCase>;
  decided: Decided;
}

export async function writeBatch(c: Conn, w: BatchWrite): Promise<void> {
  const q = new Params();
  const keyP = q.once(w.changeKey, 'xid8');
  const atP = q.once(w.hubAt, 'bigint');
  const counterP = q.once(w.who.counterId, 'text');
  const branchP = q.once(w.who.branchCode, 'text');
  const { eventRows, changeRows, changeKinds, ledgerRows, ledgerTexts, opRows, caseEventRows, caseEventTexts } = w.decided;
  const newCases = [...w.cases.values()].filter((d) => d.isNew && d.dirty);
  const changedCases = [...w.cases.values()].filter((d) => !d.isNew && d.dirty);
  const caseRow = (d: WorkingCase) => ({
    id: d.id,
    branch_code: d.branchCode,
    kind: d.kind,
    dossier_id: d.dossierId,
    snapshot: d.snapshot,
    state: d.snapshot.state,
    hub_seq: d.hubSeq,
    last_event_id: d.lastEventId,
    opened_date: d.openedDate,
    deadline: d.snapshot.deadline,
    done_date: d.snapshot.doneDate,
    in_time: d.inTime,
    amount: d.snapshot.amount,
    loss_subject: d.lossSubject,
    loss_kind: d.lossKind,
  });
  const newDossiers = [...w.working.values()].filter((d) => d.isNew && d.dirty);
  const changedDossiers = [...w.working.values()].filter((d) => !d.isNew && d.dirty);
  const parts: string[] = [];
  if (newDossiers.length > 0) {
    parts.push(
      `new_dossiers AS (INSERT INTO dossiers (id, branch_code, item_number, origin_counter_id, record, snapshot, hub_seq, last_event_id, change_key, updated_at)
         SELECT x.id, x.branch_code, x.item_number, ${counterP()}, x.record, x.snapshot, x.hub_seq, x.last_event_id, ${keyP()}, ${atP()}
           FROM ROWS FROM (
                  json_to_recordset(${q.json(newDossiers.map((d) => ({ id: d.id, branch_code: d.branchCode, item_number: d.itemNumber, snapshot: d.snapshot, hub_seq: d.hubSeq, last_event_id: d.lastEventId })))})
                    AS (id uuid, branch_code text, item_number text, snapshot json, hub_seq int, last_event_id uuid),
                  unnest(${q.docs(newDossiers.map((d) => d.recordText!))}))
             AS x(id, branch_code, item_number, snapshot, hub_seq, last_event_id, record))`,
    );
  }
  if (changedDossiers.length > 0) {
    parts.push(
      `changed_dossiers AS (UPDATE dossiers d SET snapshot = x.snapshot, hub_seq = x.hub_seq, last_event_id = x.last_event_id, change_key = ${keyP()}, updated_at = ${atP()}
         FROM json_to_recordset(${q.json(changedDossiers.map((d) => ({ id: d.id, snapshot: d.snapshot, hub_seq: d.hubSeq, last_event_id: d.lastEventId })))})
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
  }
  if (newCases.length > 0) {
    parts.push(
      `new_cases AS (INSERT INTO cases (id, branch_code, kind, dossier_id, origin_counter_id, snapshot, state, hub_seq, last_event_id, change_key, opened_date, deadline, done_date, in_time, amount, loss_subject, loss_kind, updated_at)
         SELECT x.id, x.branch_code, x.kind, x.dossier_id, ${counterP()}, x.snapshot, x.state, x.hub_seq, x.last_event_id, ${keyP()}, x.opened_date, x.deadline, x.done_date, x.in_time, x.amount, x.loss_subject, x.loss_kind, ${atP()}
           FROM json_to_recordset(${q.json(newCases.map(caseRow))})
             AS x(id uuid, branch_code text, kind text, dossier_id uuid, snapshot json, state text, hub_seq int, last_event_id uuid, opened_date date, deadline date, done_date date, in_time boolean, amount bigint, loss_subject text, loss_kind text))`,
    );
  }
  if (changedCases.length > 0) {
    parts.push(
      `changed_cases AS (UPDATE cases c SET snapshot = x.snapshot, state = x.state, hub_seq = x.hub_seq, last_event_id = x.last_event_id, deadline = x.deadline, done_date = x.done_date, amount = x.amount, change_key = ${keyP()}, updated_at = ${atP()}
         FROM json_to_recordset(${q.json(changedCases.map(caseRow))}) AS x(id uuid, snapshot json, state text, hub_seq int, last_event_id uuid, deadline date, done_date date, amount bigint)
        WHERE c.id = x.id)`,
    );
  }
  if (caseEventRows.length > 0) {
    parts.push(
      `new_case_events AS (INSERT INTO case_events (id, case_id, dossier_id, hub_seq, counter_id, seq, op_id, type, event, hub_at)
         SELECT x.id, x.case_id, x.dossier_id, x.hub_seq, ${counterP()}, x.seq, x.op_id, x.type, x.event, ${atP()}
           FROM ROWS FROM (
                  json_to_recordset(${q.json(caseEventRows)}) AS (id uuid, case_id uuid, dossier_id uuid, hub_seq int, seq bigint, op_id uuid, type text),
                  unnest(${q.docs(caseEventTexts)}))
             AS x(id, case_id, dossier_id, hub_seq, seq, op_id, type, event))`,
    );
  }
  if (changeRows.length > 0) {
    // unnest WITH ORDINALITY + ORDER BY: change ids follow the batch order.
    parts.push(
      `new_changes AS (INSERT INTO changes (change_key, branch_code, kind, origin_counter_id, hub_at, event_id)
         SELECT ${keyP()}, ${branchP()}, x.kind, ${counterP()}, ${atP()}, x.event_id
           FROM unnest(${q.p(changeRows, 'uuid[]')}, ${q.p(changeKinds, 'text[]')}) WITH ORDINALITY AS x(event_id, kind, n) ORDER BY x.n)`,
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
  const last = `UPDATE counters SET next_seq = ${q.p(w.nextSeq, 'bigint')}, last_push_at = ${atP()} WHERE id = ${counterP()}`;
  await c.query(parts.length > 0 ? `WITH ${parts.join(',\n')}\n${last}` : last, q.list);
}
