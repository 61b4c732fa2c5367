/**
 * Issue 15 §3, a citizen's request (Law 91/2025): the manager exports everything held about one ID
 * number, through the registry of a real counter with its A4 output in Chromium; the PDF's text is
 * read back (unpdf) and the JSON parsed; the request and its answer are recorded; refusals write
 * nothing.
 */
import { readFileSync } from 'node:fs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Counter } from '../../../src/main/counter';
import { createCounter } from '../../../src/main/counter';
import type { Session } from '../../../src/main/ipc/registry';
import { htmlToPdf } from '../../../src/main/printing/a4-chromium';
import { openSealedFile } from '../../../src/main/store/sealed-files';
import type { CitizenData } from '../../../src/shared/citizen-data';
import type { CitizenExportResult, CitizenRequestRow } from '../../../src/shared/ipc/contract';
import { CITIZEN, lltpInput, tempDir, testClock } from '../../helpers/app';
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

async function call<T>(name: string, input: unknown, s: Session = clerk): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  return (await counter.registry.invoke(name as never, input as never, s)) as never;
}
async function value<T>(name: string, input: unknown, s: Session = clerk): Promise<T> {
  const r = await call<T>(name, input, s);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const OTHER = { ...CITIZEN, fullName: 'Hà Thị Nguyệt', idNumber: '014190007777', phone: '0988 777 666', address: 'Bản Mòng, xã Hua La' };

describe("a citizen's request for their personal data", () => {
  it('exports every dossier with that ID number (own records only) as JSON and PDF, and records the request and its answer', async () => {
    const own = await value<{ dossierId: string; itemNumber: string }>('intake.accept', lltpInput());
    // The citizen collects for someone else as an authorised proxy: only the proxy record is theirs.
    const asProxy = await value<{ itemNumber: string }>('intake.accept', lltpInput({ sender: OTHER, proxy: { ...CITIZEN, authorisationRef: 'GUQ 12/2026' } }));
    const unrelated = await value<{ itemNumber: string }>('intake.accept', lltpInput({ sender: OTHER }));
    await value('lookup.get', { dossierId: own.dossierId });
    await value('cases.receiveComplaint', { itemNumber: own.itemNumber, complainantName: CITIZEN.fullName, phone: CITIZEN.phone, contact: null, channel: 'counter', kind: 'late', text: 'Chậm.' });

    const out = await value<CitizenExportResult>('citizen.export', { idKind: 'cccd', idNumber: ' 014085001234 ' }, manager);
    expect(out).toMatchObject({ dossiers: 2, cases: 1 });
    expect(out.message).toBe(
      'Đã trả lời yêu cầu của công dân: 2 hồ sơ, 1 khiếu nại/bồi thường. Đã lập bản in (PDF) và bản dữ liệu (JSON): bấm Ctrl+S để lưu bản sao đọc được trao cho công dân (tệp trong thư mục dữ liệu của quầy được mã hoá).',
    );
    expect([out.pdfName, out.jsonName]).toEqual([out.pdfFile!.split('/').pop(), out.jsonFile.split('/').pop()]);
    expect(out.jsonFile).not.toContain(CITIZEN.idNumber); // file names never carry the number

    // Sealed in the data folder (store/sealed-files.ts): the number is not in its bytes.
    expect(readFileSync(out.jsonFile).includes(Buffer.from('014085001234'))).toBe(false);
    const data = JSON.parse(openSealedFile(out.jsonFile, counter.app.storeKey).toString('utf8')) as CitizenData;
    expect(data.subject).toEqual({ idKind: 'cccd', idNumber: '014085001234' });
    expect(data.dossiers.map((d) => d.itemNumber).sort()).toEqual([own.itemNumber, asProxy.itemNumber].sort());
    const mine = data.dossiers.find((d) => d.itemNumber === own.itemNumber)!;
    expect(mine.asParty).toEqual([expect.objectContaining({ role: 'sender', fullName: 'Lò Văn Pình', idNumber: '014085001234', phone: '0912345678', address: 'Tổ 5, phường Tô Hiệu' })]);
    expect(mine.returnAddress).toBe('Tổ 5, phường Tô Hiệu');
    expect(mine.history.map((h) => h.label)).toEqual(['Tiếp nhận hồ sơ tại quầy']);
    const proxied = data.dossiers.find((d) => d.itemNumber === asProxy.itemNumber)!;
    expect(proxied.asParty.map((p) => [p.role, p.authorisationRef])).toEqual([['proxy', 'GUQ 12/2026']]);
    expect(proxied.returnAddress).toBeNull();
    expect(data.cases).toEqual([expect.objectContaining({ kind: 'complaint', itemNumber: own.itemNumber, state: 'Đã tiếp nhận' })]);
    expect(data.accesses.map((a) => a.what)).toContain('Xem hồ sơ có dữ liệu cá nhân');
    // Nobody else's details, nor the unrelated dossier.
    const text = JSON.stringify(data);
    for (const s of [OTHER.fullName, OTHER.idNumber, '0988777666', OTHER.address, unrelated.itemNumber]) expect(text).not.toContain(s);

    const pdf = new Uint8Array(openSealedFile(out.pdfFile!, counter.app.storeKey));
    const t = (await extractText(await getDocumentProxy(pdf), { mergePages: true })).text.normalize('NFC').replace(/\s+/g, ' ');
    for (const s of ['THÔNG TIN CÁ NHÂN ĐANG LƯU GIỮ', 'Căn cước công dân số 014085001234', 'Lò Văn Pình', 'Tổ 5, phường Tô Hiệu', 'Người được ủy quyền', 'GUQ 12/2026', 'Phiếu lý lịch tư pháp', 'Khiếu nại', 'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15']) {
      expect(t).toContain(s);
    }
    expect(t).toMatch(/xoá sau 90 ngày/);
    expect(t).not.toContain(OTHER.fullName);

    // Recorded: the request with the number masked, its answer, and the export as a look at each dossier.
    const requests = await value<CitizenRequestRow[]>('citizen.requests', {}, manager);
    expect(requests).toEqual([expect.objectContaining({ idKind: 'cccd', idMasked: '••••••••1234', requestedBy: 'Quàng Thị Mai', dossiers: 2, cases: 1 })]);
    expect(requests[0]!.answeredAt).toBeGreaterThanOrEqual(requests[0]!.requestedAt);
    const log = counter.app.db.prepare("SELECT action, entity_id, detail FROM audit_log WHERE action IN ('personal_data.export', 'data_request.answer') ORDER BY id").all() as { action: string; entity_id: string; detail: string }[];
    expect(log.map((l) => l.action)).toEqual(['personal_data.export', 'personal_data.export', 'data_request.answer']);
    expect(JSON.stringify(log)).not.toContain('014085001234');
  });

  it('an ID number held nowhere still gets a written answer', async () => {
    const out = await value<CitizenExportResult>('citizen.export', { idKind: 'cccd', idNumber: '001090123456' }, manager);
    expect(out.dossiers).toBe(0);
    expect(out.message).toContain('Quầy không còn giữ hồ sơ nào có số giấy tờ này.');
    expect((JSON.parse(openSealedFile(out.jsonFile, counter.app.storeKey).toString('utf8')) as CitizenData).dossiers).toEqual([]);
  });

  it('refuses a clerk and a malformed number, writing nothing', async () => {
    const count = () => (counter.app.db.prepare('SELECT (SELECT count(*) FROM data_requests) + (SELECT count(*) FROM audit_log) AS n').get() as { n: number }).n;
    const before = count();
    const asClerk = await call('citizen.export', { idKind: 'cccd', idNumber: '014085001234' }, clerk);
    expect(asClerk.ok ? '' : asClerk.error.code).toBe('forbidden');
    const bad = await call('citizen.export', { idKind: 'cccd', idNumber: '01408500123' }, manager);
    expect(bad.ok ? '' : bad.error.code).toBe('cccd.length');
    expect(bad.ok ? '' : bad.error.message).toBe('Số căn cước công dân phải có đúng 12 chữ số; đã nhập 11 chữ số.');
    expect(count()).toBe(before);
  });
});
