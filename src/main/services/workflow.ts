/**
 * The steps after intake: batching to agencies and the filing time (QĐ 45 Art. 7), appointment
 * dates, results back from agencies (Art. 9), handover to the citizen and delivery attempts
 * (Art. 10), return to the agency, and a manager's cancellation. One transaction per use case.
 */
import { prep } from '../store/stmt';
import { DomainError, must } from '../../shared/errors';
import { INVITATION_GAP_WORKING_DAYS } from '../../shared/dossier';
import { parseAgencyDossierCode } from '../../shared/agency-code';
import { nonWorkingDayReason } from '../../shared/working-days';
import { checkIdNumber, checkNationality, checkPersonName, VIETNAM } from '../../shared/people';
import { checkItemNumber } from '../../shared/s10';
import { cleanText, foldVi } from '../../shared/text';
import { transitDeadline } from '../../shared/transit';
import type { RouteClass } from '../../shared/transit';
import {
  CollectResultInput,
  CreateBatchInput,
  DeliveryAttemptInput,
  HandOverInput,
  ReasonInput,
  RecordAppointmentInput,
  RecordFilingInput,
  RemoveFromBatchInput,
} from '../../shared/schemas';
import type { Actor, ServiceContext } from './context';
import { parseInput, requireRole } from './context';
import type { DossierRow } from './journal';
import { audit, getDossierRow, metaFor, postLedger, recordEvent } from './journal';
import { cancelReceipt, receiptsOfDossier } from './fee-receipts';
import type { BatchDto, PendingGroup } from '../../shared/ipc/dto';

export type { BatchDto, PendingGroup };
import { summariesWhere } from './views';


/** Dossiers at the counter waiting to go to each agency. */
export function pendingByAgency(ctx: ServiceContext, today: string): PendingGroup[] {
  const list = summariesWhere(ctx.db, "d.state IN ('accepted', 'incomplete') AND d.service_type != 'return'", [], today, 2000);
  const groups = new Map<string, PendingGroup>();
  for (const d of list) {
    const g = groups.get(d.agencyCode) ?? { agencyCode: d.agencyCode, agencyName: d.agencyName, dossiers: [] };
    g.dossiers.push(d);
    groups.set(d.agencyCode, g);
  }
  return [...groups.values()].sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'));
}


export function getBatch(ctx: ServiceContext, batchId: string): BatchDto {
  const b = prep(ctx.db, 'SELECT b.*, a.name AS agency_name FROM batches b JOIN agencies a ON a.code = b.agency_code WHERE b.id = ?')
    .get(batchId) as { id: string; agency_code: string; agency_name: string; state: 'open' | 'filed'; created_at: number; filed_at: number | null; receiving_officer: string | null } | undefined;
  if (!b) throw new DomainError('NOT_FOUND', 'Không tìm thấy chuyến.');
  const ids = (prep(ctx.db, 'SELECT id FROM dossiers WHERE batch_id = ? ORDER BY item_number').all(batchId) as { id: string }[]).map((r) => r.id);
  return { id: b.id, agencyCode: b.agency_code, agencyName: b.agency_name, state: b.state, createdAt: b.created_at, filedAt: b.filed_at, receivingOfficer: b.receiving_officer, dossierIds: ids };
}

export function listOpenBatches(ctx: ServiceContext): BatchDto[] {
  const ids = prep(ctx.db, "SELECT id FROM batches WHERE state = 'open' ORDER BY created_at").all() as { id: string }[];
  return ids.map((r) => getBatch(ctx, r.id));
}

