/**
 * THE list of reference-data kinds the province owns and the hub distributes: each kind's name,
 * Vietnamese label, bundled file (resources/reference/), whether a counter needs it, and its
 * validation. Everything that handles reference documents iterates this list:
 *  - the counter seeds missing kinds from the bundled files and loads any kind through one loader
 *    (src/main/reference/load.ts), and re-reads them after a sync;
 *  - the sync protocol's `reference` change accepts exactly these names (src/shared/sync-protocol.ts)
 *    and the counter applies them through the same loader (src/main/sync/apply.ts);
 *  - the hub validates an upload with the same check before publishing it (src/hub/reference.ts),
 *    from `PUT /admin/reference/:name` or `npm run hub -- load-reference --name … --file …`.
 * A new kind is one entry here, its schema (with Vietnamese messages) and its bundled file. A kind
 * that also fills tables on the counter (the catalogue) adds a table writer in load.ts.
 * (The administrative units are national data shipped with the application, not a province's
 * document, so they are not a kind here.)
 */
import type { z } from 'zod';
import { listCatalogueProblems } from './catalogue';
import type { Catalogue } from './catalogue';
import { calendarOverridesSchema } from './calendar';
import { transitLimitsSchema } from './transit';
import { BankAccountsSchema, TariffSchema } from './tariff';
import { CashDenominationsSchema } from './cash';
import { SearchSynonymsSchema } from './catalogue-search';
import { CounterSecuritySchema } from './sign-in-policy';
import { PersonalDataPolicySchema } from './personal-data';

export interface ReferenceProblem {
  /** Stable: a zod issue code (invalid_type, too_small…) or a catalogue problem code. */
  code: string;
  /** Where in the document, dotted ('postage.send'); '' for the document itself. */
  path: string;
  /** Vietnamese, says what to fix. */
  message: string;
}

export type ReferenceCheck<T> = { ok: true; value: T } | { ok: false; code: string; message: string; problems: ReferenceProblem[] };

export interface ReferenceKind<T> {
  /** Vietnamese name, as provincial IT and the clerk read it. */
  readonly label: string;
  /** The bundled document in resources/reference/ a counter starts from (a sample until the province sends its own). */
  readonly file: string;
  /** A counter cannot work without it: seeding and reading fail loudly when it is absent. */
  readonly required: boolean;
  /** Validates a document and returns it normalised (what is stored and published). */
  check(payload: unknown): ReferenceCheck<T>;
}

const defineKind = <T>(k: ReferenceKind<T>): ReferenceKind<T> => k;

/** How many problems a refusal message lists before it says "và N lỗi khác". */
const MAX_LISTED = 5;

/** A refusal whose message names the document and lists its first problems. */
export function refuse<T>(label: string, code: string, problems: ReferenceProblem[]): ReferenceCheck<T> {
  const listed = problems
    .slice(0, MAX_LISTED)
    .map((p) => p.message)
    .join(' ');
  const more = problems.length > MAX_LISTED ? ` … và ${problems.length - MAX_LISTED} lỗi khác.` : '';
  return { ok: false, code, message: `${label} không hợp lệ (${problems.length} lỗi): ${listed}${more}`, problems };
}

