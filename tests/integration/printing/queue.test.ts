import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intakeReceipt, type PrintDocument } from '../../../src/shared/print-model';
import { buildJobBytes } from '../../../src/main/printing/build';
import { parseProfile, type PrinterProfile } from '../../../src/main/printing/profiles';
import { createPrintService, type PrintService } from '../../../src/main/printing/service';
import { openStore, type Db } from '../../../src/main/store/db';
import { decodeReceipt } from '../../helpers/escpos-decoder';
import { FakePrinter } from '../../helpers/fake-printer';
import { intakeModel } from '../../fixtures/printing/samples';

const actor = { clerkId: 'clerk-1', counterId: 'counter-2' };
let dir: string;
let file: string;
let db: Db;
let printer: FakePrinter;
let now: number;
const clock = { now: () => now };
const services: PrintService[] = [];

function profile(over: Partial<{ confirm: boolean }> = {}): PrinterProfile {
  return parseProfile({
    id: 'quay-80',
    name: 'Máy in quầy 2',
    model: 'Fake ESC/POS',
    widthMm: 80,
    dots: 576,
    transport: { kind: 'tcp', host: printer.host, port: printer.port, connectTimeoutMs: 500, statusTimeoutMs: 300, minJobTimeoutMs: 500, minBytesPerSecond: 1_000_000, ...over },
    drawer: false,
  });
}

function service(p = profile()): PrintService {
  const s = createPrintService({ db, clock, profiles: [p], retry: { baseMs: 1000, maxMs: 8000, maxAuto: 3 }, pollMs: 20, statusPollMs: 0, random: () => 0.5, log: () => undefined });
  services.push(s);
  return s;
}

const doc = (item = 'EA123456785VN'): PrintDocument => intakeReceipt({ ...intakeModel, itemNumber: item, trackingUrl: `https://tracuu.example.vn/hs?ma=${item}` });
const bytesOf = (d: PrintDocument): Buffer => Buffer.from(buildJobBytes(d, profile()));
const startsWith = (a: Uint8Array, prefix: Buffer): boolean => Buffer.from(a.subarray(0, Math.min(a.length, prefix.length))).equals(prefix.subarray(0, Math.min(a.length, prefix.length)));
const settle = (ms = 40): Promise<void> => new Promise((r) => setTimeout(r, ms));

