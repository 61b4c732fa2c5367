/**
 * The use cases that commit and then print (services/receipts.ts), through the composition root
 * (createCounter) and the one registry, on a real store and the real durable print queue writing to
 * a file printer: the work is committed first, the receipts are queued after it, and a print problem
 * is reported without undoing anything.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AcceptDossierInput } from '../../../src/shared/schemas';
import { fastSchema } from '../../../src/shared/fast-parse';
import type { Counter } from '../../../src/main/counter';
import { createCounter } from '../../../src/main/counter';
import type { Session } from '../../../src/main/ipc/registry';
import type { PrintPort } from '../../../src/main/printing/port';
import { filePrinterOutput } from '../../../src/main/printing/start';
import { createReceiptUseCases } from '../../../src/main/services/receipts';
import type { Actor } from '../../../src/main/services/context';
import { lltpInput, tempDir, testClock } from '../../helpers/app';
import { readFileSync, writeFileSync } from 'node:fs';
import { hashPassword } from '../../../src/main/services/auth';
import { bitsToPng, decodeReceipt, stackRasters } from '../../helpers/escpos-decoder';

let tmp: ReturnType<typeof tempDir>;
let counter: Counter;
let session: Session;
let clerk: Actor;

beforeEach(() => {
  tmp = tempDir();
  counter = createCounter({ dataDir: tmp.dir, clock: testClock(), printing: { startOn: 'file' } });
  counter.app.db.prepare("INSERT INTO clerks (id, username, full_name, role, must_change_password, created_at) VALUES ('clerk-1', 'lan', 'Lò Thị Lan', 'clerk', 0, 0)").run();
  session = counter.newSession();
  session.clerk = { id: 'clerk-1', username: 'lan', fullName: 'Lò Thị Lan', role: 'clerk' };
  clerk = { clerkId: 'clerk-1', counterId: counter.counter.id, role: 'clerk' };
});
afterEach(async () => {
  await counter.close();
  tmp.cleanup();
});

function jobs(): { kind: string; ref: string | null; title: string; doc: string }[] {
  return counter.app.db.prepare('SELECT kind, ref, title, doc FROM print_jobs ORDER BY seq').all() as { kind: string; ref: string | null; title: string; doc: string }[];
}

/** Accepted, filed and back from the agency (a licence exchange whose fee is paid at handover). */
function resultOnShelf(): { dossierId: string; itemNumber: string } {
  const s = counter.app.services;
  const r = s.intake.accept(
    lltpInput({
      procedureCode: 'GT-GPLX-01',
      feeAmount: 135000,
      feeCollectedNow: false,
      returnMethod: 'pickup',
      returnAddress: null,
      documents: [{ name: 'Giấy phép lái xe cũ', form: 'original', requiredCount: 1, providedCount: 1, required: true }],
    }),
    clerk,
  );
  const batch = s.dispatch.createBatch({ agencyCode: 'CA-CSGT', dossierIds: [r.dossierId] }, clerk);
  s.dispatch.recordFiling({ batchId: batch.id, filedAt: counter.app.ctx.clock.now(), receivingOfficer: 'Đèo Văn Sơn' }, clerk);
  s.results.collect({ itemNumber: r.itemNumber }, clerk);
  return r;
}

