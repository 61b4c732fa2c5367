/**
 * The procedure catalogue as the province keeps it: an XLSX workbook in a fixed layout (documented
 * in src/hub/README.md, offered as a template by the console), read into a Catalogue and written back
 * from one (round trip).
 *
 *   thu_tuc            one row per procedure
 *   thanh_phan_ho_so   one row per required document, by procedure code
 *   le_phi             one row per fee category, by procedure code
 *
 * Columns are found by their header text in row 1 (their order does not matter). Agencies are not in
 * the workbook: they come from the catalogue already published (or the shipped sample) and each
 * procedure names one by code. Every problem is reported with its sheet, row and column, in
 * Vietnamese, and nothing is produced when there is any.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  DOCUMENT_FORM_LABELS,
  DOCUMENT_FORMS,
  listCatalogueProblems,
  type Catalogue,
  type DocumentForm,
  type Procedure,
} from '../../shared/catalogue';

export interface SheetProblem {
  sheet: string;
  /** 1-based row of the workbook; 0 for the whole sheet. */
  row: number;
  /** Column letter and header, e.g. "F (Số ngày)"; empty for a whole row or sheet. */
  column: string;
  message: string;
}

type ColKind = 'text' | 'optText' | 'int' | 'bool' | 'list' | 'unit' | 'form';
interface Col {
  key: string;
  header: string;
  kind: ColKind;
  width: number;
}

export const SHEETS = {
  procedures: {
    name: 'thu_tuc',
    cols: [
      { key: 'code', header: 'Mã thủ tục', kind: 'text', width: 16 },
      { key: 'name', header: 'Tên thủ tục', kind: 'text', width: 50 },
      { key: 'field', header: 'Lĩnh vực', kind: 'text', width: 22 },
      { key: 'agencyCode', header: 'Mã cơ quan', kind: 'text', width: 14 },
      { key: 'aliases', header: 'Từ khóa tìm kiếm (cách nhau bởi ;)', kind: 'list', width: 30 },
      { key: 'days', header: 'Số ngày giải quyết', kind: 'int', width: 10 },
      { key: 'unit', header: 'Loại ngày (làm việc / lịch)', kind: 'unit', width: 14 },
      { key: 'processingNote', header: 'Ghi chú thời hạn', kind: 'optText', width: 24 },
      { key: 'inPersonOnly', header: 'Phải có mặt trực tiếp (có / không)', kind: 'bool', width: 12 },
      { key: 'inPersonReason', header: 'Lý do phải có mặt', kind: 'optText', width: 24 },
      { key: 'reclaimOldPapers', header: 'Thu hồi giấy tờ cũ (có / không)', kind: 'bool', width: 12 },
      { key: 'reclaimNote', header: 'Ghi chú thu hồi', kind: 'optText', width: 24 },
      { key: 'verified', header: 'Đã xác minh (có / không)', kind: 'bool', width: 12 },
      { key: 'source', header: 'Nguồn', kind: 'text', width: 20 },
    ] as Col[],
  },
  documents: {
    name: 'thanh_phan_ho_so',
    cols: [
      { key: 'procedure', header: 'Mã thủ tục', kind: 'text', width: 16 },
      { key: 'code', header: 'Mã giấy tờ', kind: 'text', width: 14 },
      { key: 'name', header: 'Tên giấy tờ', kind: 'text', width: 50 },
      { key: 'form', header: 'Hình thức', kind: 'form', width: 24 },
      { key: 'count', header: 'Số lượng', kind: 'int', width: 10 },
      { key: 'required', header: 'Bắt buộc (có / không)', kind: 'bool', width: 12 },
      { key: 'note', header: 'Ghi chú', kind: 'optText', width: 30 },
    ] as Col[],
  },
  fees: {
    name: 'le_phi',
    cols: [
      { key: 'procedure', header: 'Mã thủ tục', kind: 'text', width: 16 },
      { key: 'category', header: 'Loại lệ phí (standard, student…)', kind: 'text', width: 18 },
      { key: 'label', header: 'Diễn giải', kind: 'text', width: 30 },
      { key: 'amount', header: 'Số tiền (đồng)', kind: 'int', width: 14 },
    ] as Col[],
  },
} as const;

const UNIT_IN: Record<string, 'working' | 'calendar'> = { 'làm việc': 'working', 'ngày làm việc': 'working', lịch: 'calendar', 'ngày lịch': 'calendar', ngày: 'calendar' };
const UNIT_OUT = { working: 'làm việc', calendar: 'lịch' } as const;
const YES = new Set(['có', 'co', 'x', 'true', '1']);
const NO = new Set(['không', 'khong', '', 'false', '0']);

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString();
    return '';
  }
  return String(v);
}

const colLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** A sheet as the streaming reader gave it: its header cells and its non-header rows (1-based cell arrays). */
interface RawSheet {
  header: ExcelJS.CellValue[];
  rows: { row: number; cells: ExcelJS.CellValue[] }[];
}

/**
 * Every sheet's rows, read with exceljs's streaming reader: no workbook model, no styles, one pass
 * over the zip. Null when the bytes are not a readable XLSX.
 */
async function readSheets(data: Buffer | Uint8Array): Promise<Map<string, RawSheet> | null> {
  // Not a zip's local file header: refused here (the streaming reader never settles on empty input).
  if (data.length < 30 || data[0] !== 0x50 || data[1] !== 0x4b || data[2] !== 0x03 || data[3] !== 0x04) return null;
  const sheets = new Map<string, RawSheet>();
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(data)]), { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
    for await (const ws of reader) {
      const sheet: RawSheet = { header: [], rows: [] };
      for await (const row of ws) {
        const cells = row.values as ExcelJS.CellValue[];
        if (row.number === 1) sheet.header = cells;
        else sheet.rows.push({ row: row.number, cells });
      }
      sheets.set((ws as unknown as { name: string }).name, sheet);
    }
  } catch {
    return null;
  }
  return sheets;
}

interface Read {
  rows: { row: number; values: Record<string, unknown> }[];
  where: (key: string) => string;
}

/** The value of one cell by its column's kind; a problem (Vietnamese) when it does not fit. */
function cellValue(kind: ColKind, s: string): { value?: unknown; problem?: string } {
  switch (kind) {
    case 'text':
      return s ? { value: s } : { value: s, problem: 'Ô này không được để trống.' };
    case 'optText':
      return s ? { value: s } : {};
    case 'int': {
      const n = Number(s.replace(/[.\s]/g, ''));
      if (!s) return { value: n, problem: 'Ô này không được để trống.' };
      return !Number.isInteger(n) || n < 0 ? { value: n, problem: `"${s}" không phải một số nguyên không âm.` } : { value: n };
    }
    case 'bool': {
      const l = s.toLowerCase();
      if (YES.has(l)) return { value: true };
      return NO.has(l) ? { value: false } : { problem: `"${s}" phải là "có" hoặc "không".` };
    }
    case 'list':
      return {
        value: s
          .split(';')
          .map((x) => x.trim())
          .filter(Boolean),
      };
    case 'unit': {
      const u = UNIT_IN[s.toLowerCase()];
      return u ? { value: u } : { problem: `"${s}" phải là "làm việc" hoặc "lịch".` };
    }
    case 'form': {
      const f = DOCUMENT_FORMS.find((k) => DOCUMENT_FORM_LABELS[k].toLowerCase() === s.toLowerCase() || k === s);
      return f ? { value: f } : { problem: `"${s}" phải là một trong: ${DOCUMENT_FORMS.map((k) => DOCUMENT_FORM_LABELS[k]).join('; ')}.` };
    }
  }
}

/** One sheet's rows as values by column key (columns found by their header), every bad cell a problem. */
function readSheet(sheets: Map<string, RawSheet>, def: { name: string; cols: Col[] }, problems: SheetProblem[]): Read | null {
  const ws = sheets.get(def.name);
  if (!ws) {
    problems.push({ sheet: def.name, row: 0, column: '', message: `Thiếu trang "${def.name}" (xem tệp mẫu).` });
    return null;
  }
  const at = new Map<string, number>();
  ws.header.forEach((v, n) => {
    const c = def.cols.find((x) => x.header === cellText(v).trim().normalize('NFC'));
    if (c) at.set(c.key, n);
  });
  const missing = def.cols.filter((c) => !at.has(c.key));
  for (const c of missing) problems.push({ sheet: def.name, row: 1, column: '', message: `Thiếu cột "${c.header}" ở dòng tiêu đề.` });
  if (missing.length > 0) return null;
  const where = (key: string) => `${colLetter(at.get(key)!)} (${def.cols.find((x) => x.key === key)!.header})`;
  const index = def.cols.map((c) => at.get(c.key)!);
  const rows: Read['rows'] = [];
  for (const { row, cells } of ws.rows) {
    const raw = index.map((n) => cellText(cells[n]).trim().normalize('NFC'));
    if (raw.every((x) => x === '')) continue;
    const values: Record<string, unknown> = {};
    def.cols.forEach((c, i) => {
      const v = cellValue(c.kind, raw[i]!);
      if ('value' in v) values[c.key] = v.value;
      if (v.problem) problems.push({ sheet: def.name, row, column: where(c.key), message: v.problem });
    });
    rows.push({ row, values });
  }
  return { rows, where };
}