function auditActions(jobId: string): string[] {
  return (db.prepare("SELECT action FROM audit_log WHERE entity = 'print_job' AND entity_id = ? ORDER BY id").all(jobId) as { action: string }[]).map((r) => r.action);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qhcc-printq-'));
  file = join(dir, 'store.sqlite');
  db = openStore(file);
  printer = await new FakePrinter().start();
  now = Date.UTC(2026, 2, 10, 7, 35);
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  await printer.close();
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('print queue on the fake printer', () => {
  it('commits the job before answering, prints it once, audits every attempt', async () => {
    const svc = service();
    const { jobId, message } = svc.enqueue(doc(), actor);
    expect(message).toBe('Đã xếp hàng in');
    // Visible from a second connection: it is committed, not just in memory.
    const other = openStore(file);
    expect((other.prepare('SELECT state FROM print_jobs WHERE id = ?').get(jobId) as { state: string }).state).toBe('queued');
    other.close();
    await svc.drain();
    await settle();
    expect(svc.job(jobId).state).toBe('done');
    expect(printer.completeJobs).toHaveLength(1);
    expect(decodeReceipt(printer.completeJobs[0]!.bytes).barcodes).toEqual(['EA123456785VN']);
    const attempts = svc.attempts(jobId);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ outcome: 'confirmed', bytesTotal: bytesOf(doc()).length, bytesConfirmed: bytesOf(doc()).length });
    expect(auditActions(jobId)).toEqual(['print.enqueue', 'print.attempt']);
    const detail = JSON.parse((db.prepare("SELECT detail FROM audit_log WHERE action = 'print.attempt'").get() as { detail: string }).detail) as Record<string, unknown>;
    expect(detail).toMatchObject({ outcome: 'confirmed', state: 'done' });
    expect(svc.printerStatus()[0]).toMatchObject({ state: 'ready', label: 'Sẵn sàng', queued: 0, needsAction: 0 });
  });

  it('prints one job at a time per printer, in order', async () => {
    const svc = service();
    const items = ['EA000000015VN', 'EA000000029VN', 'EA000000032VN', 'EA000000046VN'];
    const ids = items.map((i) => svc.enqueue(doc(i), actor).jobId);
    svc.start();
    for (let k = 0; k < 500 && svc.jobs().some((j) => j.state !== 'done'); k++) await settle(30);
    expect(ids.map((id) => svc.job(id).state)).toEqual(['done', 'done', 'done', 'done']);
    await settle();
    expect(printer.completeJobs.map((j) => decodeReceipt(j.bytes).barcodes[0])).toEqual(items);
    // One connection per job, never two at once.
    expect(new Set(printer.completeJobs.map((j) => j.connection)).size).toBe(4);
  });

  it('retries automatically only while nothing was sent, with backoff, then fails for the clerk to retry', async () => {
    await printer.refuse();
    const svc = service();
    const { jobId } = svc.enqueue(doc(), actor);
    await svc.drain();
    let j = svc.job(jobId);
    expect(j).toMatchObject({ state: 'queued', autoAttempts: 1 });
    expect(svc.printerStatus()[0]!.label).toBe('Mất kết nối máy in');
    await svc.drain(); // not due yet: backoff
    expect(svc.attempts(jobId)).toHaveLength(1);
    now += 1000;
    await svc.drain();
    now += 2000;
    await svc.drain();
    j = svc.job(jobId);
    expect(j).toMatchObject({ state: 'failed', autoAttempts: 3, needsAction: true });
    expect(svc.attempts(jobId).every((a) => a.outcome === 'not_sent' && a.bytesOffered === 0)).toBe(true);
    await printer.accept();
    svc.retry(jobId, actor);
    await svc.drain();
    await settle();
    expect(svc.job(jobId).state).toBe('done');
    expect(printer.completeJobs).toHaveLength(1);
    expect(auditActions(jobId)).toEqual(['print.enqueue', 'print.attempt', 'print.attempt', 'print.attempt', 'print.retry', 'print.attempt']);
  });

  it('paper out and cover open: nothing sent, the status bar says so in Vietnamese, printing resumes after', async () => {
    printer.paperOut = true;
    const svc = service();
    const { jobId } = svc.enqueue(doc(), actor);
    await svc.drain();
    expect(svc.job(jobId).state).toBe('queued');
    expect(svc.printerStatus()[0]).toMatchObject({ state: 'paper_out', label: 'Hết giấy', queued: 1 });
    printer.paperOut = false;
    printer.coverOpen = true;
    expect((await svc.refreshStatus())[0]).toMatchObject({ state: 'cover_open', label: 'Nắp máy in đang mở' });
    printer.coverOpen = false;
    now += 10_000;
    await svc.drain();
    await settle();
    expect(svc.job(jobId).state).toBe('done');
    expect(printer.jobs).toHaveLength(1);
  });

  it('a connection cut mid-job needs attention: never resent blindly; "print again" prints a marked copy', async () => {
    printer.closeAfterBytes = 6000;
    const svc = service();
    const d = doc();
    const { jobId } = svc.enqueue(d, actor);
    await svc.drain();
    expect(svc.job(jobId)).toMatchObject({ state: 'needs_attention', needsAction: true });
    expect(() => svc.retry(jobId, actor)).toThrow(/in một phần/);
    now += 60_000;
    await svc.drain();
    await settle();
    expect(printer.jobs).toHaveLength(1);
    printer.closeAfterBytes = null;
    const copy = svc.reprint(jobId, actor);
    expect(copy.copyNo).toBe(1);
    await svc.drain();
    await settle();
    expect(svc.job(copy.jobId).state).toBe('done');
    expect(svc.job(jobId)).toMatchObject({ resolution: 'reprinted', needsAction: false });
    // What reached the printer: the cut original once, then the marked copy (its own bytes, with the banner).
    const original = bytesOf(d);
    expect(printer.jobs.filter((j) => startsWith(j.bytes, original))).toHaveLength(1);
    const stored = JSON.parse((db.prepare('SELECT doc FROM print_jobs WHERE id = ?').get(copy.jobId) as { doc: string }).doc) as PrintDocument;
    expect(stored.copy).toEqual({ n: 1, at: now });
    expect(Buffer.from(printer.completeJobs[0]!.bytes).equals(bytesOf(stored))).toBe(true);
    expect(decodeReceipt(printer.completeJobs[0]!.bytes).barcodes).toEqual(['EA123456785VN']);
    expect(auditActions(copy.jobId)).toEqual(['print.reprint', 'print.attempt']);
  });

  it('a stalled printer: needs attention; the clerk can mark it printed', async () => {
    printer.stall = true;
    const svc = service();
    const { jobId } = svc.enqueue(doc(), actor);
    await svc.drain();
    expect(svc.job(jobId).state).toBe('needs_attention');
    expect(svc.attempts(jobId)[0]).toMatchObject({ outcome: 'partial', bytesConfirmed: 0 });
    const v = svc.markPrinted(jobId, { clerkId: 'clerk-9', counterId: 'counter-2' });
    expect(v).toMatchObject({ state: 'done', resolution: 'marked_printed', needsAction: false });
    expect(auditActions(jobId)).toEqual(['print.enqueue', 'print.attempt', 'print.mark_printed']);
    expect(() => svc.markPrinted(jobId, actor)).toThrow();
  });

  it('Ctrl+P from history: every repeat is a new numbered copy, the original is never printed twice unmarked', async () => {
    const svc = service();
    const d = doc();
    const { jobId } = svc.enqueue(d, actor);
    await svc.drain();
    const c1 = svc.reprint(jobId, actor);
    now += 60_000;
    const c2 = svc.reprint(c1.jobId, actor); // a copy of a copy counts from the original
    await svc.drain();
    await settle();
    expect([c1.copyNo, c2.copyNo]).toEqual([1, 2]);
    expect(svc.jobs().map((j) => [j.copyNo, j.state])).toEqual([
      [2, 'done'],
      [1, 'done'],
      [0, 'done'],
    ]);
    expect(svc.job(c2.jobId).title).toContain('bản in lại lần 2');
    const original = bytesOf(d);
    expect(printer.completeJobs.filter((j) => Buffer.from(j.bytes).equals(original))).toHaveLength(1);
    expect(printer.completeJobs).toHaveLength(3);
    expect(() => svc.enqueue({ ...d, copy: { n: 5, at: now } }, actor)).toThrow();
  });

  it('a printer that cannot confirm leaves jobs sent-unconfirmed, which the clerk can confirm', async () => {
    const svc = service(profile({ confirm: false }));
    const { jobId } = svc.enqueue(doc(), actor);
    await svc.drain();
    expect(svc.job(jobId).state).toBe('sent_unconfirmed');
    expect(svc.markPrinted(jobId, actor).state).toBe('done');
  });

  it('survives a restart in the middle of a job: the job is left for the clerk, queued jobs still print', async () => {
    printer.stall = true;
    let svc = service(profile());
    const a = svc.enqueue(doc('EA000000015VN'), actor).jobId;
    const b = svc.enqueue(doc('EA000000029VN'), actor).jobId;
    svc.start();
    for (let k = 0; k < 500 && svc.job(a).state !== 'sending'; k++) await settle(10);
    expect(svc.job(a).state).toBe('sending');
    // The process dies: the database goes away under the running send.
    db.close();
    await svc.stop();
    printer.stall = false;
    await printer.close();
    printer = await new FakePrinter().start(printer.port);

    db = openStore(file);
    svc = service(profile());
    expect(svc.start().recovered).toBe(1);
    for (let k = 0; k < 500 && svc.job(b).state !== 'done'; k++) await settle(20);
    expect(svc.job(a)).toMatchObject({ state: 'needs_attention', needsAction: true });
    expect(svc.attempts(a)[0]).toMatchObject({ outcome: 'interrupted' });
    expect(svc.job(b).state).toBe('done');
    expect(auditActions(a)).toContain('print.interrupted');
    // Nothing lost, and the original is not printed again by itself.
    await settle(100);
    expect(printer.completeJobs.map((j) => decodeReceipt(j.bytes).barcodes[0])).toEqual(['EA000000029VN']);
    const copy = svc.reprint(a, actor);
    for (let k = 0; k < 500 && svc.job(copy.jobId).state !== 'done'; k++) await settle(20);
    expect(svc.job(copy.jobId).state).toBe('done');
    expect(svc.printerStatus()[0]!.needsAction).toBe(0);
  });

  it('test page: ruler, letters, barcode, QR and cut', async () => {
    const svc = service();
    const { jobId } = svc.testPage(actor);
    await svc.drain();
    await settle();
    expect(svc.job(jobId).state).toBe('done');
    const r = decodeReceipt(printer.completeJobs[0]!.bytes);
    expect(r.barcodes).toEqual(['EA123456785VN']);
    expect(r.qr).toHaveLength(1);
    expect(r.cuts).toBe(1);
  });
});