describe('accept and print', () => {
  it('commits the dossier, then queues its intake receipt and the fee receipt of the fee paid now', async () => {
    const res = await counter.registry.invoke('intake.accept', lltpInput(), session);
    expect(res.ok).toBe(true);
    const out = (res as { ok: true; value: { dossierId: string; itemNumber: string; view: { state: string }; print: unknown } }).value;
    expect(out.view.state).toBe('accepted');
    expect(out.print).toMatchObject({ queued: true, message: 'Đã xếp hàng in' });
    const queued = jobs();
    expect(queued.map((j) => [j.kind, j.ref])).toEqual([
      ['intake_receipt', out.itemNumber],
      ['fee_receipt', out.itemNumber],
    ]);
    // The fee receipt is numbered from the ledger entry it records, paid in cash (the drawer opens).
    const ledgerId = (counter.app.db.prepare("SELECT id FROM ledger WHERE dossier_id = ? AND kind = 'agency_fee'").get(out.dossierId) as { id: number }).id;
    expect(queued[1]!.title).toBe(`Biên lai ${counter.counter.id}-${String(ledgerId).padStart(7, '0')}`);
    expect(JSON.parse(queued[1]!.doc)).toMatchObject({ drawer: true });
    expect(queued[1]!.doc).toContain('Tiền mặt');
  });

  it('parses the input once on the way from the screen: at the IPC boundary, not again in the use case', async () => {
    // Both parse with the schema's compiled fast path (fast-parse.ts), one object per schema.
    const parse = vi.spyOn(fastSchema(AcceptDossierInput), 'safeParse');
    try {
      const review = await counter.registry.invoke('display.review', lltpInput(), session);
      expect(review.ok).toBe(true);
      expect(parse).toHaveBeenCalledTimes(1);
      const res = await counter.registry.invoke('intake.accept', lltpInput(), session);
      expect(res.ok).toBe(true);
      expect(parse).toHaveBeenCalledTimes(2);
      // Called directly (not through the registry), the use case still checks its input itself.
      counter.app.services.intake.accept(lltpInput(), clerk);
      expect(parse).toHaveBeenCalledTimes(3);
      const refused = () => counter.app.services.intake.accept({ ...lltpInput(), feeAmount: -1 }, clerk);
      expect(refused).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error);
    } finally {
      parse.mockRestore();
    }
  });

  it('queues no fee receipt when the fee was not collected now', async () => {
    const res = await counter.registry.invoke('intake.accept', lltpInput({ feeCollectedNow: false }), session);
    expect(res.ok).toBe(true);
    expect(jobs().map((j) => j.kind)).toEqual(['intake_receipt']);
  });

  it('a printer that fails keeps the dossier and says so in the answer', async () => {
    const broken: PrintPort = {
      enqueue: () => {
        throw new Error('Máy in mất kết nối.');
      },
      state: () => ({ state: 'error', label: 'Mất kết nối máy in' }),
    };
    const receipts = createReceiptUseCases(counter.app.services, broken);
    const out = await receipts.acceptAndPrint(lltpInput(), clerk);
    expect(out.print).toEqual({ queued: false, jobId: null, message: 'Hồ sơ đã lưu nhưng chưa xếp hàng in được: Máy in mất kết nối.' });
    expect(counter.app.services.lookup.get(out.dossierId).state).toBe('accepted');
    expect(jobs()).toEqual([]);
  });
});

describe('a copy where the original is required (issue #16 defect 2) on paper', () => {
  const texts = (doc: string) => (JSON.parse(doc) as { blocks: { t: string; text?: string }[] }).blocks.filter((b) => b.t === 'text').map((b) => b.text ?? '');
  const gplx = () =>
    lltpInput({
      procedureCode: 'GT-GPLX-01',
      documents: [
        { code: '1', name: 'Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)', form: 'original', requiredCount: 1, providedCount: 1, providedForm: 'original', required: true },
        { code: '2', name: 'Giấy phép lái xe cũ', form: 'original', requiredCount: 1, providedCount: 1, providedForm: 'copy', required: true },
      ],
      feeAmount: 135000,
      feeCategory: 'standard',
    });

  it('the intake receipt warns that the dossier lacks the original, under the papers handed in', async () => {
    const res = await counter.registry.invoke('intake.accept', gplx(), session);
    expect(res).toMatchObject({ ok: true, value: { view: { complete: false } } });
    const receipt = texts(jobs().find((j) => j.kind === 'intake_receipt')!.doc);
    const at = receipt.indexOf('Hồ sơ còn thiếu, cần bổ sung:');
    expect(at).toBeGreaterThan(0);
    expect(receipt[at + 1]).toBe('- Giấy phép lái xe cũ (cần bản chính, đã nộp bản sao)');
  });

  it('a complete dossier’s receipt has no such warning', async () => {
    const input = gplx();
    input.documents[1]!.providedForm = 'original';
    await counter.registry.invoke('intake.accept', input, session);
    expect(texts(jobs().find((j) => j.kind === 'intake_receipt')!.doc).filter((t) => /còn thiếu/i.test(t))).toEqual([]);
  });

  it('the list of papers to bring names the original that was handed in as a copy', async () => {
    const res = await counter.registry.invoke('intake.accept', gplx(), session);
    expect(res).toMatchObject({ ok: true });
    const { dossierId } = (res as { value: { dossierId: string } }).value;
    const printed = await counter.registry.invoke('print.document', { kind: 'missing_documents', id: dossierId }, session);
    expect(printed).toMatchObject({ ok: true });
    const list = texts(jobs().find((j) => j.kind === 'missing_documents')!.doc);
    expect(list).toContain('1. Giấy phép lái xe cũ — 1 bản chính');
    expect(list).toContain('Đã nộp bản sao; cần bản chính.');
  });
});

