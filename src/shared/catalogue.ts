/**
 * The procedure catalogue (danh mục thủ tục hành chính) that the counter picks from at intake:
 * agencies, procedures, required documents with original/copy marks, fees with reduced
 * categories, statutory processing times, in-person-only and reclaim-old-papers flags.
 *
 * The real catalogue arrives from the province as reference data; the repository ships a sample
 * for Sơn La (resources/reference/catalogue-son-la.sample.json). Every catalogue, sample or real,
 * goes through `validateCatalogue`, which normalises strings to NFC, checks the shape and then
 * the cross-references, and reports problems in Vietnamese (they reach provincial IT and clerks).
 *
 * Pure TypeScript: no platform imports.
 */
import { z } from 'zod';
import { fail, ok, type Check } from './errors';

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

const text = z.string().trim().min(1);

export const AGENCY_LEVELS = ['province', 'commune', 'central_branch'] as const;
export const PROCESSING_UNITS = ['working', 'calendar'] as const;
export const DOCUMENT_FORMS = ['original', 'copy', 'original_or_copy', 'certified_copy'] as const;

/** How each document form is written on screen and on the dispatch note. */
export const DOCUMENT_FORM_LABELS: Readonly<Record<(typeof DOCUMENT_FORMS)[number], string>> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  original_or_copy: 'Bản chính hoặc bản sao',
  certified_copy: 'Bản sao có chứng thực',
};

export const AGENCY_LEVEL_LABELS: Readonly<Record<(typeof AGENCY_LEVELS)[number], string>> = {
  province: 'Cấp tỉnh',
  commune: 'Cấp xã',
  central_branch: 'Cơ quan ngành dọc',
};

export const PROCESSING_UNIT_LABELS: Readonly<Record<(typeof PROCESSING_UNITS)[number], string>> = {
  working: 'ngày làm việc',
  calendar: 'ngày',
};

/** The fee category a counter charges when the citizen claims no reduction. */
export const STANDARD_FEE_CATEGORY = 'standard';

export const AgencySchema = z.strictObject({
  code: text,
  name: text,
  shortName: text,
  level: z.enum(AGENCY_LEVELS),
  address: text,
  provinceCode: z.string().regex(/^\d{2}$/),
  /** 5-digit commune/ward code of the 2025 two-level administrative units. */
  communeCode: z.string().regex(/^\d{5}$/).optional(),
  phone: text.optional(),
  verified: z.boolean(),
});

export const ProcessingSchema = z.strictObject({
  days: z.int().positive(),
  unit: z.enum(PROCESSING_UNITS),
  note: text.optional(),
});

export const RequiredDocumentSchema = z.strictObject({
  code: text,
  name: text,
  form: z.enum(DOCUMENT_FORMS),
  count: z.int().min(1),
  required: z.boolean(),
  note: text.optional(),
});

export const FeeSchema = z.strictObject({
  /** 'standard', 'student', 'merit', 'child', 'elderly', 'online', 'reissue_loss', … */
  category: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: text,
  /** Whole đồng. */
  amount: z.int().nonnegative(),
});

export const ProcedureSchema = z.strictObject({
  code: text,
  name: text,
  /** Lĩnh vực, in Vietnamese. */
  field: text,
  agencyCode: text,
  /** What clerks type: abbreviations ('gplx', 'lltp') and plain phrases without marks. */
  aliases: z.array(text),
  processing: ProcessingSchema,
  inPersonOnly: z.boolean(),
  /** Vietnamese explanation shown to the citizen when the counter refuses the procedure. */
  inPersonReason: text.optional(),
  reclaimOldPapers: z.boolean(),
  reclaimNote: text.optional(),
  documents: z.array(RequiredDocumentSchema),
  fees: z.array(FeeSchema),
  /** True only for facts confirmed in the project's domain notes; otherwise sample data. */
  verified: z.boolean(),
  source: text,
});

export const CatalogueSchema = z.strictObject({
  version: text,
  sample: z.boolean(),
  /** Vietnamese: where the data comes from (a sample says so, and that the province sends the real one). */
  generatedNote: text,
  province: z.strictObject({ code: z.literal('14'), name: z.literal('Sơn La') }),
  agencies: z.array(AgencySchema),
  procedures: z.array(ProcedureSchema),
});

export type Catalogue = z.infer<typeof CatalogueSchema>;
export type Agency = z.infer<typeof AgencySchema>;
export type Procedure = z.infer<typeof ProcedureSchema>;
export type Processing = z.infer<typeof ProcessingSchema>;
export type RequiredDocument = z.infer<typeof RequiredDocumentSchema>;
export type Fee = z.infer<typeof FeeSchema>;
export type AgencyLevel = Agency['level'];
export type DocumentForm = RequiredDocument['form'];
export type ProcessingUnit = Processing['unit'];