export function createBatch(ctx: ServiceContext, raw: unknown, actor: Actor): BatchDto {
  const input = parseInput(CreateBatchInput, raw);
  const id = ctx.db.transaction(() => {
    const meta = metaFor(ctx, actor);
    const batchId = ctx.ids.uuid();
    prep(ctx.db, "INSERT INTO batches (id, agency_code, counter_id, created_at, created_by, state) VALUES (?, ?, ?, ?, ?, 'open')").run(batchId, input.agencyCode, actor.counterId, meta.at, actor.clerkId);
    for (const dossierId of new Set(input.dossierIds)) {
      const row = getDossierRow(ctx.db, dossierId);
      if (row.agency_code !== input.agencyCode) {
        throw new DomainError('WRONG_AGENCY', `Hồ sơ ${row.item_number} không gửi đến cơ quan này.`);
      }
      recordEvent(ctx, row, { type: 'batched', batchId, agencyCode: input.agencyCode }, meta);
    }
    audit(ctx.db, actor, meta.at, 'batch.create', 'batch', batchId, { agency: input.agencyCode, count: input.dossierIds.length });
    return batchId;
  })();
  return getBatch(ctx, id);
}

export function removeFromBatch(ctx: ServiceContext, raw: unknown, actor: Actor): void {
  const input = parseInput(RemoveFromBatchInput, raw);
  ctx.db.transaction(() => {
    const b = getBatch(ctx, input.batchId);
    if (b.state !== 'open') throw new DomainError('BATCH_FILED', 'Chuyến đã được cơ quan ký nhận, không thể rút hồ sơ.');
    const meta = metaFor(ctx, actor);
    recordEvent(ctx, getDossierRow(ctx.db, input.dossierId), { type: 'unbatched', batchId: input.batchId }, meta);
    audit(ctx.db, actor, meta.at, 'batch.remove', 'batch', input.batchId, { dossierId: input.dossierId });
  })();
}

/**
 * The agency's officer signed the handover record: the legal filing time for every dossier in the
 * batch. The agency fees collected for them are paid over (a negative ledger movement of cash held).
 */
export function recordFiling(ctx: ServiceContext, raw: unknown, actor: Actor): BatchDto {
  const input = parseInput(RecordFilingInput, raw);
  ctx.db.transaction(() => {
    const b = getBatch(ctx, input.batchId);
    if (b.state !== 'open') throw new DomainError('BATCH_FILED', 'Chuyến này đã được ghi nhận cơ quan ký nhận.');
    if (b.dossierIds.length === 0) throw new DomainError('EMPTY_BATCH', 'Chuyến không còn hồ sơ nào.');
    const meta = metaFor(ctx, actor);
    if (input.filedAt > meta.at + 5 * 60_000) throw new DomainError('FUTURE_TIME', 'Thời điểm cơ quan ký nhận không thể ở tương lai.');
    if (input.filedAt < b.createdAt - 60_000) throw new DomainError('BEFORE_BATCH', 'Thời điểm ký nhận không thể trước khi đóng chuyến.');
    const officer = cleanText(input.receivingOfficer);
    prep(ctx.db, "UPDATE batches SET state = 'filed', filed_at = ?, receiving_officer = ?, filed_recorded_by = ? WHERE id = ?").run(input.filedAt, officer, actor.clerkId, b.id);
    for (const id of b.dossierIds) {
      const row = getDossierRow(ctx.db, id);
      recordEvent(ctx, row, { type: 'filed', batchId: b.id, filedAt: input.filedAt, receivingOfficer: officer }, meta);
      const collected = row.fee_amount - row.fee_due_on_delivery;
      if (collected > 0) {
        postLedger(ctx, {
          at: meta.at,
          businessDate: meta.date,
          clerkId: actor.clerkId,
          counterId: actor.counterId,
          dossierId: id,
          kind: 'fee_remitted',
          amount: -collected,
          paymentMethod: row.payment_method ?? 'cash',
          agencyCode: row.agency_code,
          reversesOpId: null,
          note: `Nộp phí cho ${b.agencyName}`,
        });
      }
    }
    audit(ctx.db, actor, meta.at, 'batch.filed', 'batch', b.id, { filedAt: input.filedAt, count: b.dossierIds.length });
  })();
  return getBatch(ctx, input.batchId);
}

