/**
 * The province's money rules for the intake, as reference data (not constants in a screen): the
 * postage tariff of the administrative-procedure postal service (cước, which the citizen pays, QĐ 45
 * Art. 12) and the bank account that takes VietQR transfers at the counter (Art. 11). The bundled
 * files (resources/reference/tariff.sample.json, bank-accounts.sample.json) are marked
 * `sample: true` and the clerk sees “mẫu” beside them until the province loads its own through the
 * hub (`npm run hub -- load-reference --name tariff --file …`). Amounts are whole đồng.
 */
import { z } from 'zod';
import { dong } from './schemas';
import type { returnMethod, serviceType } from './schemas';

export type ServiceType = z.infer<typeof serviceType>;
export type ReturnMethod = z.infer<typeof returnMethod>;

/** A postage amount: whole đồng, with a ceiling that catches a typed extra zero. */
const postage = (label: string) => dong(label).max(10_000_000, { error: `${label} quá lớn (trên 10.000.000 ₫): hãy kiểm tra lại số tiền.` });

/** What every province-owned document of this file carries besides its content. */
const header = {
  $comment: z.string().optional(),
  schemaVersion: z.literal(1, { error: 'Phiên bản định dạng (schemaVersion) phải là 1.' }),
  version: z.string({ error: 'Thiếu phiên bản (version) của tài liệu.' }).trim().min(1, { error: 'Thiếu phiên bản (version) của tài liệu.' }).max(64, { error: 'Phiên bản (version) quá dài (tối đa 64 ký tự).' }),
  sample: z.boolean({ error: 'Thiếu đánh dấu dữ liệu mẫu (sample: true hoặc false).' }),
  source: z.string({ error: 'Thiếu nguồn (source): văn bản, quyết định ban hành.' }).trim().min(1, { error: 'Thiếu nguồn (source): văn bản, quyết định ban hành.' }).max(500),
};

export const PostageTariffSchema = z.strictObject(
  {
    /** Carrying the dossier from the counter to the agency (services “send” and “both”). */
    send: postage('Cước chuyển hồ sơ đến cơ quan'),
    /** Carrying the result back to the post office, where the citizen collects it. */
    returnPickup: postage('Cước chuyển kết quả về bưu cục'),
    /** Carrying the result back and delivering it to the citizen's address. */
    returnHome: postage('Cước phát kết quả tận địa chỉ'),
  },
  { error: (iss) => (iss.code === 'invalid_type' ? 'Thiếu bảng cước (postage) với send, returnPickup, returnHome.' : undefined) },
);

export const TariffSchema = z.strictObject({ ...header, postage: PostageTariffSchema });
export type Tariff = z.infer<typeof TariffSchema>;

export const BankAccountSchema = z.strictObject(
  {
    /** The bank's 6-digit NAPAS BIN (VietQR field 38.01.00). */
    bankBin: z.string({ error: 'Thiếu mã ngân hàng (bankBin).' }).regex(/^\d{6}$/, { error: 'Mã ngân hàng (bankBin, mã BIN của NAPAS) phải gồm đúng 6 chữ số.' }),
    bankName: z.string({ error: 'Thiếu tên ngân hàng (bankName).' }).trim().min(1, { error: 'Thiếu tên ngân hàng (bankName).' }).max(100),
    accountNumber: z
      .string({ error: 'Thiếu số tài khoản (accountNumber).' })
      .regex(/^[0-9A-Za-z]{1,19}$/, { error: 'Số tài khoản (accountNumber) chỉ gồm chữ số hoặc chữ cái không dấu, tối đa 19 ký tự.' }),
    /** The account holder as the bank shows it to the payer. */
    owner: z.string({ error: 'Thiếu tên chủ tài khoản (owner).' }).trim().min(1, { error: 'Thiếu tên chủ tài khoản (owner).' }).max(100),
  },
  { error: (iss) => (iss.code === 'invalid_type' ? 'Thiếu tài khoản nhận tiền (intake) với bankBin, bankName, accountNumber, owner.' : undefined) },
);
export type BankAccount = z.infer<typeof BankAccountSchema>;

export const BankAccountsSchema = z.strictObject({
  ...header,
  /** The account citizens transfer the fee and postage of an intake into. */
  intake: BankAccountSchema,
});
export type BankAccounts = z.infer<typeof BankAccountsSchema>;

const SERVICES: readonly ServiceType[] = ['send', 'return', 'both'];
const METHODS: readonly ReturnMethod[] = ['pickup', 'home', 'none'];

/** The postage for one service and return method (a service without a return leg ignores the method). */
export function postageFor(t: Tariff['postage'], service: ServiceType, method: ReturnMethod): number {
  const send = service === 'return' ? 0 : t.send;
  const back = service === 'send' || method === 'none' ? 0 : method === 'home' ? t.returnHome : t.returnPickup;
  return send + back;
}

export type PostageQuotes = Record<ServiceType, Record<ReturnMethod, number>>;

/** Every service × return method priced, so a screen looks an amount up instead of computing it. */
export function postageQuotes(t: Tariff['postage']): PostageQuotes {
  const out = {} as PostageQuotes;
  for (const s of SERVICES) {
    out[s] = {} as Record<ReturnMethod, number>;
    for (const m of METHODS) out[s][m] = postageFor(t, s, m);
  }
  return out;
}

/** What the intake screen receives (`reference.tariff`): amounts to look up, and the account to show. */
export interface IntakeTariff {
  postage: { version: string; sample: boolean; quotes: PostageQuotes };
  account: BankAccount & { version: string; sample: boolean };
}

export function intakeTariff(tariff: Tariff, accounts: BankAccounts): IntakeTariff {
  return {
    postage: { version: tariff.version, sample: tariff.sample, quotes: postageQuotes(tariff.postage) },
    account: { ...accounts.intake, version: accounts.version, sample: accounts.sample },
  };
}