describe('hand over and print', () => {
  // Issue #16 defect 5: the proxy slip printed "Người nhận: Quàng Thị Lả / Nhận thay (ủy quyền): Quàng Thị Lả".
  it('a proxy handover slip names the owner, the person who collects, their ID and the authorisation', async () => {
    const { dossierId } = resultOnShelf();
    const res = await counter.registry.invoke(
      'handover.handOver',
      { dossierId, recipient: { fullName: 'Quàng Thị Lả', idKind: 'cccd', idNumber: '014190007788' }, byProxy: true, authorisationRef: 'GUQ số 15/2026 ngày 01/12/2026', reclaimed: ['Giấy phép lái xe cũ'], feeDueCollected: 135000 },
      session,
    );
    expect(res).toMatchObject({ ok: true });
    const printed = await counter.registry.invoke('print.document', { kind: 'handover_slip', id: dossierId }, session);
    expect(printed).toMatchObject({ ok: true });
    const slip = jobs().find((j) => j.kind === 'handover_slip')!;
    const kv = (JSON.parse(slip.doc) as { blocks: { t: string; label?: string; value?: string; left?: string; leftName?: string }[] }).blocks;
    const value = (label: string) => kv.find((b) => b.t === 'kv' && b.label === label)?.value;
    expect(value('Chủ hồ sơ')).toBe('Lò Văn Pình');
    expect(value('Người nhận thay')).toBe('Quàng Thị Lả');
    expect(value('Giấy tờ tùy thân')).toBe('CCCD 0141****7788');
    expect(value('Giấy ủy quyền')).toBe('GUQ số 15/2026 ngày 01/12/2026');
    expect(value('Nhận thay (ủy quyền)')).toBeUndefined();
    expect(kv.find((b) => b.t === 'signatures')).toMatchObject({ left: 'Người nhận thay', leftName: 'Quàng Thị Lả' });
  });

  it('hands the result over, then queues the fee receipt of the fee collected at handover', async () => {
    const { dossierId, itemNumber } = resultOnShelf();
    const res = await counter.registry.invoke(
      'handover.handOver',
      { dossierId, recipient: { fullName: 'Lò Văn Pình', idKind: 'cccd', idNumber: '014085001234' }, byProxy: false, reclaimed: ['Giấy phép lái xe cũ'], feeDueCollected: 135000 },
      session,
    );
    expect(res).toMatchObject({ ok: true, value: { state: 'handed_over' } });
    const queued = jobs().filter((j) => j.kind === 'fee_receipt');
    expect(queued.map((j) => j.ref)).toEqual([itemNumber]);
    expect(queued[0]!.doc).toContain('Phí, lệ phí thu khi trả kết quả');
  });

  it('queues nothing when no fee was due (it was paid at intake)', async () => {
    const s = counter.app.services;
    const paid = s.intake.accept(lltpInput({ returnMethod: 'pickup', returnAddress: null }), clerk);
    const batch = s.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [paid.dossierId] }, clerk);
    s.dispatch.recordFiling({ batchId: batch.id, filedAt: counter.app.ctx.clock.now(), receivingOfficer: 'B' }, clerk);
    s.results.collect({ itemNumber: paid.itemNumber }, clerk);
    const res = await counter.registry.invoke('handover.handOver', { dossierId: paid.dossierId, recipient: { fullName: 'Lò Văn Pình', idKind: 'cccd', idNumber: '014085001234' }, byProxy: false, feeDueCollected: 0 }, session);
    expect(res).toMatchObject({ ok: true, value: { state: 'handed_over' } });
    expect(jobs()).toEqual([]);
  });
});