export function recordAppointment(ctx: ServiceContext, raw: unknown, actor: Actor): void {
  const input = parseInput(RecordAppointmentInput, raw);
  ctx.db.transaction(() => {
    const row = getDossierRow(ctx.db, input.dossierId);
    const meta = metaFor(ctx, actor);
    if (input.appointmentDate < meta.date) throw new DomainError('PAST_DATE', 'Ngày hẹn trả kết quả không thể ở quá khứ.', 'appointmentDate');
    // The agency returns results on its working days: a weekend or holiday date is a misreading of the slip.
    const closed = nonWorkingDayReason(ctx.reference().calendar, input.appointmentDate);
    if (closed) {
      throw new DomainError('NON_WORKING_DAY', `Ngày hẹn ${closed} là ngày cơ quan không làm việc. Hãy đối chiếu lại giấy hẹn và ghi một ngày làm việc.`, 'appointmentDate');
    }
    const code = input.agencyDossierCode ? must(parseAgencyDossierCode(input.agencyDossierCode), 'agencyDossierCode').value : null;
    recordEvent(ctx, row, { type: 'appointment_recorded', appointmentDate: input.appointmentDate, agencyDossierCode: code }, meta);
    if (code) prep(ctx.db, 'UPDATE dossiers SET agency_dossier_code = ? WHERE id = ?').run(code, row.id);
    audit(ctx.db, actor, meta.at, 'dossier.appointment', 'dossier', row.id, { appointmentDate: input.appointmentDate });
  })();
}

export function findByItemNumber(ctx: ServiceContext, raw: string): DossierRow {
  const c = checkItemNumber(raw);
  if (!c.ok) throw new DomainError(c.code, c.message, 'itemNumber');
  const row = prep(ctx.db, 'SELECT * FROM dossiers WHERE item_number = ?').get(c.value.value) as DossierRow | undefined;
  if (!row) {
    const hint = c.value.checkDigitOk ? '' : ' Số kiểm tra của số hiệu không đúng: hãy kiểm tra lại.';
    throw new DomainError('NOT_FOUND', `Không tìm thấy hồ sơ có số hiệu ${c.value.value}.${hint}`, 'itemNumber');
  }
  return row;
}

/** A result package arrived from the agency: to the pickup shelf or the delivery list. */
export function collectResult(ctx: ServiceContext, raw: unknown, actor: Actor): { dossierId: string; state: string } {
  const input = parseInput(CollectResultInput, raw);
  return ctx.db.transaction(() => {
    const row = findByItemNumber(ctx, input.itemNumber);
    const meta = metaFor(ctx, actor);
    const s = recordEvent(ctx, row, { type: 'result_collected', originalsReturned: input.originalsReturned.map(cleanText) }, meta);
    const { calendar, transit } = ctx.reference();
    const jDate = calendar.workingDayOnOrAfter(meta.date);
    const returnDeadline = s.state === 'out_for_delivery' ? transitDeadline(calendar, jDate, row.route as RouteClass, false, transit) : null;
    prep(ctx.db, 'UPDATE dossiers SET result_collected_at = ?, result_collected_date = ?, return_deadline = ? WHERE id = ?').run(meta.at, meta.date, returnDeadline, row.id);
    audit(ctx.db, actor, meta.at, 'dossier.result_collected', 'dossier', row.id, { originals: input.originalsReturned?.length ?? 0 });
    return { dossierId: row.id, state: s.state };
  })();
}

/**
 * Hands the result over after the identity check: the recipient's ID must match the dossier's
 * recipient (or sender), unless a proxy shows a written authorisation, in which case the proxy's own
 * ID is recorded.
 */
