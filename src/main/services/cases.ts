/**
 * Complaints, losses and compensation at the counter (issue 13; TT 17 Art. 8, QĐ 45 Art. 14).
 *
 * Every use case is one transaction: the case row, its event, the audit entry, the outbox operation
 * (op kind `case.event`) and, for a compensation paid, the ledger entry (kind `compensation_paid`,
 * a negative amount in the shift's categories) and its own ledger operation. A refusal writes
 * nothing. The rules (time bar, deadline, states, amounts) are src/shared/cases.ts; what this file
 * adds is what only the store knows: the item's dates and route, and which cases exist.
 */
import { formatDateVi, localDateOf } from '../../shared/calendar';
import {
  applyCaseEvent,
  CASE_EVENT_LABELS,
  CASE_KIND_OF,
  checkCompensation,
  complaintDeadline,
  complaintNumber,
  complaintScopeOf,
  complaintTimeBar,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_STATE_LABELS,
  endOfEndToEnd,
  LOSS_KIND_LABELS,
  LOSS_SUBJECT_LABELS,
  type CaseEvent,
  type CaseEventBody,
  type CaseKind,
  type CaseSnapshot,
  type ComplaintRecord,
  type ComplaintState,
} from '../../shared/cases';
import {
  AnswerComplaintInput,
  ComplaintStepInput,
  DecideCompensationInput,
  DeclareLossInput,
  PayCompensationInput,
  ReceiveComplaintInput,
} from '../../shared/case-inputs';
import { DEADLINE_LABELS, deadlineStatus } from '../../shared/dossier';
import { DomainError } from '../../shared/errors';
import { formatVnd } from '../../shared/money';
import { normalizePhone } from '../../shared/people';
import { formatItemNumber } from '../../shared/s10';
import type { CaseOp } from '../../shared/sync-ops';
import type { CaseEventView, CaseRecord, CaseSummary, CaseView, DossierCaseEvent } from '../../shared/ipc/case-dto';
import type { Db } from '../store/db';
import { prep } from '../store/stmt';
import type { Actor, ServiceContext } from './context';
import { parseInput, requireRole } from './context';
import { audit, enqueueOp, metaFor, postLedger, type DossierRow } from './journal';
import { findByItemNumber } from './workflow';

export interface CaseRow {
  id: string;
  kind: CaseKind;
  number: string | null;
  dossier_id: string | null;
  item_number: string | null;
  loss_id: string | null;
  state: string;
  deadline: string | null;
  done_date: string | null;
  amount: number | null;
  ledger_id: number | null;
  record: string;
  opened_at: number;
  opened_date: string;
  origin_counter_id: string;
  origin: 'local' | 'remote';
  event_count: number;
  updated_at: number;
}

const KIND_LABELS: Record<CaseKind, string> = { complaint: 'Khiếu nại', loss: 'Mất/hư hỏng', compensation: 'Bồi thường' };
const OTHER_STATE_LABELS: Record<string, string> = { declared: 'Đã khai báo', decided: 'Đã quyết định, chờ chi trả', paid: 'Đã chi trả' };

export const stateLabelOf = (state: string): string => COMPLAINT_STATE_LABELS[state as ComplaintState] ?? OTHER_STATE_LABELS[state] ?? state;

