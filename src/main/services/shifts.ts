/**
 * Kết ca (domain.md §6.1, issue 12): a clerk's shift is that clerk's ledger entries of one business
 * date. The close shows the cash the ledger expects by category and the transfers (not in the
 * drawer), takes the count by denomination, records any difference as its own ledger entry with its
 * reason (nothing earlier is edited), and needs a manager's password at the same counter. After the
 * close the date is frozen for that clerk (business-date.ts); a reopen needs a manager's password and
 * a reason and is audited. The day close lists every shift of the date, closed or still open.
 */
import { CASH_CATEGORIES, CASH_CATEGORY_LABELS, categoryOf, differenceWord, formatReceiptNo, sumCount } from '../../shared/cash';
import type { CountLine } from '../../shared/cash';
import { formatDateVi } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { ConfirmTransferInput, DayStatus, ShiftCloseInput, ShiftCloseRecord, ShiftCloseResult, ShiftReopenInput, ShiftView, TransferPayment } from '../../shared/ipc/channels/manager';
import { formatVnd } from '../../shared/money';
import { cleanText } from '../../shared/text';
import { prep } from '../store/stmt';
import type { ClerkDto } from './auth';
import { isShiftClosed, openBusinessDate } from './business-date';
import type { Actor, ServiceContext } from './context';
import { requireRole } from './context';
import { receiptsOfDay } from './fee-receipts';
import { audit, metaFor, postLedger } from './journal';

/** How a manager's password is checked (services/auth.ts confirmManager). */
export type ConfirmManager = (input: { username: string; password: string }, actor: Actor, purpose: string) => Promise<ClerkDto>;

const clerkName = (ctx: ServiceContext, id: string): string => (prep(ctx.db, 'SELECT full_name FROM clerks WHERE id = ?').get(id) as { full_name: string } | undefined)?.full_name ?? id;

/** Cash by ledger kind for one clerk and date (ledger_by_day index: business_date, clerk_id). */
function cashByKind(ctx: ServiceContext, clerkId: string, date: string): { kind: string; method: string; amount: number }[] {
  return prep(ctx.db, 'SELECT kind, payment_method AS method, SUM(amount) AS amount FROM ledger WHERE business_date = ? AND clerk_id = ? GROUP BY kind, payment_method').all(date, clerkId) as {
    kind: string;
    method: string;
    amount: number;
  }[];
}

/**
 * The VietQR payments of a clerk's date: positive transfer entries that reverse nothing, grouped by
 * dossier and moment (one transfer may pay fee and postage together), with the bank's reference once
 * someone recorded it.
 */
function transferPayments(ctx: ServiceContext, clerkId: string, date: string): TransferPayment[] {
  const rows = prep(
    ctx.db,
    `SELECT MIN(l.id) AS ledgerId, d.item_number AS itemNumber, SUM(l.amount) AS amount, l.at, MAX(t.bank_ref) AS bankRef
       FROM ledger l LEFT JOIN dossiers d ON d.id = l.dossier_id LEFT JOIN transfer_confirmations t ON t.ledger_id = l.id
      WHERE l.business_date = ? AND l.clerk_id = ? AND l.payment_method = 'transfer' AND l.amount > 0 AND l.reverses IS NULL
      GROUP BY l.dossier_id, l.at ORDER BY l.at`,
  ).all(date, clerkId) as TransferPayment[];
  return rows;
}

function closesOf(ctx: ServiceContext, clerkId: string, date: string): ShiftCloseRecord[] {
  const rows = prep(
    ctx.db,
    `SELECT id, closed_at, confirmed_by, expected_cash, counted_cash, difference, difference_reason, reopened_at, reopened_by, reopen_reason
       FROM shift_closes WHERE clerk_id = ? AND business_date = ? ORDER BY id`,
  ).all(clerkId, date) as Record<string, number | string | null>[];
  return rows.map((r) => ({
    id: r.id as number,
    closedAt: r.closed_at as number,
    confirmedBy: clerkName(ctx, r.confirmed_by as string),
    expectedCash: r.expected_cash as number,
    countedCash: r.counted_cash as number,
    difference: r.difference as number,
    reason: (r.difference_reason as string | null) ?? null,
    reopenedAt: (r.reopened_at as number | null) ?? null,
    reopenedBy: r.reopened_by ? clerkName(ctx, r.reopened_by as string) : null,
    reopenReason: (r.reopen_reason as string | null) ?? null,
  }));
}

