/**
 * POST /push, the decisions: each fresh op of a batch, in order, checked against what the batch read
 * (push-read.ts) and what the ops before it did, answered accepted or rejected with the reason, and
 * turned into the rows the batch's one write statement stores (push-write.ts). No I/O here.
 *
 * Conflicts: dossier events are applied through the shared state machine (`applyEvent`) against the
 * hub's snapshot of the dossier, in the hub's arrival order. When two offline counters act on the
 * same dossier, the first to arrive wins; the loser's op is rejected with the machine's reason and
 * the winning event's id, counter and time, so the losing counter can show exactly what happened.
 */
import { formatDateTimeVi } from '../shared/calendar';
import { applyEvent, EVENT_LABELS, type DossierEvent, type DossierEventType, type DossierSnapshot } from '../shared/dossier';
import type { HubDossierState, PushOp, PushResult, SerialRange } from '../shared/sync-protocol';
import type { CaseOp, SyncOp } from '../shared/sync-ops';
import { applyCaseEvent, type CaseEvent, type CaseKind, type CaseSnapshot } from '../shared/cases';
import { jsonText, type RawBody, type RawOp } from './raw-json';
import { itemNumberProblem, needsTopUp, type SerialConfig } from './serials';

export interface Caller {
  counterId: string;
  branchCode: string;
}