export function handOver(ctx: ServiceContext, raw: unknown, actor: Actor): void {
  const input = parseInput(HandOverInput, raw);
  ctx.db.transaction(() => {
    const row = getDossierRow(ctx.db, input.dossierId);
    const nowYear = new Date(ctx.clock.now()).getUTCFullYear();
    const r = input.recipient;
    const nationality = r.idKind === 'passport' && r.nationality ? must(checkNationality(r.nationality), 'recipient.nationality') : r.idKind === 'passport' ? VIETNAM : null;
    const idNumber = must(checkIdNumber(r.idKind, r.idNumber, nowYear, nationality), 'recipient.idNumber');
    const fullName = must(checkPersonName(r.fullName, { foreign: nationality !== null && nationality !== VIETNAM, label: 'Họ tên người nhận' }), 'recipient.fullName');
    const entitled = prep(ctx.db, "SELECT id_number, full_name FROM parties WHERE dossier_id = ? AND role IN ('recipient', 'sender') ORDER BY role = 'recipient' DESC").all(row.id) as {
      id_number: string | null;
      full_name: string;
    }[];
    const matches = entitled.some((p) => p.id_number === idNumber);
    if (!input.byProxy && !matches) {
      throw new DomainError('ID_MISMATCH', 'Số giấy tờ của người nhận không khớp với hồ sơ. Chỉ trả kết quả cho đúng người, hoặc người được ủy quyền có giấy ủy quyền.', 'recipient.idNumber');
    }
    const meta = metaFor(ctx, actor);
    recordEvent(
      ctx,
      row,
      {
        type: 'handed_over',
        recipientName: fullName,
        idKind: input.recipient.idKind,
        byProxy: input.byProxy,
        authorisationRef: input.authorisationRef ? cleanText(input.authorisationRef) : null,
        reclaimed: (input.reclaimed ?? []).map(cleanText),
        feeDueCollected: input.feeDueCollected,
      },
      meta,
    );
    if (input.byProxy) {
      prep(ctx.db, "INSERT INTO parties (dossier_id, role, full_name, id_kind, id_number, authorisation_ref, name_folded, search_text, nationality) VALUES (?, 'proxy', ?, ?, ?, ?, ?, ?, ?)")
        .run(row.id, fullName, input.recipient.idKind, idNumber, input.authorisationRef ?? null, foldVi(fullName), foldVi(fullName), nationality !== VIETNAM ? nationality : null);
    }
    prep(ctx.db, 'UPDATE dossiers SET closed_at = ? WHERE id = ?').run(meta.at, row.id);
    if (input.feeDueCollected > 0) {
      postLedger(ctx, {
        at: meta.at,
        businessDate: meta.date,
        clerkId: actor.clerkId,
        counterId: actor.counterId,
        dossierId: row.id,
        kind: 'fee_due_collected',
        amount: input.feeDueCollected,
        paymentMethod: input.paymentMethod ?? 'cash',
        agencyCode: row.agency_code,
        reversesOpId: null,
        note: null,
      });
    }
    audit(ctx.db, actor, meta.at, 'dossier.handover', 'dossier', row.id, { byProxy: input.byProxy, reclaimed: input.reclaimed?.length ?? 0 });
  })();
}

/** A failed home delivery: the next invitation is two working days later; the second failure sends it back. */
export function recordDeliveryAttempt(ctx: ServiceContext, raw: unknown, actor: Actor): { state: string; nextInvitationDate: string | null } {
  const input = parseInput(DeliveryAttemptInput, raw);
  return ctx.db.transaction(() => {
    const row = getDossierRow(ctx.db, input.dossierId);
    const meta = metaFor(ctx, actor);
    const { calendar } = ctx.reference();
    // Invitations are counted in working days (QĐ 45 Art. 10): an attempt on a closed day does not count.
    const closed = nonWorkingDayReason(calendar, meta.date);
    if (closed) {
      throw new DomainError('NON_WORKING_DAY', `Hôm nay (${closed}) không phải ngày làm việc: lần mời phát chỉ được tính vào ngày làm việc. Hãy ghi lần phát vào ngày làm việc.`, 'dossierId');
    }
    const next = calendar.addWorkingDays(meta.date, INVITATION_GAP_WORKING_DAYS);
    const s = recordEvent(ctx, row, { type: 'delivery_failed', reason: cleanText(input.reason), nextInvitationDate: next }, meta);
    audit(ctx.db, actor, meta.at, 'dossier.delivery_failed', 'dossier', row.id, { attempt: s.deliveryAttempts });
    return { state: s.state, nextInvitationDate: s.nextInvitationDate };
  })();
}

