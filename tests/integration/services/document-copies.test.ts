/**
 * Issue 15: a readable copy of a sealed document, through the registry of a real counter (its store
 * encrypted, its A4 in Chromium). The clerk who made a handover record has a copy of it (a look at
 * the data of every citizen in the batch; another clerk is refused it), a manager has the overdue list's spreadsheet and a
 * citizen's JSON answer; a clerk is refused the manager's documents, a name that is not one the
 * counter writes is refused, a document not there is said so; refusals record nothing.
 */
import { extractText } from 'unpdf';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Counter } from '../../../src/main/counter';
import { createCounter } from '../../../src/main/counter';
import type { Session } from '../../../src/main/ipc/registry';
import { htmlToPdf } from '../../../src/main/printing/a4-chromium';
import { isSealed } from '../../../src/main/store/sealed-files';
import type { CitizenExportResult, DocumentCopy, PrintResult } from '../../../src/shared/ipc/contract';
import { CITIZEN, lltpInput, tempDir, testClock } from '../../helpers/app';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedInSession } from '../../helpers/sessions';

let tmp: ReturnType<typeof tempDir>;
let counter: Counter;
let clerk: Session;
let manager: Session;

beforeEach(() => {
  tmp = tempDir();
  counter = createCounter({ dataDir: tmp.dir, clock: testClock(), printing: { startOn: 'file', htmlToPdf: (html) => htmlToPdf(html) } });
  clerk = signedInSession(counter, 'clerk-1', 'Lò Thị Lan', 'clerk');
  manager = signedInSession(counter, 'manager-1', 'Quàng Thị Mai', 'manager');
});
afterEach(async () => {
  await counter.close();
  tmp.cleanup();
});

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } };
const call = async <T>(name: string, input: unknown, s: Session): Promise<Result<T>> => (await counter.registry.invoke(name as never, input as never, s)) as never;
async function value<T>(name: string, input: unknown, s: Session): Promise<T> {
  const r = await call<T>(name, input, s);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const audits = (action: string) => counter.app.db.prepare('SELECT actor_id AS actor, entity, entity_id AS id, detail FROM audit_log WHERE action = ? ORDER BY entity_id').all(action) as { actor: string; entity: string; id: string; detail: string }[];

describe('a readable copy of a sealed document', () => {
  it('the clerk has the handover record she made, readable, recorded as a look at each citizen of the batch', { timeout: 60_000 }, async () => {
    const a = await value<{ dossierId: string; itemNumber: string }>('intake.accept', lltpInput(), clerk);
    const b = await value<{ dossierId: string; itemNumber: string }>('intake.accept', lltpInput({ sender: { ...CITIZEN, fullName: 'Hà Thị Nguyệt', idNumber: '014190007777' } }), clerk);
    const batch = await value<{ id: string }>('dispatch.createBatch', { agencyCode: 'STP', dossierIds: [a.dossierId, b.dossierId] }, clerk);
    const printed = await value<PrintResult>('print.document', { kind: 'handover_record', id: batch.id }, clerk);
    expect(printed.message).toContain('bấm Ctrl+S để lưu bản sao đọc được');
    expect(printed.message).not.toContain(tmp.dir);
    const name = printed.document!;
    expect(name).toMatch(/^bien-ban-giao-nhan-\d{8}-[a-z0-9]{6}\.pdf$/);
    expect(isSealed(readFileSync(join(counter.app.dataDir, 'documents', name)))).toBe(true);

    // Another clerk did not make it: refused, and nothing recorded.
    const other = signedInSession(counter, 'clerk-2', 'Cầm Văn Hùng', 'clerk');
    expect(await call('document.copy', { name }, other)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Bạn không có quyền lưu bản sao biên bản giao nhận do giao dịch viên khác lập: hãy nhờ người lập hoặc trưởng bưu cục.' },
    });
    expect(audits('document.copy')).toEqual([]);
    const copy = await value<DocumentCopy>('document.copy', { name }, clerk);
    expect(copy).toMatchObject({ name, mime: 'application/pdf', title: expect.stringMatching(/^Biên bản giao nhận số \d{8}-[A-Z0-9]{6}$/) });
    const bytes = Buffer.from(copy.base64, 'base64');
    expect(bytes.length).toBe(copy.bytes);
    const text = (await extractText(new Uint8Array(bytes), { mergePages: true })).text.normalize('NFC');
    expect(text).toContain(CITIZEN.fullName);
    expect(text).toContain('Hà Thị Nguyệt');
    expect(audits('personal_data.copy').map((r) => [r.actor, r.entity, r.id, JSON.parse(r.detail)])).toEqual(
      [a.itemNumber, b.itemNumber].sort().map((i) => ['clerk-1', 'item', i, { document: name }]),
    );
    expect(audits('document.copy').map((r) => [r.actor, r.entity, r.id])).toEqual([['clerk-1', 'document', name]]);
  });

  it("a manager has the overdue spreadsheet and a citizen's JSON answer; a clerk is refused them; bad names and missing documents are refused, nothing recorded", { timeout: 60_000 }, async () => {
    const a = await value<{ itemNumber: string }>('intake.accept', lltpInput(), clerk);
    const overdue = await value<{ name: string; rows: number }>('overdue.export', {}, manager);
    const answer = await value<CitizenExportResult>('citizen.export', { idKind: 'cccd', idNumber: CITIZEN.idNumber }, manager);
    expect(answer.message).not.toContain(tmp.dir);

    // Refusals first: none of them records anything.
    expect(await call('document.copy', { name: overdue.name }, clerk)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Bạn không có quyền lưu bản sao danh sách quá hạn.' } });
    expect(await call('document.copy', { name: answer.jsonName }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const name of ['../store.db', '/etc/passwd', 'documents/qua-han-2026-03-02.xlsx', 'Qua-Han.xlsx', 'qua-han-2026-03-02.exe', '']) {
      expect(await call('document.copy', { name }, manager), name).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
    }
    expect(await call('document.copy', { name: 'store.pdf' }, manager)).toMatchObject({ ok: false, error: { code: 'DOCUMENT_UNKNOWN' } });
    expect(await call('document.copy', { name: 'qua-han-2020-01-01.xlsx' }, manager)).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NOT_FOUND' } });
    expect(audits('document.copy')).toEqual([]);
    expect(audits('personal_data.copy')).toEqual([]);

    const sheet = await value<DocumentCopy>('document.copy', { name: overdue.name }, manager);
    expect(sheet.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(sheet.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Quá hạn')).toBeDefined();
    // The overdue list holds no citizen's data: a copy of a document, not a look at anyone's data.
    expect(audits('personal_data.copy')).toEqual([]);

    const json = await value<DocumentCopy>('document.copy', { name: answer.jsonName }, manager);
    expect(JSON.parse(Buffer.from(json.base64, 'base64').toString('utf8'))).toMatchObject({ subject: { idNumber: CITIZEN.idNumber }, dossiers: [{ itemNumber: a.itemNumber }] });
    expect(audits('personal_data.copy').map((r) => [r.actor, r.id])).toEqual([['manager-1', a.itemNumber]]);
    expect(audits('document.copy').map((r) => r.id).sort()).toEqual([answer.jsonName, overdue.name].sort());
  });
});