export function shiftView(ctx: ServiceContext, clerkId: string, date: string): ShiftView {
  const byKind = cashByKind(ctx, clerkId, date);
  const cash = CASH_CATEGORIES.map((category) => ({
    category,
    label: CASH_CATEGORY_LABELS[category],
    amount: byKind.filter((r) => r.method === 'cash' && categoryOf(r.kind) === category).reduce((s, r) => s + r.amount, 0),
  }));
  const transfers = transferPayments(ctx, clerkId, date);
  const receipts = receiptsOfDay(ctx.db, date, clerkId);
  const no = (r: { series: string; number: number }) => formatReceiptNo(r.series, r.number);
  return {
    clerkId,
    clerkName: clerkName(ctx, clerkId),
    businessDate: date,
    state: isShiftClosed(ctx.db, clerkId, date) ? 'closed' : 'open',
    cash,
    expectedCash: cash.reduce((s, c) => s + c.amount, 0),
    transferTotal: byKind.filter((r) => r.method === 'transfer').reduce((s, r) => s + r.amount, 0),
    transfers,
    unconfirmedTransfers: transfers.filter((t) => t.bankRef === null).length,
    denominations: ctx.reference().denominations,
    receipts: {
      issued: receipts.length,
      first: receipts[0] ? no(receipts[0]) : null,
      last: receipts.at(-1) ? no(receipts.at(-1)!) : null,
      cancelled: receipts.filter((r) => r.cancelledAt !== null).map(no),
    },
    closes: closesOf(ctx, clerkId, date),
  };
}

/** The shift a clerk works in now: today's date, or the next one when today's is already closed. */
export function currentShift(ctx: ServiceContext, actor: Actor): ShiftView {
  return shiftView(ctx, actor.clerkId, openBusinessDate(ctx.db, actor.clerkId, metaFor(ctx, actor).date));
}

