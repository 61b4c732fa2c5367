/**
 * Citizens' personal data (Law 91/2025/QH15, Decree 356/2025; TT 17 Art. 14.3): the province's
 * policy as reference data (kind `personal_data`) and the pure rules built on it.
 *
 * - A counter needs a citizen's details only until the dossier is closed: a closed dossier's
 *   personal fields are purged `counterRetentionDays` after it closed, once nothing of it waits to
 *   be sent to the hub (services/retention.ts).
 * - A counter pulls another counter's dossier only while it can still be handed over at this
 *   branch: open, or closed less than `pullWindowDays` ago (the hub's pull, src/hub/pull.ts).
 * - The hub keeps electronic records `hubRetentionYears` from acceptance (at least 5, TT 17
 *   Art. 14.3), then purges them (src/hub/retention.ts).
 * - The intake receipt prints `receiptNotice`: what is kept, why, how long, whom to ask.
 */
import { z } from 'zod';

const header = {
  $comment: z.string().optional(),
  schemaVersion: z.literal(1, { error: 'Phiên bản định dạng (schemaVersion) phải là 1.' }),
  version: z.string({ error: 'Thiếu phiên bản (version) của tài liệu.' }).trim().min(1, { error: 'Thiếu phiên bản (version) của tài liệu.' }).max(64),
  sample: z.boolean({ error: 'Thiếu đánh dấu dữ liệu mẫu (sample: true hoặc false).' }),
  source: z.string({ error: 'Thiếu nguồn (source): văn bản, quyết định ban hành.' }).trim().min(1, { error: 'Thiếu nguồn (source): văn bản, quyết định ban hành.' }).max(500),
};

const days = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} phải là một số ngày.` })
    .int({ error: `${label} phải là số nguyên ngày.` })
    .min(min, { error: `${label} tối thiểu ${min} ngày.` })
    .max(max, { error: `${label} tối đa ${max} ngày.` });

export const PersonalDataPolicySchema = z.strictObject({
  ...header,
  counterRetentionDays: days('Thời hạn giữ dữ liệu cá nhân tại quầy', 1, 3650),
  pullWindowDays: days('Thời gian quầy còn nhận hồ sơ đã đóng của quầy khác', 0, 3650),
  hubRetentionYears: z
    .number({ error: 'Thời hạn lưu hồ sơ điện tử tại máy chủ tỉnh phải là một số năm.' })
    .int({ error: 'Thời hạn lưu hồ sơ điện tử phải là số nguyên năm.' })
    .min(5, { error: 'Hồ sơ điện tử phải được lưu ít nhất 5 năm (TT 17/2017 Điều 14.3).' })
    .max(50, { error: 'Thời hạn lưu hồ sơ điện tử tối đa 50 năm.' }),
  /** Lines printed on the intake receipt, in order. */
  receiptNotice: z
    .array(z.string().trim().min(1, { error: 'Dòng thông báo trống.' }).max(300, { error: 'Mỗi dòng thông báo tối đa 300 ký tự.' }))
    .min(1, { error: 'Cần ít nhất một dòng thông báo về dữ liệu cá nhân.' })
    .max(8, { error: 'Thông báo in trên phiếu tối đa 8 dòng.' }),
});
export type PersonalDataPolicy = z.infer<typeof PersonalDataPolicySchema>;

/** What applies when the province has sent no policy (and what the bundled file says). */
export const DEFAULT_PERSONAL_DATA_POLICY: PersonalDataPolicy = {
  schemaVersion: 1,
  version: 'default',
  sample: false,
  source: 'Luật 91/2025/QH15; Nghị định 356/2025/NĐ-CP; Thông tư 17/2017/TT-BTTTT Điều 14.3.',
  counterRetentionDays: 90,
  pullWindowDays: 90,
  hubRetentionYears: 5,
  receiptNotice: [
    'Bưu điện lưu họ tên, số giấy tờ, điện thoại, địa chỉ của ông/bà để chuyển hồ sơ, trả kết quả và giải quyết khiếu nại (Luật 91/2025/QH15).',
    'Tại quầy: xoá sau 90 ngày kể từ khi trả kết quả. Hồ sơ điện tử lưu 5 năm (TT 17/2017).',
    'Xem, sao chép dữ liệu của mình: hỏi trưởng bưu cục hoặc gọi 1900 54 54 81.',
  ],
};

const DAY_MS = 86_400_000;

/** The instant before which a dossier closed is purged at the counter. */
export function counterPurgeCutoff(policy: Pick<PersonalDataPolicy, 'counterRetentionDays'>, now: number): number {
  return now - policy.counterRetentionDays * DAY_MS;
}

/** The instant before which a dossier closed is no longer pulled by the branch's other counters. */
export function pullCutoff(policy: Pick<PersonalDataPolicy, 'pullWindowDays'>, now: number): number {
  return now - policy.pullWindowDays * DAY_MS;
}

/**
 * The local date (YYYY-MM-DD) before which a dossier accepted is purged at the hub: `years` whole
 * years before `today` (29 February falls back to 28).
 */
export function hubPurgeBeforeDate(years: number, today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The mask shown and recorded for an ID number (last four digits only). */
export function maskedIdForRecord(idNumber: string): string {
  return `${'•'.repeat(Math.max(0, idNumber.length - 4))}${idNumber.slice(-4)}`;
}
