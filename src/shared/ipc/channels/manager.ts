/**
 * The branch manager's day (issue 12): a clerk's own shift close (kết ca) confirmed by a manager's
 * password, transfers confirmed with the bank's reference, the day close and the day's report, the
 * overdue list, the dashboard and the audit viewer. Manager-only channels are refused to clerks here,
 * in main (the registry checks `access`), not only hidden on screen.
 */
import { z } from 'zod';
import { isWellFormedText } from '../../text';
import type { CashCategory } from '../../cash';
import type { DayReport } from '../../day-report';
import type { OverdueRow } from '../../overdue';
import { channel, empty } from '../define';
import type { PrintResult } from '../dto';

const reasonText = (label: string) =>
  z
    .string({ error: `${label}: phải là chuỗi ký tự.` })
    .trim()
    .min(3, { error: `Hãy nhập ${label.toLowerCase()} (ít nhất 3 ký tự).` })
    .max(300, { error: `${label} quá dài (tối đa 300 ký tự).` })
    .refine(isWellFormedText, { error: `${label} có ký tự hỏng (không phải chữ); hãy gõ lại.` });

const date = z.string({ error: 'Ngày phải là chuỗi YYYY-MM-DD.' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày không đúng định dạng (YYYY-MM-DD).' });

// The string's own error is also what an empty one says (min(1) has no message of its own).
const managerConfirm = {
  managerUsername: z.string({ error: 'Hãy nhập tên đăng nhập của trưởng bưu cục.' }).trim().min(1).max(32, { error: 'Tên đăng nhập của trưởng bưu cục dài quá 32 ký tự.' }),
  managerPassword: z.string({ error: 'Hãy nhập mật khẩu của trưởng bưu cục.' }).min(1).max(200, { error: 'Mật khẩu của trưởng bưu cục dài quá 200 ký tự.' }),
};

export const CountLineInput = z
  .object({
    value: z.number({ error: 'Mệnh giá phải là một số.' }).int({ error: 'Mệnh giá phải là số nguyên.' }),
    kind: z.enum(['note', 'coin'], { error: 'Loại tiền phải là tiền giấy hoặc tiền xu.' }),
    count: z
      .number({ error: 'Số tờ/xu phải là một số.' })
      .int({ error: 'Số tờ/xu phải là số nguyên.' })
      .min(0, { error: 'Số tờ/xu không được âm.' })
      .max(100_000, { error: 'Số tờ/xu quá lớn (tối đa 100.000): hãy kiểm tra lại.' }),
  })
  .strict();

export const ShiftCloseInput = z
  .object({
    counts: z.array(CountLineInput).max(40),
    /** Why the drawer differs from the ledger (required when it does). */
    reason: z.string().trim().max(300, { error: 'Lý do chênh lệch quá dài (tối đa 300 ký tự).' }).optional(),
    ...managerConfirm,
  })
  .strict();
export type ShiftCloseInput = z.infer<typeof ShiftCloseInput>;

export const ShiftReopenInput = z.object({ shiftOf: z.string().min(1).max(64), businessDate: date, reason: reasonText('Lý do mở lại ca'), ...managerConfirm }).strict();
export type ShiftReopenInput = z.infer<typeof ShiftReopenInput>;

/** A fee receipt cancelled and issued again for the same payment (spoiled print, wrong payer). */
export const ReissueReceiptInput = z
  .object({
    series: z.string().min(1).max(64),
    number: z.number({ error: 'Số biên lai phải là một số.' }).int({ error: 'Số biên lai phải là số nguyên.' }).min(1, { error: 'Số biên lai không hợp lệ.' }),
    reason: reasonText('Lý do hủy biên lai'),
    ...managerConfirm,
  })
  .strict();
export type ReissueReceiptInput = z.infer<typeof ReissueReceiptInput>;

export interface ReissueReceiptResult {
  cancelled: string;
  issued: string;
  message: string;
}

export const ConfirmTransferInput = z
  .object({
    ledgerId: z.number().int().min(1),
    bankRef: z
      .string({ error: 'Hãy nhập mã giao dịch ngân hàng.' })
      .trim()
      .regex(/^[0-9A-Za-z][0-9A-Za-z.\-/]{3,39}$/, { error: 'Mã giao dịch ngân hàng gồm 4–40 chữ số hoặc chữ cái không dấu (có thể có . - /).' }),
  })
  .strict();
export type ConfirmTransferInput = z.infer<typeof ConfirmTransferInput>;

export const AuditQueryInput = z
  .object({
    from: date.optional(),
    to: date.optional(),
    byClerk: z.string().max(64).optional(),
    kind: z.string().max(64).optional(),
    itemNumber: z.string().trim().max(20).optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();
export type AuditQueryInput = z.infer<typeof AuditQueryInput>;

export interface CashLine {
  category: CashCategory;
  label: string;
  amount: number;
}

export interface TransferPayment {
  /** The first ledger row of the payment (a VietQR transfer may pay fee and postage at once). */
  ledgerId: number;
  itemNumber: string | null;
  amount: number;
  at: number;
  bankRef: string | null;
}

export interface ShiftCloseRecord {
  id: number;
  closedAt: number;
  confirmedBy: string;
  expectedCash: number;
  countedCash: number;
  difference: number;
  reason: string | null;
  reopenedAt: number | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

export interface ShiftView {
  clerkId: string;
  clerkName: string;
  businessDate: string;
  state: 'open' | 'closed';
  cash: CashLine[];
  expectedCash: number;
  transferTotal: number;
  transfers: TransferPayment[];
  unconfirmedTransfers: number;
  denominations: { value: number; kind: 'note' | 'coin' }[];
  receipts: { issued: number; first: string | null; last: string | null; cancelled: string[] };
  closes: ShiftCloseRecord[];
}

export interface ShiftCloseResult {
  view: ShiftView;
  difference: number;
  differenceLedgerId: number | null;
  message: string;
}

export interface DayShift {
  clerkId: string;
  clerkName: string;
  state: 'open' | 'closed';
  expectedCash: number;
  countedCash: number | null;
  difference: number | null;
  transferTotal: number;
}

export interface DayStatus {
  businessDate: string;
  shifts: DayShift[];
  closed: { at: number; by: string; openShifts: string[] } | null;
}

export interface DayPrintResult {
  thermal: PrintResult;
  pdfFile: string | null;
  xlsxFile: string;
  /** The documents' names, for a readable copy (document.copy): the files are sealed. */
  pdfName: string | null;
  xlsxName: string;
  copyNo: number;
  message: string;
}

export interface AuditEntry {
  id: number;
  at: number;
  actorId: string;
  actorName: string;
  counterId: string;
  kind: string;
  kindLabel: string;
  entity: string;
  entityId: string | null;
  itemNumber: string | null;
  detail: string;
}

export interface DashboardDay {
  date: string;
  intakes: number;
  results: number;
  handovers: number;
  /** Dossiers handed to the agency that day, and of them those within their transit limit. */
  filed: number;
  filedOnTime: number;
  cash: number;
  transfer: number;
}

export const managerChannels = {
  'shift.get': channel<ShiftView>()(empty, 'clerk'),
  'shift.close': channel<ShiftCloseResult>()(ShiftCloseInput, 'clerk'),
  'shift.reopen': channel<ShiftView>()(ShiftReopenInput, 'clerk'),
  'shift.confirmTransfer': channel<ShiftView>()(ConfirmTransferInput, 'clerk'),
  'receipt.reissue': channel<ReissueReceiptResult>()(ReissueReceiptInput, 'clerk'),
  'day.status': channel<DayStatus>()(z.object({ businessDate: date.optional() }).strict(), 'manager'),
  'day.close': channel<DayStatus>()(z.object({ businessDate: date }).strict(), 'manager'),
  'day.report': channel<DayReport>()(z.object({ businessDate: date }).strict(), 'manager'),
  'day.print': channel<DayPrintResult>()(z.object({ businessDate: date }).strict(), 'manager'),
  'overdue.list': channel<OverdueRow[]>()(empty, 'manager'),
  'overdue.count': channel<{ count: number }>()(empty, 'manager'),
  'overdue.export': channel<{ file: string; name: string; rows: number }>()(empty, 'manager'),
  'overdue.print': channel<PrintResult>()(empty, 'manager'),
  'audit.list': channel<{ rows: AuditEntry[]; kinds: { kind: string; label: string }[]; truncated: boolean }>()(AuditQueryInput, 'manager'),
  'audit.export': channel<{ file: string; name: string; rows: number }>()(AuditQueryInput, 'manager'),
  'dashboard.get': channel<{ days: DashboardDay[]; to: string }>()(z.object({ to: date.optional() }).strict(), 'manager'),
} as const;