// ---------------------------------------------------------------------------------------------
// Validation with Vietnamese messages
// ---------------------------------------------------------------------------------------------

export type CatalogueProblemCode =
  | 'CATALOGUE_SCHEMA'
  | 'CATALOGUE_BAD_FEE'
  | 'CATALOGUE_DUPLICATE_AGENCY'
  | 'CATALOGUE_DUPLICATE_PROCEDURE'
  | 'CATALOGUE_UNKNOWN_AGENCY'
  | 'CATALOGUE_NO_DOCUMENT'
  | 'CATALOGUE_DUPLICATE_DOCUMENT'
  | 'CATALOGUE_NO_FEE'
  | 'CATALOGUE_NO_STANDARD_FEE'
  | 'CATALOGUE_DUPLICATE_FEE'
  | 'CATALOGUE_IN_PERSON_REASON'
  | 'CATALOGUE_RECLAIM_NOTE'
  | 'CATALOGUE_COMMUNE_CODE'
  | 'CATALOGUE_UNKNOWN_COMMUNE';

export interface CatalogueCheckOptions {
  /**
   * The 5-digit codes of the current communes/wards of the catalogue's province (from the
   * administrative-units reference data). When given, every agency's communeCode must be one.
   */
  communeCodes?: ReadonlySet<string>;
}

export interface CatalogueProblem {
  code: CatalogueProblemCode;
  /** Vietnamese, names the procedure/agency and what to fix. */
  message: string;
  /** Where in the document, e.g. ['procedures', 3, 'fees', 0, 'amount']. */
  path: (string | number)[];
}

/** Vietnamese names of the fields, used to say where a problem is. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  version: 'phiên bản',
  sample: 'đánh dấu dữ liệu mẫu',
  generatedNote: 'ghi chú nguồn dữ liệu',
  province: 'tỉnh',
  agencies: 'danh sách cơ quan',
  procedures: 'danh sách thủ tục',
  code: 'mã',
  name: 'tên',
  shortName: 'tên viết tắt',
  level: 'cấp',
  address: 'địa chỉ',
  provinceCode: 'mã tỉnh',
  communeCode: 'mã xã/phường',
  phone: 'số điện thoại',
  verified: 'đánh dấu đã xác minh',
  field: 'lĩnh vực',
  agencyCode: 'mã cơ quan',
  aliases: 'từ khóa tìm kiếm',
  processing: 'thời hạn giải quyết',
  days: 'số ngày',
  unit: 'loại ngày',
  note: 'ghi chú',
  inPersonOnly: 'đánh dấu phải có mặt trực tiếp',
  inPersonReason: 'lý do phải có mặt trực tiếp',
  reclaimOldPapers: 'đánh dấu thu hồi giấy tờ cũ',
  reclaimNote: 'ghi chú thu hồi giấy tờ cũ',
  documents: 'thành phần hồ sơ',
  form: 'hình thức giấy tờ',
  count: 'số lượng',
  required: 'đánh dấu bắt buộc',
  fees: 'lệ phí',
  category: 'loại lệ phí',
  label: 'diễn giải',
  amount: 'số tiền',
  source: 'nguồn',
};

const TYPE_LABELS: Readonly<Record<string, string>> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  boolean: 'giá trị đúng/sai',
  array: 'danh sách',
  object: 'đối tượng',
};

function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  // Null and undefined have no keys; a JSON number, string or boolean has none of the schema's keys.
  for (const key of path) cur = (cur as Record<PropertyKey, unknown> | null | undefined)?.[key];
  return cur;
}

function codeOf(value: unknown): string | undefined {
  const code = at(value, ['code']);
  return typeof code === 'string' && code.trim() !== '' ? code : undefined;
}

/** "Thủ tục TP-LLTP-01, giấy tờ 2 (GIAY-KHAI-SINH), số lượng" — where a problem is, for people. */
function describePath(root: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < path.length) {
    const key = path[i];
    const next = path[i + 1];
    // A position follows only the schema's lists: agencies, procedures, documents, fees, aliases.
    if (typeof next === 'number') {
      const item = at(root, path.slice(0, i + 2));
      const code = codeOf(item);
      if (key === 'agencies') parts.push(code ? `Cơ quan ${code}` : `Cơ quan thứ ${next + 1}`);
      else if (key === 'procedures') parts.push(code ? `Thủ tục ${code}` : `Thủ tục thứ ${next + 1}`);
      else if (key === 'documents') parts.push(code ? `giấy tờ ${next + 1} (${code})` : `giấy tờ ${next + 1}`);
      else if (key === 'fees') {
        const label = at(item, ['label']);
        parts.push(typeof label === 'string' && label !== '' ? `dòng lệ phí ${next + 1} («${label}»)` : `dòng lệ phí ${next + 1}`);
      } else parts.push(`từ khóa tìm kiếm thứ ${next + 1}`);
      i += 2;
      continue;
    }
    parts.push(FIELD_LABELS[String(key)] ?? String(key));
    i += 1;
  }
  return parts.length === 0 ? 'Danh mục' : parts.join(', ');
}