const VIETNAMESE = /[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i;
const EXPECTED: Readonly<Record<string, string>> = { string: 'chuỗi ký tự', number: 'số', int: 'số nguyên', boolean: 'true hoặc false', array: 'danh sách', object: 'đối tượng' };

/** One zod issue in Vietnamese: the schema's own message when it is Vietnamese, else by its code. */
export function describeIssue(issue: z.core.$ZodIssue): ReferenceProblem {
  const path = issue.path.map(String).join('.');
  const at = path ? `“${path}”` : 'tài liệu';
  if (VIETNAMESE.test(issue.message)) return { code: issue.code, path, message: `${issue.message.replace(/\.$/, '')} (${path || 'tài liệu'}).` };
  let message: string;
  switch (issue.code) {
    case 'invalid_type':
      message = /received undefined/.test(issue.message) ? `Thiếu trường ${at}.` : `Trường ${at} sai kiểu dữ liệu (cần ${EXPECTED[issue.expected] ?? issue.expected}).`;
      break;
    case 'unrecognized_keys':
      message = `${path ? `Trong ${at} có` : 'Có'} trường không được phép: ${issue.keys.join(', ')}.`;
      break;
    case 'too_small':
    case 'too_big':
      message = `Trường ${at} ${issue.code === 'too_small' ? 'nhỏ hơn' : 'lớn hơn'} giới hạn cho phép.`;
      break;
    case 'invalid_value':
      message = `Trường ${at} có giá trị không được phép (được phép: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}).`;
      break;
    case 'invalid_format':
      message = `Trường ${at} sai định dạng.`;
      break;
    default:
      message = `Trường ${at} không hợp lệ (${issue.message}).`;
  }
  return { code: issue.code, path, message };
}

/** A kind validated by a zod schema alone; its parsed output is what is stored and published. */
function schemaCheck<S extends z.ZodType>(label: string, schema: S): (payload: unknown) => ReferenceCheck<z.output<S>> {
  return (payload) => {
    const r = schema.safeParse(payload);
    return r.success ? { ok: true, value: r.data } : refuse(label, 'BAD_REFERENCE', r.error.issues.map(describeIssue));
  };
}

function checkCatalogue(payload: unknown): ReferenceCheck<Catalogue> {
  const r = listCatalogueProblems(payload);
  if (r.catalogue && r.problems.length === 0) return { ok: true, value: r.catalogue };
  const problems = r.problems.map((p) => ({ code: p.code, path: p.path.join('.'), message: p.message }));
  return refuse('Danh mục thủ tục', problems[0]?.code ?? 'CATALOGUE_SCHEMA', problems);
}

export const REFERENCE_KINDS = {
  catalogue: defineKind({ label: 'Danh mục thủ tục', file: 'catalogue-son-la.sample.json', required: true, check: checkCatalogue }),
  calendar: defineKind({
    label: 'Bảng ngày nghỉ, ngày làm bù',
    file: 'calendar-overrides.json',
    required: true,
    check: schemaCheck('Bảng ngày nghỉ, ngày làm bù', calendarOverridesSchema),
  }),
  transit: defineKind({
    label: 'Bảng chỉ tiêu thời gian chuyển phát',
    file: 'transit-limits.json',
    required: true,
    check: schemaCheck('Bảng chỉ tiêu thời gian chuyển phát', transitLimitsSchema),
  }),
  tariff: defineKind({ label: 'Biểu cước dịch vụ', file: 'tariff.sample.json', required: true, check: schemaCheck('Biểu cước dịch vụ', TariffSchema) }),
  bank_accounts: defineKind({
    label: 'Tài khoản nhận chuyển khoản',
    file: 'bank-accounts.sample.json',
    required: true,
    check: schemaCheck('Tài khoản nhận chuyển khoản', BankAccountsSchema),
  }),
  cash_denominations: defineKind({
    label: 'Bảng mệnh giá tiền kiểm đếm khi kết ca',
    file: 'cash-denominations.json',
    required: true,
    check: schemaCheck('Bảng mệnh giá tiền kiểm đếm khi kết ca', CashDenominationsSchema),
  }),
  // Abbreviations and synonyms clerks type in the procedure search (issue #16 §2); the province extends it.
  search_synonyms: defineKind({
    label: 'Bảng từ viết tắt, đồng nghĩa khi tìm thủ tục',
    file: 'search-synonyms.sample.json',
    required: false,
    check: schemaCheck('Bảng từ viết tắt, đồng nghĩa khi tìm thủ tục', SearchSynonymsSchema),
  }),
  // Idle lock and the wait after wrong passwords (issue #15 §4); a counter without it uses the defaults.
  counter_security: defineKind({
    label: 'Thiết lập an toàn đăng nhập tại quầy',
    file: 'counter-security.json',
    required: false,
    check: schemaCheck('Thiết lập an toàn đăng nhập tại quầy', CounterSecuritySchema),
  }),
  // Retention of citizens' personal data and the notice on the intake receipt (issue #15 §2-3);
  // a counter without it applies DEFAULT_PERSONAL_DATA_POLICY.
  personal_data: defineKind({
    label: 'Chính sách lưu giữ dữ liệu cá nhân',
    file: 'personal-data.json',
    required: false,
    check: schemaCheck('Chính sách lưu giữ dữ liệu cá nhân', PersonalDataPolicySchema),
  }),
};

export type ReferenceName = keyof typeof REFERENCE_KINDS;
/** The validated document of one kind. */
export type ReferenceDoc<N extends ReferenceName> = (typeof REFERENCE_KINDS)[N] extends ReferenceKind<infer T> ? T : never;

/** Every kind's name, in seeding order (a tuple, for z.enum). */
export const REFERENCE_NAMES = Object.keys(REFERENCE_KINDS) as [ReferenceName, ...ReferenceName[]];

export function isReferenceName(s: unknown): s is ReferenceName {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(REFERENCE_KINDS, s);
}

export function referenceKind<N extends ReferenceName>(name: N): ReferenceKind<ReferenceDoc<N>> {
  return REFERENCE_KINDS[name] as unknown as ReferenceKind<ReferenceDoc<N>>;
}

/** Validates `payload` as a document of kind `name`. */
export function checkReference<N extends ReferenceName>(name: N, payload: unknown): ReferenceCheck<ReferenceDoc<N>> {
  return referenceKind(name).check(payload);
}

/** The document's own `version` field when it has one (what a counter records before the hub's version arrives). */
export function documentVersion(payload: unknown, fallback = 'local'): string {
  const v = payload !== null && typeof payload === 'object' ? (payload as { version?: unknown }).version : undefined;
  return typeof v === 'string' && v.trim() !== '' ? v : fallback;
}