describe('a counter without a printer', () => {
  it('accepts and says that nothing was printed', async () => {
    await counter.close();
    counter = createCounter({ dataDir: tmp.dir, clock: testClock() });
    const res = await counter.registry.invoke('intake.accept', lltpInput(), session);
    expect(res).toMatchObject({ ok: true, value: { view: { state: 'accepted' }, print: { queued: false, message: 'Chưa cấu hình máy in: chưa in được. Hồ sơ đã được lưu.' } } });
    expect(await counter.registry.invoke('print.jobs', {}, session)).toEqual({ ok: true, value: [] });
  });
});

describe('fee receipt cancelled and reissued (biên lai hủy, cấp lại)', () => {
  const text = (doc: string) =>
    (JSON.parse(doc) as { blocks: Record<string, unknown>[] }).blocks.map((b) => ['text', 'label', 'value'].map((k) => b[k]).filter((x) => typeof x === 'string').join(' ')).join('\n');
  const db = () => counter.app.db;
  const receipts = () => db().prepare('SELECT number, cancelled_at IS NOT NULL AS cancelled, cancel_reason, replaces_number, ledger_id, amount FROM fee_receipts ORDER BY number').all();

  it('keeps the cancelled number marked HỦY, takes the next number for the same payment, needs the manager, audits, moves no money; the prints decode', async () => {
    db().prepare("INSERT INTO clerks (id, username, full_name, role, must_change_password, created_at, password_hash) VALUES ('m-1', 'mai', 'Cầm Thị Mai', 'manager', 0, 0, ?)").run(await hashPassword('Mai@2026-quay'));
    const first = await counter.registry.invoke('intake.accept', lltpInput(), session);
    const second = await counter.registry.invoke('intake.accept', lltpInput(), session);
    expect(first.ok && second.ok).toBe(true);
    const dossierId = (first as { ok: true; value: { dossierId: string } }).value.dossierId;
    const series = counter.counter.id;
    const ledgerBefore = db().prepare('SELECT id, kind, amount, payment_method FROM ledger ORDER BY id').all();
    const outboxBefore = (db().prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    const printedBefore = jobs().length;

    // Refusals, each with its code, nothing written: a wrong password, no reason, an unknown number.
    const base = { series, number: 1, reason: 'In hỏng, giấy bị kẹt', managerUsername: 'mai', managerPassword: 'Mai@2026-quay' };
    const refused = async (input: Record<string, unknown>) => {
      const r = await counter.registry.invoke('receipt.reissue', input, session);
      expect(r.ok).toBe(false);
      return (r as { ok: false; error: { code: string } }).error.code;
    };
    expect(await refused({ ...base, managerPassword: 'sai' })).toBe('MANAGER_PASSWORD');
    expect(await refused({ ...base, reason: ' ' })).toBe('invalid_input');
    expect(await refused({ ...base, number: 99 })).toBe('NOT_FOUND');
    expect(receipts()).toEqual([
      { number: 1, cancelled: 0, cancel_reason: null, replaces_number: null, ledger_id: expect.any(Number), amount: 200_000 },
      { number: 2, cancelled: 0, cancel_reason: null, replaces_number: null, ledger_id: expect.any(Number), amount: 200_000 },
    ]);

    const ok = await counter.registry.invoke('receipt.reissue', base, session);
    expect(ok).toMatchObject({ ok: true, value: { cancelled: `${series}-0000001`, issued: `${series}-0000003` } });
    const [r1, , r3] = receipts() as { ledger_id: number }[];
    expect(receipts()).toEqual([
      { number: 1, cancelled: 1, cancel_reason: 'In hỏng, giấy bị kẹt', replaces_number: null, ledger_id: r1!.ledger_id, amount: 200_000 },
      { number: 2, cancelled: 0, cancel_reason: null, replaces_number: null, ledger_id: expect.any(Number), amount: 200_000 },
      { number: 3, cancelled: 0, cancel_reason: null, replaces_number: 1, ledger_id: r1!.ledger_id, amount: 200_000 },
    ]);
    expect(r3!.ledger_id).toBe(r1!.ledger_id);
    // No money moved and nothing goes to the hub: the ledger and the outbox are as they were.
    expect(db().prepare('SELECT id, kind, amount, payment_method FROM ledger ORDER BY id').all()).toEqual(ledgerBefore);
    expect((db().prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(outboxBefore);
    expect(db().prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'receipt.reissue'").all()).toEqual([
      { actor_id: 'clerk-1', detail: expect.stringContaining(`"cancelled":"${series}-0000001","issued":"${series}-0000003"`) },
    ]);
    expect(await refused(base)).toBe('ALREADY_CANCELLED');
    // The next intake takes 4: a number is never reused.
    await counter.registry.invoke('intake.accept', lltpInput(), session);
    expect((db().prepare('SELECT max(number) AS n FROM fee_receipts').get() as { n: number }).n).toBe(4);

    // Two prints: the cancelled one marked HỦY, then the new one naming it; neither opens the drawer.
    const printed = jobs().slice(printedBefore, printedBefore + 2);
    expect(printed.map((j) => [j.kind, j.title])).toEqual([
      ['fee_receipt', `Biên lai ${series}-0000001`],
      ['fee_receipt', `Biên lai ${series}-0000003`],
    ]);
    expect(text(printed[0]!.doc)).toMatch(new RegExp(`Số: ${series}-0000001\n\\*\\*\\* HỦY \\*\\*\\*\nĐã hủy lúc .* Lý do: In hỏng, giấy bị kẹt\nThay bằng biên lai số ${series}-0000003`));
    expect(text(printed[1]!.doc)).toContain(`Thay cho biên lai số ${series}-0000001 (đã hủy)`);
    expect(text(printed[1]!.doc)).not.toContain('HỦY ***');
    expect(printed.map((j) => (JSON.parse(j.doc) as { drawer: boolean }).drawer)).toEqual([false, false]);
    expect(counter.app.services.lookup.feePayments(dossierId).map((p) => [p.number, p.cancelledAt !== null, p.replacedBy, p.replacesNumber])).toEqual([
      [1, true, 3, null],
      [3, false, null, 1],
    ]);

    // The bytes the printer got: one cut per job, nothing undecodable; the HỦY copy as a picture.
    await (counter.printing as unknown as { queue: { drain(): Promise<void> } }).queue.drain();
    const bytes = new Uint8Array(readFileSync(filePrinterOutput(tmp.dir)));
    const decoded = decodeReceipt(bytes);
    expect(decoded.unknown).toBe(0);
    expect(decoded.cuts).toBe((db().prepare("SELECT count(*) AS n FROM print_jobs WHERE state = 'done'").get() as { n: number }).n);
    // The two jobs (cancelled copy, reissue) as pictures, to look at: RECEIPT_PNG=<prefix>. Job i ends at cut i.
    const cutAt = decoded.commands.flatMap((c, i) => (c.op === 'cut' ? [i] : []));
    const jobCmds = (i: number) => decoded.commands.slice((cutAt[i - 1] ?? -1) + 1, cutAt[i]);
    expect(stackRasters(jobCmds(printedBefore)).height).toBeGreaterThan(200);
    if (process.env.RECEIPT_PNG) [0, 1].forEach((k) => writeFileSync(`${process.env.RECEIPT_PNG}-${k}.png`, bitsToPng(stackRasters(jobCmds(printedBefore + k)))));
  });
});