function show(value: unknown): string {
  if (typeof value === 'string') return `«${value}»`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'một danh sách';
  return typeof value === 'object' ? 'một đối tượng' : String(value);
}

function describeIssue(root: unknown, issue: z.core.$ZodIssue): CatalogueProblem {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const where = describePath(root, path);
  const value = at(root, path);
  const last = path[path.length - 1];
  const isAmount = last === 'amount' && path.includes('fees');
  let what: string;
  if (isAmount) {
    what = `phải là số nguyên không âm (đồng), nhận được ${show(value)}`;
  } else {
    switch (issue.code) {
      case 'invalid_type':
        what = value === undefined ? 'bị thiếu' : `phải là ${TYPE_LABELS[issue.expected] ?? issue.expected}, nhận được ${show(value)}`;
        break;
      case 'too_small':
        if (issue.origin === 'string') what = 'không được để trống';
        else if (issue.origin === 'array') what = `phải có ít nhất ${String(issue.minimum)} mục`;
        else what = `phải ${issue.inclusive ? 'từ' : 'lớn hơn'} ${String(issue.minimum)} trở lên, nhận được ${show(value)}`;
        break;
      case 'too_big':
        what = `vượt quá giới hạn ${String(issue.maximum)}`;
        break;
      case 'invalid_value':
        what = issue.values.length === 1
          ? `phải là ${show(issue.values[0])}, nhận được ${show(value)}`
          : `phải là một trong: ${issue.values.map((v) => show(v)).join(', ')}; nhận được ${show(value)}`;
        break;
      case 'invalid_format':
        // The schema's three patterns: the commune code, the province code, the fee category.
        if (last === 'communeCode') what = `phải gồm đúng 5 chữ số, nhận được ${show(value)}`;
        else if (last === 'provinceCode') what = `phải gồm đúng 2 chữ số, nhận được ${show(value)}`;
        else what = `chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, nhận được ${show(value)}`;
        break;
      case 'unrecognized_keys':
        what = `có trường không được phép: ${issue.keys.join(', ')}`;
        break;
      default:
        what = 'không hợp lệ';
    }
  }
  return { code: isAmount ? 'CATALOGUE_BAD_FEE' : 'CATALOGUE_SCHEMA', message: `${where}: ${what}.`, path };
}

/** Returns a deep copy with every string (keys included) in Unicode NFC. */
function toNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(toNfc);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.normalize('NFC')] = toNfc(v);
    return out;
  }
  return value;
}