/** Mutable in-batch view of a dossier. */
export interface Working {
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

/** Mutable in-batch view of a complaint, loss or compensation (issue 13). */
export interface WorkingCase {
  id: string;
  branchCode: string;
  kind: CaseKind;
  dossierId: string | null;
  snapshot: CaseSnapshot;
  hubSeq: number;
  lastEventId: string;
  isNew: boolean;
  dirty: boolean;
  /** Report columns set by the opening event. */
  openedDate: string;
  inTime: boolean | null;
  lossSubject: string | null;
  lossKind: string | null;
}

/** What the batch read before deciding (push-read.ts); the sets and maps grow as ops are accepted. */
export interface Touched {
  working: Map<string, Working>;
  /** The cases the batch's case ops name (and the losses their compensations name). */
  cases: Map<string, WorkingCase>;
  /** Case event ids already stored (and those accepted so far in the batch). */
  seenCaseEvents: Set<string>;
  /** Item number → dossier id, for the item numbers the batch's acceptances use. */
  takenItems: Map<string, string>;
  /** Event ids already stored (and those accepted so far in the batch). */
  seenEvents: Set<string>;
  /** Ledger op ids already stored, and every op id answered so far in the batch. */
  seenOpIds: Set<string>;
  /** This transaction's change key (pull.ts). */
  changeKey: string;
  /** The counter's newest serial block, to know when to allocate the next. */
  newest: SerialRange | null;
  /** Every block the hub issued to the counter (serials.ts blockKey): its intakes' numbers lie there. */
  ownBlocks: Set<string>;
}

export interface EventRow {
  id: string;
  dossier_id: string;
  hub_seq: number;
  seq: number;
  op_id: string;
  type: string;
  /** The event's JSON text. */
  event: Buffer;
}

/** The batch's answers (for the fresh ops, in order) and the rows to store. */
export interface Decided {
  results: PushResult[];
  eventRows: EventRow[];
  ledgerRows: { op_id: string; seq: number }[];
  ledgerTexts: Buffer[];
  /** Event ids of the new changes, in batch order. */
  changeRows: string[];
  /** The kind of each of changeRows' changes (a dossier event or a case event). */
  changeKinds: ('dossier.event' | 'case.event')[];
  caseEventRows: { id: string; case_id: string; dossier_id: string | null; hub_seq: number; seq: number; op_id: string; type: string }[];
  caseEventTexts: Buffer[];
  /** Refused ops with their answers (stored for replays). */
  opRows: { seq: number; op_id: string; kind: string; payload: unknown; answer: PushResult }[];
  /** An accepted intake used an item number near the end of the counter's block. */
  topUp: boolean;
}

export interface DecideInput {
  who: Caller;
  counterName: string;
  hubAt: number;
  serials: SerialConfig;
  raw: RawBody | undefined;
}

interface Scope extends DecideInput {
  touched: Touched;
  out: Decided;
}

const reject = (o: PushOp, code: string, reason: string, extra: Partial<PushResult> = {}): PushResult => ({ opId: o.opId, seq: o.seq, status: 'rejected', code, reason, ...extra });

/** Decides every fresh op in order. `freshRaw[i]` is where `fresh[i]` lies in the request body. */
export function decideOps(input: DecideInput, fresh: PushOp[], freshRaw: (RawOp | undefined)[], touched: Touched): Decided {
  const out: Decided = { results: [], eventRows: [], ledgerRows: [], ledgerTexts: [], changeRows: [], changeKinds: [], caseEventRows: [], caseEventTexts: [], opRows: [], topUp: false };
  const scope: Scope = { ...input, touched, out };
  for (let f = 0; f < fresh.length; f++) {
    const o = fresh[f]!;
    const at = freshRaw[f];
    let answer: PushResult;
    const p = o.payload;
    if (p.kind === 'void') {
      answer = reject(o, 'VOIDED', 'Quầy đã hủy thao tác này vì máy chủ không chấp nhận định dạng của nó; không có gì được ghi nhận.');
    } else if (touched.seenOpIds.has(o.opId)) {
      answer = reject(o, 'DUPLICATE_OP', 'Mã thao tác này đã được máy chủ ghi nhận với một số thứ tự khác; thao tác không được ghi lại lần nữa.');
    } else if (p.kind === 'ledger.entry') {
      answer = decideLedgerOp(scope, o, p, at);
    } else if (p.kind === 'case.event') {
      answer = decideCaseOp(scope, o, p, at);
    } else {
      answer = decideDossierOp(scope, o, p, at);
      if (answer.status === 'accepted' && p.event.type === 'accepted' && touched.newest && needsTopUp(touched.newest, p.itemNumber, input.serials)) out.topUp = true;
    }
    touched.seenOpIds.add(o.opId);
    // Refused: rare, stored as serialised (the answer is the hub's own).
    if (answer.status !== 'accepted') out.opRows.push({ seq: o.seq, op_id: o.opId, kind: p.kind, payload: p, answer });
    out.results.push(answer);
  }
  return out;
}

function decideLedgerOp(s: Scope, o: PushOp, p: Extract<SyncOp, { kind: 'ledger.entry' }>, at: RawOp | undefined): PushResult {
  const d = p.entry.dossierId ? s.touched.working.get(p.entry.dossierId) : undefined;
  if (p.entry.counterId !== s.who.counterId) return reject(o, 'WRONG_COUNTER', 'Bút toán ghi tên một quầy khác với quầy đã đăng ký với máy chủ.');
  if (d && d.branchCode !== s.who.branchCode) return reject(o, 'OTHER_BRANCH', 'Hồ sơ thuộc bưu cục khác; quầy này không được ghi bút toán cho hồ sơ đó.');
  s.out.ledgerRows.push({ op_id: o.opId, seq: o.seq });
  s.out.ledgerTexts.push(jsonText(s.raw, at?.entry, p.entry));
  return { opId: o.opId, seq: o.seq, status: 'accepted' };
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

/** A refusal of a dossier op: with the hub's state of the dossier when it is the caller's branch's. */
function refuse(s: Scope, o: PushOp, code: string, reason: string, w?: Working, winner = false): PushResult {
  return reject(o, code, reason, {
    ...(winner && w ? { winningEventId: w.lastEventId } : {}),
    ...(w && w.branchCode === s.who.branchCode ? { dossier: hubState(w) } : {}),
  });
}

/** The checks of a dossier event before the state machine; undefined when it may go on. */
function precheck(s: Scope, o: PushOp, p: Extract<SyncOp, { kind: 'dossier.event' }>, w: Working | undefined): PushResult | undefined {
  const { who } = s;
  if (p.event.counterId !== who.counterId) return refuse(s, o, 'WRONG_COUNTER', 'Sự kiện ghi tên một quầy khác với quầy đã đăng ký với máy chủ.');
  if (w && w.branchCode !== who.branchCode) return refuse(s, o, 'OTHER_BRANCH', 'Hồ sơ thuộc bưu cục khác; quầy này không được thao tác trên hồ sơ đó.');
  if (s.touched.seenEvents.has(p.eventId)) return refuse(s, o, 'DUPLICATE_EVENT', 'Sự kiện này đã được máy chủ ghi nhận trước đó.', w);
  if (w && w.itemNumber !== p.itemNumber) return refuse(s, o, 'ITEM_MISMATCH', 'Số hiệu bưu gửi không khớp với hồ sơ trên máy chủ.', w);
  if (!w && p.event.type === 'accepted') {
    const r = p.dossier;
    if (!r) return refuse(s, o, 'MISSING_RECORD', 'Thiếu thông tin hồ sơ khi tiếp nhận; máy chủ không thể ghi nhận.');
    if (r.id !== p.dossierId || r.itemNumber !== p.itemNumber || r.originCounterId !== who.counterId) {
      return refuse(s, o, 'RECORD_MISMATCH', 'Thông tin hồ sơ không khớp với sự kiện tiếp nhận (mã hồ sơ, số hiệu hoặc quầy).');
    }
    // Before the duplicate check: a number of another counter's block is refused as not ours even
    // when that counter has not used it yet, so its real dossier later goes through.
    const problem = itemNumberProblem(p.itemNumber, s.touched.ownBlocks, s.serials);
    if (problem === 'BAD_CHECK_DIGIT') return refuse(s, o, problem, `Số hiệu bưu gửi ${p.itemNumber} sai chữ số kiểm tra; quầy chỉ được dùng số hiệu do chính quầy cấp.`);
    if (problem) return refuse(s, o, problem, `Số hiệu bưu gửi ${p.itemNumber} không thuộc dải số máy chủ đã cấp cho quầy này; hồ sơ không được ghi nhận.`);
    const other = s.touched.takenItems.get(p.itemNumber);
    if (other && other !== p.dossierId) return refuse(s, o, 'DUPLICATE_ITEM_NUMBER', `Số hiệu bưu gửi ${p.itemNumber} đã được dùng cho một hồ sơ khác.`);
  } else if (p.dossier !== undefined) {
    return refuse(s, o, 'UNEXPECTED_RECORD', 'Chỉ sự kiện tiếp nhận mới kèm thông tin hồ sơ.', w);
  }
  return undefined;
}

function decideDossierOp(s: Scope, o: PushOp, p: Extract<SyncOp, { kind: 'dossier.event' }>, at: RawOp | undefined): PushResult {
  const { who, counterName, hubAt, touched } = s;
  const ev: DossierEvent = p.event;
  const w = touched.working.get(p.dossierId);
  const refused = precheck(s, o, p, w);
  if (refused) return refused;

  const next = applyEvent(w ? w.snapshot : null, ev);
  if (!next.ok) {
    if (w && w.lastCounterId !== who.counterId) {
      const when = formatDateTimeVi(w.lastAt);
      return refuse(
        s,
        o,
        next.code,
        `${next.message} Hồ sơ đã được “${EVENT_LABELS[w.lastType]}” tại quầy ${w.lastCounterName} lúc ${when} (giờ máy chủ), trước thao tác của quầy này; thao tác của quầy này không được ghi nhận.`,
        w,
        true,
      );
    }
    return refuse(s, o, next.code, next.message, w, w !== undefined);
  }

  // Past precheck, a dossier new to the hub is an intake with its record.
  const record = w ? undefined : p.dossier;
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
    recordText: jsonText(s.raw, at?.dossier, record),
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
    touched.working.set(p.dossierId, target);
    touched.takenItems.set(p.itemNumber, p.dossierId);
  }
  touched.seenEvents.add(p.eventId);
  s.out.eventRows.push({ id: p.eventId, dossier_id: p.dossierId, hub_seq: target.hubSeq, seq: o.seq, op_id: o.opId, type: ev.type, event: jsonText(s.raw, at?.event, ev) });
  s.out.changeRows.push(p.eventId);
  s.out.changeKinds.push('dossier.event');
  return { opId: o.opId, seq: o.seq, status: 'accepted', hubSeq: target.hubSeq };
}

/** The dossier an opening case event names (undefined: not an opening event). */
function openingDossier(ev: CaseEvent): string | null | undefined {
  if (ev.type === 'complaint_received') return ev.complaint.dossierId;
  if (ev.type === 'loss_declared') return ev.loss.dossierId;
  if (ev.type === 'compensation_decided') return ev.compensation.dossierId;
  return undefined;
}

/**
 * A complaint, loss or compensation event: the same rules as a dossier event (its counter, its
 * branch, no event twice), the case's own state machine (src/shared/cases.ts) against the hub's
 * snapshot, and the dossier (and for a compensation the loss) it names must be the branch's own.
 */
function decideCaseOp(s: Scope, o: PushOp, p: CaseOp, at: RawOp | undefined): PushResult {
  const { who, touched } = s;
  const ev = p.event;
  if (ev.counterId !== who.counterId) return reject(o, 'WRONG_COUNTER', 'Sự kiện ghi tên một quầy khác với quầy đã đăng ký với máy chủ.');
  const w = touched.cases.get(p.caseId);
  if (w && w.branchCode !== who.branchCode) return reject(o, 'OTHER_BRANCH', 'Khiếu nại, khai báo mất hoặc bồi thường này thuộc bưu cục khác; quầy này không được thao tác trên đó.');
  if (touched.seenCaseEvents.has(p.eventId)) return reject(o, 'DUPLICATE_EVENT', 'Sự kiện này đã được máy chủ ghi nhận trước đó.');
  const named = openingDossier(ev);
  if ((w && w.dossierId !== p.dossierId) || (!w && named !== undefined && named !== p.dossierId)) {
    return reject(o, 'RECORD_MISMATCH', 'Hồ sơ ghi trong thao tác không khớp với hồ sơ của khiếu nại/bồi thường.');
  }
  if (p.dossierId !== null) {
    const d = touched.working.get(p.dossierId);
    if (!d) return reject(o, 'UNKNOWN_DOSSIER', 'Hồ sơ mà khiếu nại, khai báo mất hoặc bồi thường nói đến chưa có trên máy chủ.');
    if (d.branchCode !== who.branchCode) return reject(o, 'OTHER_BRANCH', 'Hồ sơ thuộc bưu cục khác; quầy này không được ghi khiếu nại, mất hoặc bồi thường cho hồ sơ đó.');
  }
  if (ev.type === 'compensation_decided') {
    const loss = touched.cases.get(ev.compensation.lossId);
    if (!loss || loss.kind !== 'loss' || loss.branchCode !== who.branchCode || loss.dossierId !== p.dossierId) {
      return reject(o, 'UNKNOWN_LOSS', 'Quyết định bồi thường phải dựa trên một khai báo mất/hư hỏng của bưu cục đã có trên máy chủ, cho cùng hồ sơ.');
    }
  }
  const next = applyCaseEvent(w ? w.snapshot : null, ev);
  if (!next.ok) return reject(o, next.code, next.message);
  const target: WorkingCase = w ?? {
    id: p.caseId,
    branchCode: who.branchCode,
    kind: next.value.kind,
    dossierId: p.dossierId,
    snapshot: next.value,
    hubSeq: 0,
    lastEventId: p.eventId,
    isNew: true,
    dirty: true,
    openedDate: ev.type === 'complaint_received' ? ev.complaint.receivedDate : ev.date,
    inTime: ev.type === 'complaint_received' ? ev.complaint.inTime : null,
    lossSubject: ev.type === 'loss_declared' ? ev.loss.subject : null,
    lossKind: ev.type === 'loss_declared' ? ev.loss.kind : null,
  };
  target.snapshot = next.value;
  target.hubSeq += 1;
  target.lastEventId = p.eventId;
  target.dirty = true;
  if (!w) touched.cases.set(p.caseId, target);
  touched.seenCaseEvents.add(p.eventId);
  s.out.caseEventRows.push({ id: p.eventId, case_id: p.caseId, dossier_id: p.dossierId, hub_seq: target.hubSeq, seq: o.seq, op_id: o.opId, type: ev.type });
  s.out.caseEventTexts.push(jsonText(s.raw, at?.event, ev));
  s.out.changeRows.push(p.eventId);
  s.out.changeKinds.push('case.event');
  return { opId: o.opId, seq: o.seq, status: 'accepted', hubSeq: target.hubSeq };
}
