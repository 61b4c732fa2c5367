/**
 * Closing the drawer (kết ca, domain.md §6.1): the denominations the clerk counts (reference data the
 * province owns: notes and the coins still legal), how every ledger kind falls into the categories a
 * shift close shows, and the arithmetic of a count. Pure: used by main, the screens and the tests.
 */
import { z } from 'zod';

const header = {
  $comment: z.string().optional(),
  schemaVersion: z.literal(1, { error: 'Phiên bản định dạng (schemaVersion) phải là 1.' }),
  version: z.string({ error: 'Thiếu phiên bản (version) của tài liệu.' }).trim().min(1, { error: 'Thiếu phiên bản (version) của tài liệu.' }).max(64),
  sample: z.boolean({ error: 'Thiếu đánh dấu dữ liệu mẫu (sample: true hoặc false).' }),
  source: z.string({ error: 'Thiếu nguồn (source): văn bản, quyết định ban hành.' }).trim().min(1, { error: 'Thiếu nguồn (source): văn bản, quyết định ban hành.' }).max(500),
};

export const DenominationSchema = z.strictObject({
  value: z.number({ error: 'Mệnh giá phải là một số.' }).int({ error: 'Mệnh giá phải là số nguyên đồng.' }).min(100, { error: 'Mệnh giá tối thiểu 100 ₫.' }).max(1_000_000, { error: 'Mệnh giá tối đa 1.000.000 ₫.' }),
  kind: z.enum(['note', 'coin'], { error: 'Loại tiền phải là "note" (tiền giấy) hoặc "coin" (tiền xu).' }),
});
export type Denomination = z.infer<typeof DenominationSchema>;

export const CashDenominationsSchema = z
  .strictObject({ ...header, denominations: z.array(DenominationSchema).min(1, { error: 'Cần ít nhất một mệnh giá.' }).max(30) })
  .refine((d) => new Set(d.denominations.map((x) => `${x.kind}:${x.value}`)).size === d.denominations.length, { error: 'Mỗi mệnh giá chỉ được khai một lần cho mỗi loại tiền.' });
export type CashDenominations = z.infer<typeof CashDenominationsSchema>;

/** The categories a shift close shows cash under (the order is the order on screen and paper). */
export const CASH_CATEGORIES = ['agency_fees', 'postage', 'compensation', 'cash_difference', 'other'] as const;
export type CashCategory = (typeof CASH_CATEGORIES)[number];

export const CASH_CATEGORY_LABELS: Record<CashCategory, string> = {
  agency_fees: 'Phí, lệ phí thu hộ cơ quan',
  postage: 'Cước dịch vụ bưu chính',
  compensation: 'Bồi thường đã chi trả',
  cash_difference: 'Chênh lệch quỹ đã ghi',
  other: 'Khoản khác',
};

/**
 * Ledger kind → category. Driven by the ledger's own kind so a kind added later (compensation paid
 * out, issue 13) lands in its category without touching the close; an unknown kind is "other", never
 * dropped, so the expected cash always equals the ledger's sum.
 */
const KIND_CATEGORY: Record<string, CashCategory> = {
  agency_fee: 'agency_fees',
  fee_due_collected: 'agency_fees',
  fee_remitted: 'agency_fees',
  postage: 'postage',
  compensation: 'compensation',
  compensation_paid: 'compensation',
  cash_difference: 'cash_difference',
};

export function categoryOf(kind: string): CashCategory {
  return KIND_CATEGORY[kind] ?? 'other';
}

/** Vietnamese names of ledger kinds (report lines); an unknown kind shows as itself. */
export const LEDGER_KIND_LABELS: Record<string, string> = {
  agency_fee: 'Phí, lệ phí thu khi tiếp nhận',
  fee_due_collected: 'Phí, lệ phí thu khi trả kết quả',
  fee_remitted: 'Phí, lệ phí đã nộp cho cơ quan',
  postage: 'Cước dịch vụ',
  compensation: 'Bồi thường đã chi trả',
  compensation_paid: 'Bồi thường đã chi trả',
  cash_difference: 'Chênh lệch quỹ (thừa/thiếu)',
};
export const ledgerKindLabel = (kind: string): string => LEDGER_KIND_LABELS[kind] ?? kind;

export const PAYMENT_METHOD_LABELS: Record<string, string> = { cash: 'Tiền mặt', transfer: 'Chuyển khoản (VietQR)' };

/** One line of a drawer count: how many pieces of one denomination. */
export interface CountLine {
  value: number;
  kind: 'note' | 'coin';
  count: number;
}

export type CountCheck = { ok: true; total: number } | { ok: false; code: 'BAD_COUNT' | 'UNKNOWN_DENOMINATION'; message: string; index: number };

const label = (d: { value: number; kind: string }): string => `${d.kind === 'coin' ? 'xu' : 'tờ'} ${d.value.toLocaleString('vi-VN')} ₫`;

/** Checks a count against the denominations in force and sums it. */
export function sumCount(lines: readonly CountLine[], denominations: readonly Denomination[]): CountCheck {
  let total = 0;
  for (const [i, l] of lines.entries()) {
    if (!denominations.some((d) => d.value === l.value && d.kind === l.kind)) {
      return { ok: false, code: 'UNKNOWN_DENOMINATION', message: `Mệnh giá ${label(l)} không có trong bảng mệnh giá đang dùng.`, index: i };
    }
    if (!Number.isSafeInteger(l.count) || l.count < 0) {
      return { ok: false, code: 'BAD_COUNT', message: `Số lượng ${label(l)} phải là số nguyên không âm.`, index: i };
    }
    total += l.value * l.count;
  }
  return { ok: true, total };
}

/** "thừa" (over), "thiếu" (short) or "khớp". */
export function differenceWord(diff: number): string {
  return diff > 0 ? 'thừa' : diff < 0 ? 'thiếu' : 'khớp';
}

/** A fee receipt's number as printed: series, a dash, seven digits ("SL-TP-Q01-0000006"). */
export const formatReceiptNo = (series: string, n: number): string => `${series}-${String(n).padStart(7, '0')}`;