function getCaseRow(db: Db, id: string, kind?: CaseKind): CaseRow {
  const row = prep(db, 'SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
  const what = kind === 'complaint' ? 'khiếu nại' : kind === 'loss' ? 'khai báo mất/hư hỏng' : kind === 'compensation' ? 'quyết định bồi thường' : 'hồ sơ khiếu nại/bồi thường';
  if (!row || (kind && row.kind !== kind)) throw new DomainError('NOT_FOUND', `Không tìm thấy ${what} này.`);
  return row;
}

const snapshotOfRow = (r: CaseRow): CaseSnapshot => ({ kind: r.kind, state: r.state, deadline: r.deadline, doneDate: r.done_date, amount: r.amount });

/** The columns a case's opening event sets. */
function openingColumns(ev: CaseEvent): Pick<CaseRow, 'number' | 'dossier_id' | 'item_number' | 'loss_id' | 'record'> {
  switch (ev.type) {
    case 'complaint_received':
      return { number: ev.complaint.number, dossier_id: ev.complaint.dossierId, item_number: ev.complaint.itemNumber, loss_id: null, record: JSON.stringify(ev.complaint) };
    case 'loss_declared':
      return { number: null, dossier_id: ev.loss.dossierId, item_number: ev.loss.itemNumber, loss_id: null, record: JSON.stringify(ev.loss) };
    case 'compensation_decided':
      return {
        number: null,
        dossier_id: ev.compensation.dossierId,
        item_number: ev.compensation.itemNumber,
        loss_id: ev.compensation.lossId,
        record: JSON.stringify(ev.compensation),
      };
    default:
      throw new Error(`not an opening event: ${ev.type}`);
  }
}

/**
 * Applies `ev` to the case (null: a new case) through the state machine and writes the case row and
 * the event row, inside the caller's transaction. Local events also get their outbox operation.
 * Returns the new snapshot, or throws the machine's refusal.
 */
export function writeCaseEvent(
  ctx: ServiceContext,
  caseId: string,
  row: CaseRow | null,
  ev: CaseEvent,
  origin: { kind: 'local' } | { kind: 'remote'; eventId: string },
): CaseSnapshot {
  const next = applyCaseEvent(row ? snapshotOfRow(row) : null, ev);
  if (!next.ok) throw new DomainError(next.code, next.message);
  const s = next.value;
  if (row === null) {
    const o = openingColumns(ev);
    prep(
      ctx.db,
      `INSERT INTO cases (id, kind, number, dossier_id, item_number, loss_id, state, deadline, done_date, amount, record, opened_at, opened_date, origin_counter_id, origin, event_count, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    ).run(caseId, s.kind, o.number, o.dossier_id, o.item_number, o.loss_id, s.state, s.deadline, s.doneDate, s.amount, o.record, ev.at, ev.date, ev.counterId, origin.kind, ev.at);
  } else {
    prep(ctx.db, 'UPDATE cases SET state = ?, deadline = ?, done_date = ?, amount = ?, event_count = event_count + 1, updated_at = ? WHERE id = ?').run(
      s.state,
      s.deadline,
      s.doneDate,
      s.amount,
      ev.at,
      caseId,
    );
  }
  const seq = (row?.event_count ?? 0) + 1;
  let eventId: string;
  let opSeq: number | null = null;
  if (origin.kind === 'local') {
    eventId = ctx.ids.uuid();
    const dossierId = row ? row.dossier_id : openingColumns(ev).dossier_id;
    const op: CaseOp = { opId: ctx.ids.uuid(), kind: 'case.event', caseId, dossierId, eventId, event: ev };
    opSeq = enqueueOp(ctx.db, op, ev.at);
  } else {
    eventId = origin.eventId;
  }
  prep(ctx.db, 'INSERT INTO case_events (id, case_id, seq, type, at, date, actor_id, counter_id, payload, origin, op_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    eventId,
    caseId,
    seq,
    ev.type,
    ev.at,
    ev.date,
    ev.actorId,
    ev.counterId,
    JSON.stringify(ev),
    origin.kind,
    opSeq,
  );
  return s;
}

/**
 * Recomputes a case's state from its events as the hub ordered them: the events with a hub position
 * first, in that order, then the local ones not yet answered, in local order; refused (superseded)
 * events left out, and an event that no longer fits skipped (it will be refused too).
 */
export function rebuildCase(ctx: ServiceContext, caseId: string): CaseSnapshot | null {
  const rows = prep(ctx.db, 'SELECT payload FROM case_events WHERE case_id = ? AND superseded = 0 ORDER BY hub_seq IS NULL, hub_seq, seq').all(caseId) as { payload: string }[];
  let s: CaseSnapshot | null = null;
  for (const r of rows) {
    const next = applyCaseEvent(s, JSON.parse(r.payload) as CaseEvent);
    if (next.ok) s = next.value;
  }
  if (s) prep(ctx.db, 'UPDATE cases SET state = ?, deadline = ?, done_date = ?, amount = ?, updated_at = ? WHERE id = ?').run(s.state, s.deadline, s.doneDate, s.amount, ctx.clock.now(), caseId);
  return s;
}

/**
 * A case event another counter recorded, as the hub accepted it (hub order `hubSeq`): stored, and
 * the case's state rebuilt in hub order. Null when the case is not known here yet (its opening event
 * has not arrived): the caller defers it.
 */
export function storeRemoteCaseEvent(ctx: ServiceContext, caseId: string, eventId: string, ev: CaseEvent, hubSeq: number): CaseSnapshot | null {
  let row = (prep(ctx.db, 'SELECT * FROM cases WHERE id = ?').get(caseId) as CaseRow | undefined) ?? null;
  if (row === null) {
    if (!(ev.type === 'complaint_received' || ev.type === 'loss_declared' || ev.type === 'compensation_decided')) return null;
    writeCaseEvent(ctx, caseId, null, ev, { kind: 'remote', eventId });
    prep(ctx.db, 'UPDATE case_events SET hub_seq = ? WHERE id = ?').run(hubSeq, eventId);
    return rebuildCase(ctx, caseId);
  }
  prep(ctx.db, 'INSERT INTO case_events (id, case_id, seq, type, at, date, actor_id, counter_id, payload, origin, hub_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    eventId,
    caseId,
    row.event_count + 1,
    ev.type,
    ev.at,
    ev.date,
    ev.actorId,
    ev.counterId,
    JSON.stringify(ev),
    'remote',
    hubSeq,
  );
  prep(ctx.db, 'UPDATE cases SET event_count = event_count + 1 WHERE id = ?').run(caseId);
  row = null;
  return rebuildCase(ctx, caseId);
}

function localEvent(ctx: ServiceContext, actor: Actor, body: CaseEventBody): CaseEvent {
  return { ...body, ...metaFor(ctx, actor) } as CaseEvent;
}

/** The dossier's dates that bound the complaint time bar. */
function itemTimes(row: DossierRow) {
  return {
    transitDeadline: row.transit_deadline,
    returnDeadline: row.return_deadline,
    appointmentDate: row.appointment_date ?? row.appointment_estimate,
    closedDate: row.closed_at !== null ? localDateOf(row.closed_at) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Complaints
// ---------------------------------------------------------------------------------------------

export function receiveComplaint(ctx: ServiceContext, raw: unknown, actor: Actor): string {
  const input = parseInput(ReceiveComplaintInput, raw);
  const itemRaw = input.itemNumber?.trim() ?? '';
  const dossier = itemRaw === '' ? null : findByItemNumber(ctx, itemRaw);
  let phone: string | null = null;
  if (input.phone && input.phone.trim() !== '') {
    const p = normalizePhone(input.phone);
    if (!p.ok) throw new DomainError(p.code, p.message, 'phone');
    phone = p.value;
  }
  const contact = input.contact && input.contact.trim() !== '' ? input.contact.trim() : null;
  if (phone === null && contact === null) {
    throw new DomainError('NO_CONTACT', 'Hãy ghi số điện thoại hoặc cách liên lạc khác với người khiếu nại (thư điện tử, địa chỉ).', 'phone');
  }
  const caseId = ctx.ids.uuid();
  const ev0 = metaFor(ctx, actor);
  const end = dossier ? endOfEndToEnd(itemTimes(dossier)) : null;
  const bar = complaintTimeBar(ev0.date, end);
  const scope = complaintScopeOf(dossier?.route ?? null);
  const complaint: ComplaintRecord = {
    number: complaintNumber(ev0.date, caseId),
    dossierId: dossier?.id ?? null,
    itemNumber: dossier?.item_number ?? null,
    complainantName: input.complainantName,
    phone,
    contact,
    channel: input.channel,
    kind: input.kind,
    text: input.text,
    receivedDate: ev0.date,
    scope,
    endToEndEnd: end,
    timeBarLastDay: bar.lastDay,
    inTime: bar.inTime,
    timeBarReason: bar.reason,
    deadline: bar.inTime ? complaintDeadline(ctx.reference().calendar, ev0.date, scope) : null,
  };
  ctx.db.transaction(() => {
    writeCaseEvent(ctx, caseId, null, { type: 'complaint_received', complaint, ...ev0 }, { kind: 'local' });
    audit(ctx.db, actor, ev0.at, 'complaint.receive', 'case', caseId, { inTime: bar.inTime, kind: input.kind });
  })();
  return caseId;
}

/**
 * The steps of a complaint after its receipt, as a table: the input each step takes, the event it
 * records and the audit action. One transition function applies any of them.
 */
const COMPLAINT_STEPS = {
  handling: { schema: ComplaintStepInput, action: 'complaint.handling', event: (i: ComplaintStepInput): CaseEventBody => ({ type: 'complaint_handling', note: i.note?.trim() ?? '' }) },
  answer: { schema: AnswerComplaintInput, action: 'complaint.answer', event: (i: AnswerComplaintInput): CaseEventBody => ({ type: 'complaint_answered', answer: i.answer }) },
  close: { schema: ComplaintStepInput, action: 'complaint.close', event: (i: ComplaintStepInput): CaseEventBody => ({ type: 'complaint_closed', note: i.note?.trim() ?? '' }) },
} as const;

export type ComplaintStep = keyof typeof COMPLAINT_STEPS;

/** Moves a complaint one step (being handled, answered, closed): the event and its audit entry. */
export function stepComplaint(ctx: ServiceContext, step: ComplaintStep, raw: unknown, actor: Actor): void {
  const def = COMPLAINT_STEPS[step];
  const input = parseInput(def.schema, raw) as ComplaintStepInput & AnswerComplaintInput;
  const row = getCaseRow(ctx.db, input.complaintId, 'complaint');
  const ev = localEvent(ctx, actor, def.event(input));
  ctx.db.transaction(() => {
    writeCaseEvent(ctx, row.id, row, ev, { kind: 'local' });
    audit(ctx.db, actor, ev.at, def.action, 'case', row.id);
  })();
}

// ---------------------------------------------------------------------------------------------
// Loss, damage and compensation
// ---------------------------------------------------------------------------------------------

export function declareLoss(ctx: ServiceContext, raw: unknown, actor: Actor): string {
  const input = parseInput(DeclareLossInput, raw);
  const dossier = findByItemNumber(ctx, input.itemNumber);
  const caseId = ctx.ids.uuid();
  const ev = localEvent(ctx, actor, {
    type: 'loss_declared',
    loss: {
      dossierId: dossier.id,
      itemNumber: dossier.item_number,
      subject: input.subject,
      kind: input.kind,
      stage: input.stage,
      description: input.description,
      agencyNotified: input.agencyNotified,
      reissueRequested: input.reissueRequested,
      actionsTaken: input.actionsTaken,
    },
  });
  ctx.db.transaction(() => {
    writeCaseEvent(ctx, caseId, null, ev, { kind: 'local' });
    audit(ctx.db, actor, ev.at, 'loss.declare', 'case', caseId, { stage: input.stage, kind: input.kind });
  })();
  return caseId;
}

export function decideCompensation(ctx: ServiceContext, raw: unknown, actor: Actor): string {
  requireRole(actor, ['manager', 'admin'], 'quyết định bồi thường (chỉ trưởng bưu cục)');
  const input = parseInput(DecideCompensationInput, raw);
  const loss = getCaseRow(ctx.db, input.lossId, 'loss');
  const existing = prep(ctx.db, "SELECT id FROM cases WHERE kind = 'compensation' AND loss_id = ?").get(loss.id) as { id: string } | undefined;
  if (existing) throw new DomainError('ALREADY_DECIDED', 'Khai báo mất/hư hỏng này đã có quyết định bồi thường; không ghi thêm quyết định thứ hai.');
  const compensation = { lossId: loss.id, dossierId: loss.dossier_id!, itemNumber: loss.item_number!, payeeName: input.payeeName, amount: input.amount, basis: input.basis };
  const c = checkCompensation(compensation);
  if (!c.ok) throw new DomainError(c.code, c.message, c.code === 'NO_BASIS' ? 'basis' : 'amount');
  const caseId = ctx.ids.uuid();
  const ev = localEvent(ctx, actor, { type: 'compensation_decided', compensation });
  ctx.db.transaction(() => {
    writeCaseEvent(ctx, caseId, null, ev, { kind: 'local' });
    audit(ctx.db, actor, ev.at, 'compensation.decide', 'case', caseId, { amount: input.amount });
  })();
  return caseId;
}

/** Pays a decided compensation: the case event and a `compensation_paid` ledger entry (money out). */
export function payCompensation(ctx: ServiceContext, raw: unknown, actor: Actor): { ledgerId: number } {
  const input = parseInput(PayCompensationInput, raw);
  const row = getCaseRow(ctx.db, input.compensationId, 'compensation');
  const amount = row.amount ?? 0;
  const ev = localEvent(ctx, actor, { type: 'compensation_paid', amount, paymentMethod: input.paymentMethod });
  return ctx.db.transaction(() => {
    writeCaseEvent(ctx, row.id, row, ev, { kind: 'local' });
    const dossier = row.dossier_id ? (prep(ctx.db, 'SELECT agency_code FROM dossiers WHERE id = ?').get(row.dossier_id) as { agency_code: string } | undefined) : undefined;
    const ledgerId = postLedger(ctx, {
      at: ev.at,
      businessDate: ev.date,
      clerkId: actor.clerkId,
      counterId: actor.counterId,
      dossierId: dossier ? row.dossier_id : null,
      kind: 'compensation_paid',
      amount: -amount,
      paymentMethod: input.paymentMethod,
      agencyCode: null,
      reversesOpId: null,
      note: `Chi bồi thường ${row.item_number ?? ''} (QĐ 45 Điều 14)`.trim(),
    });
    prep(ctx.db, 'UPDATE cases SET ledger_id = ? WHERE id = ?').run(ledgerId, row.id);
    audit(ctx.db, actor, ev.at, 'compensation.pay', 'case', row.id, { amount, method: input.paymentMethod, ledgerId });
    return { ledgerId };
  })();
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

function titleOf(r: CaseRow): string {
  const rec = JSON.parse(r.record) as Record<string, unknown>;
  if (r.kind === 'complaint') return `${String(rec.complainantName)} — ${COMPLAINT_KIND_LABELS[rec.kind as keyof typeof COMPLAINT_KIND_LABELS] ?? ''}`;
  if (r.kind === 'loss') return `${LOSS_KIND_LABELS[rec.kind as keyof typeof LOSS_KIND_LABELS]} ${LOSS_SUBJECT_LABELS[rec.subject as keyof typeof LOSS_SUBJECT_LABELS].toLowerCase()}: ${String(rec.description)}`;
  return `${String(rec.payeeName)} — ${formatVnd(Number(rec.amount))}`;
}

export function toCaseSummary(r: CaseRow, today: string): CaseSummary {
  const open = r.kind === 'complaint' && (r.state === 'received' || r.state === 'handling');
  const status = open ? deadlineStatus(r.deadline, today) : 'none';
  const rec = JSON.parse(r.record) as { inTime?: boolean };
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: KIND_LABELS[r.kind],
    number: r.number,
    itemNumber: r.item_number,
    itemNumberDisplay: r.item_number ? formatItemNumber(r.item_number) : null,
    dossierId: r.dossier_id,
    title: titleOf(r),
    state: r.state,
    stateLabel: stateLabelOf(r.state),
    openedAt: r.opened_at,
    openedDate: r.opened_date,
    deadline: r.deadline,
    deadlineStatus: status,
    deadlineLabel: DEADLINE_LABELS[status],
    inTime: r.kind === 'complaint' ? rec.inTime === true : null,
    amount: r.amount,
    origin: r.origin,
  };
}

function eventText(ev: CaseEvent): string {
  switch (ev.type) {
    case 'complaint_received':
      return ev.complaint.inTime && ev.complaint.deadline ? `Hạn giải quyết: ${formatDateVi(ev.complaint.deadline)}` : (ev.complaint.timeBarReason ?? '');
    case 'complaint_handling':
    case 'complaint_closed':
      return ev.note;
    case 'complaint_answered':
      return ev.answer;
    case 'loss_declared':
      return `${LOSS_KIND_LABELS[ev.loss.kind]} ${LOSS_SUBJECT_LABELS[ev.loss.subject].toLowerCase()}: ${ev.loss.description}`;
    case 'compensation_decided':
      return `${formatVnd(ev.compensation.amount)} — ${ev.compensation.basis}`;
    case 'compensation_paid':
      return `${formatVnd(ev.amount)} (${ev.paymentMethod === 'cash' ? 'tiền mặt' : 'chuyển khoản'})`;
  }
}

interface EventRow {
  seq: number;
  type: CaseEvent['type'];
  at: number;
  date: string;
  actor_id: string;
  counter_id: string;
  payload: string;
  superseded: number;
  actor_name: string | null;
}

function caseEvents(db: Db, caseId: string): CaseEventView[] {
  const rows = prep(db, 'SELECT e.seq, e.type, e.at, e.date, e.actor_id, e.counter_id, e.payload, e.superseded, c.full_name AS actor_name FROM case_events e LEFT JOIN clerks c ON c.id = e.actor_id WHERE e.case_id = ? ORDER BY e.hub_seq IS NULL, e.hub_seq, e.seq').all(caseId) as EventRow[];
  return rows.map((e) => ({
    seq: e.seq,
    type: e.type,
    label: CASE_EVENT_LABELS[e.type],
    at: e.at,
    date: e.date,
    actorId: e.actor_id,
    actorName: e.actor_name,
    counterId: e.counter_id,
    text: eventText(JSON.parse(e.payload) as CaseEvent),
    superseded: e.superseded === 1,
  }));
}

export function getCaseView(db: Db, id: string, today: string): CaseView {
  const r = getCaseRow(db, id);
  const rec = JSON.parse(r.record) as never;
  const record: CaseRecord = r.kind === 'complaint' ? { kind: 'complaint', complaint: rec } : r.kind === 'loss' ? { kind: 'loss', loss: rec } : { kind: 'compensation', compensation: rec };
  const linkedRows =
    r.kind === 'loss'
      ? (prep(db, "SELECT * FROM cases WHERE kind = 'compensation' AND loss_id = ? ORDER BY opened_at").all(r.id) as CaseRow[])
      : r.kind === 'compensation' && r.loss_id
        ? (prep(db, 'SELECT * FROM cases WHERE id = ?').all(r.loss_id) as CaseRow[])
        : [];
  const paid = prep(db, "SELECT payload FROM case_events WHERE case_id = ? AND type = 'compensation_paid'").get(r.id) as { payload: string } | undefined;
  const paymentMethod = paid ? (JSON.parse(paid.payload) as { paymentMethod: 'cash' | 'transfer' }).paymentMethod : null;
  return { ...toCaseSummary(r, today), record, events: caseEvents(db, r.id), linked: linkedRows.map((l) => toCaseSummary(l, today)), ledgerId: r.ledger_id, paymentMethod };
}

export interface CaseFilter {
  kind?: CaseKind | undefined;
  /** Only complaints received or being handled, losses not yet compensated, compensations not paid. */
  open?: boolean | undefined;
  limit?: number | undefined;
}

export function listCases(db: Db, f: CaseFilter, today: string): CaseSummary[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.kind) {
    where.push('kind = ?');
    params.push(f.kind);
  }
  if (f.open) where.push("(state IN ('received', 'handling', 'decided') OR (kind = 'loss' AND NOT EXISTS (SELECT 1 FROM cases c2 WHERE c2.loss_id = cases.id)))");
  const limit = Math.min(Math.max(Math.trunc(f.limit ?? 200), 1), 1000);
  const rows = prep(db, `SELECT * FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC LIMIT ${limit}`).all(...params) as CaseRow[];
  return rows.map((r) => toCaseSummary(r, today));
}

/**
 * Complaints still open (received or being handled) past their settling deadline on `today`, the
 * longest overdue first: what the manager's overdue list shows beside the overdue dossiers.
 */
export function overdueComplaints(db: Db, today: string): CaseSummary[] {
  const rows = prep(db, "SELECT * FROM cases WHERE kind = 'complaint' AND state IN ('received', 'handling') AND deadline IS NOT NULL AND deadline < ? ORDER BY deadline, opened_at").all(today) as CaseRow[];
  return rows.map((r) => toCaseSummary(r, today));
}

/** The case events about a dossier, oldest first, for its timeline. */
export function dossierCaseEvents(db: Db, dossierId: string): DossierCaseEvent[] {
  const rows = prep(
    db,
    `SELECT c.id AS case_id, c.kind, c.number, e.type, e.at, e.payload, k.full_name AS actor_name
       FROM cases c JOIN case_events e ON e.case_id = c.id LEFT JOIN clerks k ON k.id = e.actor_id
      WHERE c.dossier_id = ? AND e.superseded = 0 ORDER BY e.at, e.seq`,
  ).all(dossierId) as { case_id: string; kind: CaseKind; number: string | null; type: CaseEvent['type']; at: number; payload: string; actor_name: string | null }[];
  return rows.map((r) => ({
    caseId: r.case_id,
    kind: r.kind,
    number: r.number,
    type: r.type,
    label: CASE_EVENT_LABELS[r.type],
    at: r.at,
    actorName: r.actor_name,
    text: eventText(JSON.parse(r.payload) as CaseEvent),
  }));
}

export { CASE_KIND_OF };
