/**
 * Reissuing a fee receipt (biên lai thu phí, lệ phí; issue 12): a spoiled print or a wrong payer's
 * name. See reissueFeeReceipt.
 */
import { DomainError } from '../../shared/errors';
import type { ReissueReceiptInput } from '../../shared/ipc/channels/manager';
import { prep } from '../store/stmt';
import { openBusinessDate } from './business-date';
import type { Actor, ServiceContext } from './context';
import { cancelReceipt, formatReceiptNo, issueFeeReceipt, RECEIPT_SELECT, type FeeReceiptRow } from './fee-receipts';
import { audit, metaFor } from './journal';
import type { ConfirmManager } from './shifts';

/**
 * Cancels one fee receipt and issues the next number of its series for the same payment, in one
 * transaction, after the manager's password (two people saw it): the cancelled one keeps its number,
 * marked cancelled with the reason; the new one names it (replaces_number). No money moves: the
 * ledger entry stays as it is and now has the new receipt as its one valid receipt. Audited.
 */
export async function reissueFeeReceipt(ctx: ServiceContext, input: ReissueReceiptInput, actor: Actor, confirm: ConfirmManager): Promise<{ dossierId: string; cancelled: FeeReceiptRow; issued: number }> {
  const row = prep(ctx.db, `${RECEIPT_SELECT} WHERE series = ? AND number = ?`).get(input.series, input.number) as FeeReceiptRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', `Không có biên lai số ${formatReceiptNo(input.series, input.number)}.`, 'number');
  if (row.cancelledAt !== null) throw new DomainError('ALREADY_CANCELLED', `Biên lai ${formatReceiptNo(input.series, input.number)} đã bị hủy trước đó; không hủy lại.`, 'number');
  const manager = await confirm({ username: input.managerUsername, password: input.managerPassword }, actor, 'receipt.reissue');
  const meta = metaFor(ctx, actor);
  return ctx.db.transaction(() => {
    // Read again inside the transaction: another window may have cancelled it meanwhile.
    const cancelled = cancelReceipt(ctx.db, row.series, row.number, meta.at, actor.clerkId, input.reason);
    const issued = issueFeeReceipt(ctx.db, {
      series: row.series,
      ledgerId: row.ledgerId,
      dossierId: row.dossierId,
      amount: row.amount,
      at: meta.at,
      clerkId: actor.clerkId,
      counterId: actor.counterId,
      businessDate: openBusinessDate(ctx.db, actor.clerkId, meta.date),
    });
    prep(ctx.db, 'UPDATE fee_receipts SET replaces_number = ? WHERE series = ? AND number = ?').run(row.number, row.series, issued);
    audit(ctx.db, actor, meta.at, 'receipt.reissue', 'fee_receipt', formatReceiptNo(row.series, issued), {
      cancelled: formatReceiptNo(row.series, row.number),
      issued: formatReceiptNo(row.series, issued),
      amount: row.amount,
      ledgerId: row.ledgerId,
      reason: input.reason,
      confirmedBy: manager.id,
    });
    return { dossierId: row.dossierId, cancelled, issued };
  })();
}