function crossCheck(c: Catalogue, options: CatalogueCheckOptions): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const add = (code: CatalogueProblemCode, message: string, path: (string | number)[]): void => {
    problems.push({ code, message, path });
  };

  const agencyCodes = new Set<string>();
  c.agencies.forEach((a, i) => {
    if (agencyCodes.has(a.code)) {
      add('CATALOGUE_DUPLICATE_AGENCY', `Mã cơ quan «${a.code}» bị trùng (cơ quan thứ ${i + 1}, «${a.name}»). Mỗi cơ quan phải có một mã riêng.`, ['agencies', i, 'code']);
    }
    agencyCodes.add(a.code);
    if (a.level === 'commune' && a.communeCode === undefined) {
      add('CATALOGUE_COMMUNE_CODE', `Cơ quan ${a.code} («${a.name}») là cơ quan cấp xã nhưng chưa có mã xã/phường (5 chữ số).`, ['agencies', i, 'communeCode']);
    }
    if (a.communeCode !== undefined && options.communeCodes !== undefined && !options.communeCodes.has(a.communeCode)) {
      add('CATALOGUE_UNKNOWN_COMMUNE', `Cơ quan ${a.code} («${a.name}») ghi mã xã/phường «${a.communeCode}» nhưng mã này không có trong danh mục đơn vị hành chính hiện hành của tỉnh ${c.province.name}.`, ['agencies', i, 'communeCode']);
    }
  });

  const procedureCodes = new Set<string>();
  c.procedures.forEach((p, i) => {
    const who = `Thủ tục ${p.code} («${p.name}»)`;
    if (procedureCodes.has(p.code)) {
      add('CATALOGUE_DUPLICATE_PROCEDURE', `Mã thủ tục «${p.code}» bị trùng (thủ tục thứ ${i + 1}, «${p.name}»). Mỗi thủ tục phải có một mã riêng.`, ['procedures', i, 'code']);
    }
    procedureCodes.add(p.code);
    if (!agencyCodes.has(p.agencyCode)) {
      add('CATALOGUE_UNKNOWN_AGENCY', `${who} ghi mã cơ quan «${p.agencyCode}» nhưng danh mục không có cơ quan nào mang mã này.`, ['procedures', i, 'agencyCode']);
    }
    if (p.documents.length === 0) {
      add('CATALOGUE_NO_DOCUMENT', `${who} chưa có thành phần hồ sơ nào; cần ít nhất một giấy tờ.`, ['procedures', i, 'documents']);
    }
    const docCodes = new Set<string>();
    p.documents.forEach((d, j) => {
      if (docCodes.has(d.code)) {
        add('CATALOGUE_DUPLICATE_DOCUMENT', `${who}: mã giấy tờ «${d.code}» bị trùng trong thành phần hồ sơ.`, ['procedures', i, 'documents', j, 'code']);
      }
      docCodes.add(d.code);
    });
    if (p.fees.length === 0) {
      add('CATALOGUE_NO_FEE', `${who} chưa có dòng lệ phí nào; thủ tục miễn phí vẫn phải ghi một dòng 0 đồng.`, ['procedures', i, 'fees']);
    } else if (!p.fees.some((f) => f.category === STANDARD_FEE_CATEGORY)) {
      add('CATALOGUE_NO_STANDARD_FEE', `${who} chưa có dòng lệ phí loại «${STANDARD_FEE_CATEGORY}» (mức thu thông thường, không giảm).`, ['procedures', i, 'fees']);
    }
    const feeCategories = new Set<string>();
    p.fees.forEach((f, j) => {
      if (feeCategories.has(f.category)) {
        add('CATALOGUE_DUPLICATE_FEE', `${who}: loại lệ phí «${f.category}» xuất hiện nhiều lần.`, ['procedures', i, 'fees', j, 'category']);
      }
      feeCategories.add(f.category);
    });
    if (p.inPersonOnly && p.inPersonReason === undefined) {
      add('CATALOGUE_IN_PERSON_REASON', `${who} được đánh dấu phải có mặt trực tiếp nhưng chưa ghi lý do để giải thích cho người dân.`, ['procedures', i, 'inPersonReason']);
    }
    if (p.reclaimOldPapers && p.reclaimNote === undefined) {
      add('CATALOGUE_RECLAIM_NOTE', `${who} được đánh dấu thu hồi giấy tờ cũ nhưng chưa ghi giấy tờ nào cần thu hồi.`, ['procedures', i, 'reclaimNote']);
    }
  });
  return problems;
}

/**
 * Every problem of a catalogue document, in Vietnamese. Shape problems are reported first; the
 * cross-checks run only on a document whose shape is valid.
 */
export function listCatalogueProblems(json: unknown, options: CatalogueCheckOptions = {}): { catalogue?: Catalogue; problems: CatalogueProblem[] } {
  const input = toNfc(json);
  const parsed = CatalogueSchema.safeParse(input);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => describeIssue(input, issue)) };
  }
  const problems = crossCheck(parsed.data, options);
  return problems.length === 0 ? { catalogue: parsed.data, problems } : { problems };
}

/** How many problems one message lists before it says "và N lỗi khác". */
const MAX_LISTED = 5;

/**
 * Validates a catalogue document (sample or from the province). Strings are normalised to NFC.
 * Pass `communeCodes` (from the administrative-units reference data) to check agencies' communes too.
 * On failure the code is that of the first problem and the message lists the first few problems.
 */
export function validateCatalogue(json: unknown, options: CatalogueCheckOptions = {}): Check<Catalogue> {
  const { catalogue, problems } = listCatalogueProblems(json, options);
  // A catalogue comes back only without problems; without one there is at least one problem.
  if (catalogue !== undefined) return ok(catalogue);
  const first = problems[0]!;
  const listed = problems.slice(0, MAX_LISTED).map((p) => p.message).join(' ');
  const more = problems.length > MAX_LISTED ? ` … và ${problems.length - MAX_LISTED} lỗi khác.` : '';
  return fail(first.code, `Danh mục thủ tục không hợp lệ (${problems.length} lỗi): ${listed}${more}`);
}