/** The clerk closes their own current shift; a manager (another person) confirms with their password. */
export async function closeShift(ctx: ServiceContext, input: ShiftCloseInput, actor: Actor, confirm: ConfirmManager): Promise<ShiftCloseResult> {
  const before = currentShift(ctx, actor);
  const counted = sumCount(input.counts as CountLine[], before.denominations);
  if (!counted.ok) throw new DomainError(counted.code, counted.message, `counts.${counted.index}.count`);
  const reason = input.reason ? cleanText(input.reason) : '';
  const diff = counted.total - before.expectedCash;
  if (diff !== 0 && reason.length < 3) {
    throw new DomainError('DIFFERENCE_REASON', `Quỹ ${differenceWord(diff)} ${formatVnd(Math.abs(diff))} so với sổ: hãy ghi lý do chênh lệch trước khi kết ca.`, 'reason');
  }
  const manager = await confirm({ username: input.managerUsername, password: input.managerPassword }, actor, 'shift.close');
  if (manager.id === actor.clerkId) {
    throw new DomainError('SAME_PERSON', 'Người xác nhận kết ca phải là trưởng bưu cục khác với người kết ca (hai người cùng kiểm quỹ).', 'managerUsername');
  }
  return ctx.db.transaction((): ShiftCloseResult => {
    // Re-read inside the transaction: the figures closed are the ledger's at this moment.
    const view = shiftView(ctx, actor.clerkId, before.businessDate);
    if (view.state === 'closed') throw new DomainError('SHIFT_CLOSED', `Ca ngày ${formatDateVi(view.businessDate)} đã kết.`);
    const difference = counted.total - view.expectedCash;
    if (difference !== diff) throw new DomainError('SHIFT_CHANGED', 'Sổ quỹ vừa có khoản mới: hãy xem lại số tiền phải có rồi kết ca lại.');
    const meta = metaFor(ctx, actor);
    let differenceLedgerId: number | null = null;
    if (difference !== 0) {
      differenceLedgerId = postLedger(ctx, {
        at: meta.at,
        businessDate: view.businessDate,
        clerkId: actor.clerkId,
        counterId: actor.counterId,
        dossierId: null,
        kind: 'cash_difference',
        amount: difference,
        paymentMethod: 'cash',
        agencyCode: null,
        reversesOpId: null,
        note: `${difference > 0 ? 'Thừa' : 'Thiếu'} quỹ khi kết ca: ${reason}`,
      });
    }
    const r = prep(
      ctx.db,
      `INSERT INTO shift_closes (clerk_id, counter_id, business_date, closed_at, confirmed_by, expected_cash, counted_cash, difference, transfer_total,
         unconfirmed_transfers, counts, difference_reason, difference_ledger_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      actor.clerkId,
      actor.counterId,
      view.businessDate,
      meta.at,
      manager.id,
      view.expectedCash,
      counted.total,
      difference,
      view.transferTotal,
      view.unconfirmedTransfers,
      JSON.stringify(input.counts.filter((c) => c.count > 0)),
      difference !== 0 ? reason : null,
      differenceLedgerId,
    );
    audit(ctx.db, actor, meta.at, 'shift.close', 'shift', String(r.lastInsertRowid), {
      businessDate: view.businessDate,
      expected: view.expectedCash,
      counted: counted.total,
      difference,
      confirmedBy: manager.id,
      unconfirmedTransfers: view.unconfirmedTransfers,
    });
    const after = shiftView(ctx, actor.clerkId, view.businessDate);
    const what = difference === 0 ? 'quỹ khớp sổ' : `quỹ ${differenceWord(difference)} ${formatVnd(Math.abs(difference))}, đã ghi thành một khoản chênh lệch`;
    return { view: after, difference, differenceLedgerId, message: `Đã kết ca ngày ${formatDateVi(view.businessDate)}: ${what}. Khoản thu sau thời điểm này tính vào ngày nghiệp vụ kế tiếp.` };
  })();
}

/** Reopens a closed shift: a manager's password and a reason; the close stays on record, marked reopened. */
export async function reopenShift(ctx: ServiceContext, input: ShiftReopenInput, actor: Actor, confirm: ConfirmManager): Promise<ShiftView> {
  if (actor.role === 'clerk' && input.shiftOf !== actor.clerkId) throw new DomainError('FORBIDDEN', 'Giao dịch viên chỉ xem và mở lại ca của chính mình.');
  const manager = await confirm({ username: input.managerUsername, password: input.managerPassword }, actor, 'shift.reopen');
  const reason = cleanText(input.reason);
  return ctx.db.transaction(() => {
    const row = prep(ctx.db, 'SELECT id FROM shift_closes WHERE clerk_id = ? AND business_date = ? AND reopened_at IS NULL').get(input.shiftOf, input.businessDate) as { id: number } | undefined;
    if (!row) throw new DomainError('SHIFT_NOT_CLOSED', `Ca ngày ${formatDateVi(input.businessDate)} chưa kết nên không cần mở lại.`);
    if (prep(ctx.db, 'SELECT 1 FROM day_closes WHERE business_date = ?').get(input.businessDate)) {
      throw new DomainError('DAY_CLOSED', `Ngày ${formatDateVi(input.businessDate)} đã chốt sổ bưu cục: không mở lại ca được.`);
    }
    const meta = metaFor(ctx, actor);
    prep(ctx.db, 'UPDATE shift_closes SET reopened_at = ?, reopened_by = ?, reopen_reason = ? WHERE id = ?').run(meta.at, manager.id, reason, row.id);
    audit(ctx.db, actor, meta.at, 'shift.reopen', 'shift', String(row.id), { clerkId: input.shiftOf, businessDate: input.businessDate, reason, confirmedBy: manager.id });
    return shiftView(ctx, input.shiftOf, input.businessDate);
  })();
}

/** Records the bank's reference for a VietQR payment (every ledger row of that payment). */
export function confirmTransfer(ctx: ServiceContext, input: ConfirmTransferInput, actor: Actor): ShiftView {
  return ctx.db.transaction(() => {
    const first = prep(ctx.db, "SELECT id, dossier_id, at, clerk_id, business_date FROM ledger WHERE id = ? AND payment_method = 'transfer' AND amount > 0 AND reverses IS NULL").get(input.ledgerId) as
      | { id: number; dossier_id: string | null; at: number; clerk_id: string; business_date: string }
      | undefined;
    if (!first) throw new DomainError('NOT_A_TRANSFER', 'Không có khoản chuyển khoản này.');
    if (actor.role === 'clerk' && first.clerk_id !== actor.clerkId) throw new DomainError('FORBIDDEN', 'Giao dịch viên chỉ xác nhận chuyển khoản trong ca của mình.');
    const ids = (
      prep(ctx.db, "SELECT id FROM ledger WHERE dossier_id IS ? AND at = ? AND clerk_id = ? AND payment_method = 'transfer' AND amount > 0 AND reverses IS NULL").all(first.dossier_id, first.at, first.clerk_id) as { id: number }[]
    ).map((r) => r.id);
    if (prep(ctx.db, `SELECT 1 FROM transfer_confirmations WHERE ledger_id IN (${ids.map(() => '?').join(',')})`).get(...ids)) {
      throw new DomainError('ALREADY_CONFIRMED', 'Khoản chuyển khoản này đã được xác nhận.');
    }
    const bankRef = input.bankRef.toUpperCase();
    const used = prep(ctx.db, 'SELECT ledger_id FROM transfer_confirmations WHERE bank_ref = ? LIMIT 1').get(bankRef) as { ledger_id: number } | undefined;
    if (used) throw new DomainError('BANK_REF_USED', `Mã giao dịch ${bankRef} đã dùng để xác nhận một khoản khác.`, 'bankRef');
    const meta = metaFor(ctx, actor);
    for (const id of ids) prep(ctx.db, 'INSERT INTO transfer_confirmations (ledger_id, bank_ref, confirmed_at, confirmed_by) VALUES (?, ?, ?, ?)').run(id, bankRef, meta.at, actor.clerkId);
    audit(ctx.db, actor, meta.at, 'transfer.confirm', 'ledger', String(first.id), { bankRef, entries: ids.length });
    return shiftView(ctx, first.clerk_id, first.business_date);
  })();
}

/** Every shift of a date: clerks with ledger entries or a close that day. */
export function dayStatus(ctx: ServiceContext, date: string): DayStatus {
  const clerks = prep(ctx.db, 'SELECT DISTINCT clerk_id FROM ledger WHERE business_date = ? UNION SELECT clerk_id FROM shift_closes WHERE business_date = ?').all(date, date) as { clerk_id: string }[];
  const shifts = clerks.map(({ clerk_id }) => {
    const v = shiftView(ctx, clerk_id, date);
    const standing = v.closes.find((c) => c.reopenedAt === null);
    return {
      clerkId: clerk_id,
      clerkName: v.clerkName,
      state: v.state,
      // What the ledger expected when the shift was closed (before its difference entry).
      expectedCash: standing?.expectedCash ?? v.expectedCash,
      countedCash: standing?.countedCash ?? null,
      difference: standing?.difference ?? null,
      transferTotal: v.transferTotal,
    };
  });
  shifts.sort((a, b) => a.clerkName.localeCompare(b.clerkName, 'vi'));
  const c = prep(ctx.db, 'SELECT closed_at, closed_by, open_shifts FROM day_closes WHERE business_date = ?').get(date) as { closed_at: number; closed_by: string; open_shifts: string } | undefined;
  return { businessDate: date, shifts, closed: c ? { at: c.closed_at, by: clerkName(ctx, c.closed_by), openShifts: JSON.parse(c.open_shifts) as string[] } : null };
}

/** The manager closes the branch's day: every shift listed, the ones still open named on the record. */
export function closeDay(ctx: ServiceContext, date: string, actor: Actor): DayStatus {
  requireRole(actor, ['manager', 'admin'], 'chốt sổ ngày của bưu cục');
  return ctx.db.transaction(() => {
    const s = dayStatus(ctx, date);
    if (s.closed) throw new DomainError('DAY_CLOSED', `Ngày ${formatDateVi(date)} đã được chốt sổ lúc trước.`);
    const meta = metaFor(ctx, actor);
    if (date > meta.date) throw new DomainError('FUTURE_DATE', 'Không chốt sổ một ngày chưa tới.');
    const open = s.shifts.filter((x) => x.state === 'open').map((x) => x.clerkName);
    const totals = { expectedCash: s.shifts.reduce((n, x) => n + x.expectedCash, 0), transfer: s.shifts.reduce((n, x) => n + x.transferTotal, 0) };
    prep(ctx.db, 'INSERT INTO day_closes (business_date, closed_at, closed_by, open_shifts, totals) VALUES (?, ?, ?, ?, ?)').run(date, meta.at, actor.clerkId, JSON.stringify(open), JSON.stringify(totals));
    audit(ctx.db, actor, meta.at, 'day.close', 'day', date, { openShifts: open.length, ...totals });
    return dayStatus(ctx, date);
  })();
}
