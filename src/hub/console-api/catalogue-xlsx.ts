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

interface Read {
  rows: { row: number; values: Record<string, unknown> }[];
  where: (row: number, key: string) => string;
}

function readSheet(wb: ExcelJS.Workbook, def: { name: string; cols: Col[] }, problems: SheetProblem[]): Read | null {
  const ws = wb.getWorksheet(def.name);
  if (!ws) {
    problems.push({ sheet: def.name, row: 0, column: '', message: `Thiếu trang "${def.name}" (xem tệp mẫu).` });
    return null;
  }
  const header = ws.getRow(1);
  const at = new Map<string, number>();
  header.eachCell((cell, n) => {
    const h = cellText(cell.value).trim().normalize('NFC');
    const c = def.cols.find((x) => x.header === h);
    if (c) at.set(c.key, n);
  });
  let missing = false;
  for (const c of def.cols) {
    if (!at.has(c.key)) {
      problems.push({ sheet: def.name, row: 1, column: '', message: `Thiếu cột "${c.header}" ở dòng tiêu đề.` });
      missing = true;
    }
  }
  if (missing) return null;
  const where = (_row: number, key: string) => {
    const c = def.cols.find((x) => x.key === key)!;
    return `${colLetter(at.get(key)!)} (${c.header})`;
  };
  const rows: Read['rows'] = [];
  const last = ws.actualRowCount > 0 ? ws.rowCount : 0;
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    const raw = def.cols.map((c) => cellText(row.getCell(at.get(c.key)!).value).trim().normalize('NFC'));
    if (raw.every((x) => x === '')) continue;
    const values: Record<string, unknown> = {};
    def.cols.forEach((c, i) => {
      const s = raw[i]!;
      const bad = (m: string) => problems.push({ sheet: def.name, row: r, column: where(r, c.key), message: m });
      switch (c.kind) {
        case 'text':
          if (!s) bad('Ô này không được để trống.');
          values[c.key] = s;
          break;
        case 'optText':
          if (s) values[c.key] = s;
          break;
        case 'int': {
          const n = Number(s.replace(/[.\s]/g, ''));
          if (!s) bad('Ô này không được để trống.');
          else if (!Number.isInteger(n) || n < 0) bad(`"${s}" không phải một số nguyên không âm.`);
          values[c.key] = n;
          break;
        }
        case 'bool': {
          const l = s.toLowerCase();
          if (YES.has(l)) values[c.key] = true;
          else if (NO.has(l)) values[c.key] = false;
          else bad(`"${s}" phải là "có" hoặc "không".`);
          break;
        }
        case 'list':
          values[c.key] = s
            .split(';')
            .map((x) => x.trim())
            .filter(Boolean);
          break;
        case 'unit': {
          const u = UNIT_IN[s.toLowerCase()];
          if (!u) bad(`"${s}" phải là "làm việc" hoặc "lịch".`);
          values[c.key] = u;
          break;
        }
        case 'form': {
          const f = DOCUMENT_FORMS.find((k) => DOCUMENT_FORM_LABELS[k].toLowerCase() === s.toLowerCase() || k === s);
          if (!f) bad(`"${s}" phải là một trong: ${DOCUMENT_FORMS.map((k) => DOCUMENT_FORM_LABELS[k]).join('; ')}.`);
          values[c.key] = f;
          break;
        }
      }
    });
    rows.push({ row: r, values });
  }
  return { rows, where };
}

/**
 * Reads a workbook into a catalogue built on `base` (its agencies, province, notes). Returns the
 * catalogue, or every problem found (cell by cell, then the catalogue's own checks mapped back to
 * the rows they came from).
 */