type Values = Record<string, unknown>;

/** The sheets whose rows belong to a procedure (by its code): how a row becomes an entry, and its own checks. */
const CHILD_SHEETS = [
  {
    def: SHEETS.documents,
    list: 'documents',
    check: (v: Values) => (v.count === 0 ? { key: 'count', message: 'Số lượng phải từ 1 trở lên.' } : null),
    add: (p: Procedure, v: Values) =>
      p.documents.push({ code: v.code as string, name: v.name as string, form: v.form as DocumentForm, count: v.count as number, required: v.required as boolean, ...(v.note ? { note: v.note as string } : {}) }),
  },
  {
    def: SHEETS.fees,
    list: 'fees',
    check: () => null,
    add: (p: Procedure, v: Values) => p.fees.push({ category: v.category as string, label: v.label as string, amount: v.amount as number }),
  },
] as const;

type ChildList = (typeof CHILD_SHEETS)[number]['list'];

function procedureOf(v: Values): Procedure {
  return {
    code: v.code as string,
    name: v.name as string,
    field: v.field as string,
    agencyCode: v.agencyCode as string,
    aliases: (v.aliases as string[]) ?? [],
    processing: { days: v.days as number, unit: v.unit as 'working' | 'calendar', ...(v.processingNote ? { note: v.processingNote as string } : {}) },
    inPersonOnly: v.inPersonOnly as boolean,
    ...(v.inPersonReason ? { inPersonReason: v.inPersonReason as string } : {}),
    reclaimOldPapers: v.reclaimOldPapers as boolean,
    ...(v.reclaimNote ? { reclaimNote: v.reclaimNote as string } : {}),
    documents: [],
    fees: [],
    verified: v.verified as boolean,
    source: v.source as string,
  };
}

/** Where each entry came from, to map the catalogue's own problems back to rows. */
interface Origins {
  procedures: Map<string, number>;
  children: Record<ChildList, Map<string, number>>;
}
const childKey = (code: string, i: number) => `${code}\u0000${i}`;

function buildProcedures(P: Read, base: Catalogue, problems: SheetProblem[], origins: Origins): Procedure[] {
  const procs: Procedure[] = [];
  const agencies = new Set(base.agencies.map((a) => a.code));
  const sheet = SHEETS.procedures.name;
  for (const { row, values: v } of P.rows) {
    const code = v.code as string;
    if (code && origins.procedures.has(code)) {
      problems.push({ sheet, row, column: P.where('code'), message: `Mã thủ tục ${code} trùng với dòng ${origins.procedures.get(code)}.` });
      continue;
    }
    if (v.agencyCode && !agencies.has(v.agencyCode as string)) {
      problems.push({ sheet, row, column: P.where('agencyCode'), message: `Không có cơ quan mã ${v.agencyCode as string} trong danh sách cơ quan của tỉnh.` });
    }
    if (v.days === 0) problems.push({ sheet, row, column: P.where('days'), message: 'Số ngày giải quyết phải lớn hơn 0.' });
    origins.procedures.set(code, row);
    procs.push(procedureOf(v));
  }
  return procs;
}

/** Attaches every child sheet's rows to their procedures (one loop for documents and fees). */
function attachChildren(read: Map<ChildList, Read>, procs: Procedure[], problems: SheetProblem[], origins: Origins): void {
  const byCode = new Map(procs.map((p) => [p.code, p]));
  for (const child of CHILD_SHEETS) {
    const R = read.get(child.list)!;
    for (const { row, values: v } of R.rows) {
      const p = byCode.get(v.procedure as string);
      if (!p) {
        if (v.procedure) problems.push({ sheet: child.def.name, row, column: R.where('procedure'), message: `Không có thủ tục mã ${v.procedure as string} ở trang ${SHEETS.procedures.name}.` });
        continue;
      }
      const bad = child.check(v);
      if (bad) problems.push({ sheet: child.def.name, row, column: R.where(bad.key), message: bad.message });
      origins.children[child.list].set(childKey(p.code, p[child.list].length), row);
      child.add(p, v);
    }
  }
}

