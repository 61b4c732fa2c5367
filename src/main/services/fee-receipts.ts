/**
 * Fee receipts (biên lai thu phí, lệ phí, domain.md §6.1): each agency fee the counter collects on the
 * agency's behalf gets the next number of its series in the same transaction as the ledger row, so
 * numbers run without gaps (a rolled-back intake takes no number). The series is the counter's code
 * ("SL-TP-Q01-0000001"). A cancelled receipt keeps its number, marked cancelled; a spoiled print is
 * cancelled and a new number issued for the same payment; a number is never reused.
 */
import { formatReceiptNo } from '../../shared/cash';
import { DomainError } from '../../shared/errors';

export { formatReceiptNo };
import type { Db } from '../store/db';
import { prep } from '../store/stmt';

export interface FeeReceiptRow {
  series: string;
  number: number;
  ledgerId: number;
  dossierId: string;
  amount: number;
  issuedAt: number;
  issuedBy: string;
  businessDate: string;
  cancelledAt: number | null;
  cancelReason: string | null;
}


export function issueFeeReceipt(
  db: Db,
  e: { series: string; ledgerId: number; dossierId: string; amount: number; at: number; clerkId: string; counterId: string; businessDate: string },
): number {
  // The next number of the series, taken and written in one statement.
  const r = prep(
    db,
    `INSERT INTO fee_receipts (series, number, ledger_id, dossier_id, amount, issued_at, issued_by, counter_id, business_date)
     SELECT ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM fee_receipts WHERE series = ?
     RETURNING number`,
  ).get(e.series, e.ledgerId, e.dossierId, e.amount, e.at, e.clerkId, e.counterId, e.businessDate, e.series) as { number: number };
  return r.number;
}

export const RECEIPT_SELECT = `SELECT series, number, ledger_id AS ledgerId, dossier_id AS dossierId, amount, issued_at AS issuedAt, issued_by AS issuedBy,
  business_date AS businessDate, cancelled_at AS cancelledAt, cancel_reason AS cancelReason FROM fee_receipts`;

export function receiptsOfDossier(db: Db, dossierId: string): FeeReceiptRow[] {
  return prep(db, `${RECEIPT_SELECT} WHERE dossier_id = ? ORDER BY issued_at, number`).all(dossierId) as FeeReceiptRow[];
}

/** The valid (not cancelled) receipt of a ledger entry. */
export function receiptOfEntry(db: Db, ledgerId: number): FeeReceiptRow | undefined {
  return prep(db, `${RECEIPT_SELECT} WHERE ledger_id = ? AND cancelled_at IS NULL`).get(ledgerId) as FeeReceiptRow | undefined;
}

export function receiptsOfDay(db: Db, date: string, clerkId?: string): FeeReceiptRow[] {
  if (clerkId !== undefined) return prep(db, `${RECEIPT_SELECT} WHERE business_date = ? AND issued_by = ? ORDER BY series, number`).all(date, clerkId) as FeeReceiptRow[];
  return prep(db, `${RECEIPT_SELECT} WHERE business_date = ? ORDER BY series, number`).all(date) as FeeReceiptRow[];
}

export function cancelReceipt(db: Db, series: string, number: number, at: number, by: string, reason: string): FeeReceiptRow {
  const r = prep(db, `${RECEIPT_SELECT} WHERE series = ? AND number = ?`).get(series, number) as FeeReceiptRow | undefined;
  if (!r) throw new DomainError('NOT_FOUND', `Không có biên lai số ${formatReceiptNo(series, number)}.`);
  if (r.cancelledAt !== null) throw new DomainError('ALREADY_CANCELLED', `Biên lai ${formatReceiptNo(series, number)} đã bị hủy trước đó.`);
  prep(db, 'UPDATE fee_receipts SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE series = ? AND number = ?').run(at, by, reason, series, number);
  return { ...r, cancelledAt: at, cancelReason: reason };
}