export async function readCatalogueXlsx(data: Buffer | Uint8Array, base: Catalogue, version: string): Promise<{ catalogue?: Catalogue; problems: SheetProblem[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { problems: [{ sheet: '', row: 0, column: '', message: 'Tệp không phải bảng tính XLSX đọc được.' }] };
  }
  const problems: SheetProblem[] = [];
  const P = readSheet(wb, SHEETS.procedures, problems);
  const D = readSheet(wb, SHEETS.documents, problems);
  const F = readSheet(wb, SHEETS.fees, problems);
  if (!P || !D || !F) return { problems };

  const procRow = new Map<string, number>();
  const procs: Procedure[] = [];
  const agencies = new Set(base.agencies.map((a) => a.code));
  for (const { row, values: v } of P.rows) {
    const code = v.code as string;
    if (code && procRow.has(code)) {
      problems.push({ sheet: SHEETS.procedures.name, row, column: P.where(row, 'code'), message: `Mã thủ tục ${code} trùng với dòng ${procRow.get(code)}.` });
      continue;
    }
    if (v.agencyCode && !agencies.has(v.agencyCode as string)) {
      problems.push({ sheet: SHEETS.procedures.name, row, column: P.where(row, 'agencyCode'), message: `Không có cơ quan mã ${v.agencyCode as string} trong danh sách cơ quan của tỉnh.` });
    }
    if (v.days === 0) problems.push({ sheet: SHEETS.procedures.name, row, column: P.where(row, 'days'), message: 'Số ngày giải quyết phải lớn hơn 0.' });
    procRow.set(code, row);
    procs.push({
      code,
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
    });
  }
  const byCode = new Map(procs.map((p) => [p.code, p]));
  const docRow = new Map<string, number>();
  for (const { row, values: v } of D.rows) {
    const p = byCode.get(v.procedure as string);
    if (!p) {
      if (v.procedure) problems.push({ sheet: SHEETS.documents.name, row, column: D.where(row, 'procedure'), message: `Không có thủ tục mã ${v.procedure as string} ở trang ${SHEETS.procedures.name}.` });
      continue;
    }
    if (v.count === 0) problems.push({ sheet: SHEETS.documents.name, row, column: D.where(row, 'count'), message: 'Số lượng phải từ 1 trở lên.' });
    docRow.set(`${p.code}\u0000${p.documents.length}`, row);
    p.documents.push({ code: v.code as string, name: v.name as string, form: v.form as DocumentForm, count: v.count as number, required: v.required as boolean, ...(v.note ? { note: v.note as string } : {}) });
  }
  const feeRow = new Map<string, number>();
  for (const { row, values: v } of F.rows) {
    const p = byCode.get(v.procedure as string);
    if (!p) {
      if (v.procedure) problems.push({ sheet: SHEETS.fees.name, row, column: F.where(row, 'procedure'), message: `Không có thủ tục mã ${v.procedure as string} ở trang ${SHEETS.procedures.name}.` });
      continue;
    }
    feeRow.set(`${p.code}\u0000${p.fees.length}`, row);
    p.fees.push({ category: v.category as string, label: v.label as string, amount: v.amount as number });
  }
  if (problems.length > 0) return { problems };

  const doc: Catalogue = { ...base, version, procedures: procs };
  const checked = listCatalogueProblems(doc);
  for (const p of checked.problems) {
    const [top, i, sub, j, field] = p.path;
    if (top !== 'procedures' || typeof i !== 'number') {
      problems.push({ sheet: SHEETS.procedures.name, row: 0, column: '', message: p.message });
      continue;
    }
    const proc = procs[i]!;
    if (sub === 'documents' && typeof j === 'number') {
      const row = docRow.get(`${proc.code}\u0000${j}`) ?? 0;
      problems.push({ sheet: SHEETS.documents.name, row, column: typeof field === 'string' && SHEETS.documents.cols.some((c) => c.key === field) ? D.where(row, field) : '', message: p.message });
    } else if (sub === 'fees' && typeof j === 'number') {
      const row = feeRow.get(`${proc.code}\u0000${j}`) ?? 0;
      problems.push({ sheet: SHEETS.fees.name, row, column: typeof field === 'string' && SHEETS.fees.cols.some((c) => c.key === field) ? F.where(row, field) : '', message: p.message });
    } else {
      const row = procRow.get(proc.code) ?? 0;
      const key = sub === 'processing' ? (j === 'unit' ? 'unit' : j === 'note' ? 'processingNote' : 'days') : typeof sub === 'string' ? sub : '';
      problems.push({ sheet: SHEETS.procedures.name, row, column: SHEETS.procedures.cols.some((c) => c.key === key) ? P.where(row, key) : '', message: p.message });
    }
  }
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