/** The catalogue's own problems (paths into the document) mapped back to sheet, row and column. */
function mapBack(paths: { path: (string | number)[]; message: string }[], procs: Procedure[], P: Read, read: Map<ChildList, Read>, origins: Origins): SheetProblem[] {
  return paths.map((p) => {
    const [top, i, sub, j, field] = p.path;
    if (top !== 'procedures' || typeof i !== 'number') return { sheet: SHEETS.procedures.name, row: 0, column: '', message: p.message };
    const proc = procs[i]!;
    const child = CHILD_SHEETS.find((c) => c.list === sub);
    if (child && typeof j === 'number') {
      const row = origins.children[child.list].get(childKey(proc.code, j)) ?? 0;
      const column = typeof field === 'string' && child.def.cols.some((c) => c.key === field) ? read.get(child.list)!.where(field) : '';
      return { sheet: child.def.name, row, column, message: p.message };
    }
    const row = origins.procedures.get(proc.code) ?? 0;
    const key = sub === 'processing' ? (j === 'unit' ? 'unit' : j === 'note' ? 'processingNote' : 'days') : typeof sub === 'string' ? sub : '';
    return { sheet: SHEETS.procedures.name, row, column: SHEETS.procedures.cols.some((c) => c.key === key) ? P.where(key) : '', message: p.message };
  });
}

/**
 * Reads a workbook into a catalogue built on `base` (its agencies, province, notes). Returns the
 * catalogue, or every problem found (cell by cell, then the catalogue's own checks mapped back to
 * the rows they came from).
 */
export async function readCatalogueXlsx(data: Buffer | Uint8Array, base: Catalogue, version: string): Promise<{ catalogue?: Catalogue; problems: SheetProblem[] }> {
  const sheets = await readSheets(data);
  if (!sheets) return { problems: [{ sheet: '', row: 0, column: '', message: 'Tệp không phải bảng tính XLSX đọc được.' }] };
  const problems: SheetProblem[] = [];
  const P = readSheet(sheets, SHEETS.procedures, problems);
  const read = new Map<ChildList, Read | null>(CHILD_SHEETS.map((c) => [c.list, readSheet(sheets, c.def, problems)]));
  if (!P || [...read.values()].some((r) => !r)) return { problems };
  const children = read as Map<ChildList, Read>;

  const origins: Origins = { procedures: new Map(), children: { documents: new Map(), fees: new Map() } };
  const procs = buildProcedures(P, base, problems, origins);
  attachChildren(children, procs, problems, origins);
  if (problems.length > 0) return { problems };

  const checked = listCatalogueProblems({ ...base, version, procedures: procs });
  problems.push(...mapBack(checked.problems, procs, P, children, origins));
  if (problems.length > 0 || !checked.catalogue) return { problems };
  return { catalogue: checked.catalogue, problems: [] };
}

const yesNo = (b: boolean): string => (b ? 'có' : 'không');

/** The workbook of `catalogue` (or an empty template when null), in the layout readCatalogueXlsx reads. */
export async function writeCatalogueXlsx(catalogue: Catalogue | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Quầy HCC';
  const sheet = (def: { name: string; cols: Col[] }) => {
    const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = def.cols.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const wp = sheet(SHEETS.procedures);
  const wd = sheet(SHEETS.documents);
  const wf = sheet(SHEETS.fees);
  for (const p of catalogue?.procedures ?? []) {
    wp.addRow({
      code: p.code,
      name: p.name,
      field: p.field,
      agencyCode: p.agencyCode,
      aliases: p.aliases.join('; '),
      days: p.processing.days,
      unit: UNIT_OUT[p.processing.unit],
      processingNote: p.processing.note ?? '',
      inPersonOnly: yesNo(p.inPersonOnly),
      inPersonReason: p.inPersonReason ?? '',
      reclaimOldPapers: yesNo(p.reclaimOldPapers),
      reclaimNote: p.reclaimNote ?? '',
      verified: yesNo(p.verified),
      source: p.source,
    });
    for (const d of p.documents) wd.addRow({ procedure: p.code, code: d.code, name: d.name, form: DOCUMENT_FORM_LABELS[d.form], count: d.count, required: yesNo(d.required), note: d.note ?? '' });
    for (const f of p.fees) wf.addRow({ procedure: p.code, category: f.category, label: f.label, amount: f.amount });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Added / changed / removed procedures between two catalogues, by code. */
export function catalogueDiff(before: Catalogue | null, after: Catalogue): { added: string[]; changed: string[]; removed: string[] } {
  const old = new Map((before?.procedures ?? []).map((p) => [p.code, JSON.stringify(p)]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const p of after.procedures) {
    const o = old.get(p.code);
    if (o === undefined) added.push(p.code);
    else if (o !== JSON.stringify(p)) changed.push(p.code);
    old.delete(p.code);
  }
  return { added, changed, removed: [...old.keys()] };
}