export function returnToAgency(ctx: ServiceContext, raw: unknown, actor: Actor): void {
  const input = parseInput(ReasonInput, raw);
  ctx.db.transaction(() => {
    const row = getDossierRow(ctx.db, input.dossierId);
    const meta = metaFor(ctx, actor);
    recordEvent(ctx, row, { type: 'returned_to_agency', reason: cleanText(input.reason) }, meta);
    prep(ctx.db, 'UPDATE dossiers SET closed_at = ?, close_reason = ? WHERE id = ?').run(meta.at, cleanText(input.reason), row.id);
    audit(ctx.db, actor, meta.at, 'dossier.returned_to_agency', 'dossier', row.id, {});
  })();
}

/**
 * A manager cancels a dossier the agency does not have yet. Money taken for it is refunded with
 * reversing ledger entries (never by editing the original rows).
 */
export function cancelDossier(ctx: ServiceContext, raw: unknown, actor: Actor): void {
  const input = parseInput(ReasonInput, raw);
  requireRole(actor, ['manager', 'admin'], 'hủy hồ sơ');
  ctx.db.transaction(() => {
    const row = getDossierRow(ctx.db, input.dossierId);
    const meta = metaFor(ctx, actor);
    const reason = cleanText(input.reason);
    recordEvent(ctx, row, { type: 'cancelled', reason }, meta);
    prep(ctx.db, 'UPDATE dossiers SET closed_at = ?, close_reason = ? WHERE id = ?').run(meta.at, reason, row.id);
    const entries = prep(ctx.db, "SELECT id, kind, amount, payment_method, agency_code, clerk_id, counter_id FROM ledger l WHERE dossier_id = ? AND reverses IS NULL AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id)")
      .all(row.id) as { id: number; kind: DossierLedgerKind; amount: number; payment_method: 'cash' | 'transfer'; agency_code: string | null; clerk_id: string; counter_id: string }[];
    for (const e of entries) {
      // The refund leaves the drawer the money went into: the clerk who took it (at that clerk's open
      // business date), so that clerk's shift close expects the cash that is really there.
      const drawer = e.counter_id === actor.counterId ? e.clerk_id : actor.clerkId;
      postLedger(
        ctx,
        {
          at: meta.at,
          businessDate: meta.date,
          clerkId: drawer,
          counterId: actor.counterId,
          dossierId: row.id,
          kind: e.kind,
          amount: -e.amount,
          paymentMethod: e.payment_method,
          agencyCode: e.agency_code,
          reversesOpId: null,
          note: `Hoàn trả do hủy hồ sơ: ${reason}`,
        },
        e.id,
      );
    }
    // The fee receipts of the cancelled dossier keep their numbers, marked cancelled.
    for (const rc of receiptsOfDossier(ctx.db, row.id)) {
      if (rc.cancelledAt === null) cancelReceipt(ctx.db, rc.series, rc.number, meta.at, actor.clerkId, `Hủy hồ sơ: ${reason}`);
    }
    audit(ctx.db, actor, meta.at, 'dossier.cancel', 'dossier', row.id, { reason, refunds: entries.length });
  })();
}

type DossierLedgerKind = 'agency_fee' | 'postage' | 'fee_due_collected' | 'fee_remitted' | 'cash_difference';
