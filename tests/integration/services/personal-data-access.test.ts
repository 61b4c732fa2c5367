/**
 * Issue 15 §3, through the composition root and the one registry on a real store and the real print
 * queue writing to a file printer: every look at a citizen's details (a lookup, the dossier view, a
 * scan, a print and a reprint) is in the audit log the manager's viewer lists; and the intake receipt
 * prints the province's notice on personal data, read back from the printer's bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Counter } from '../../../src/main/counter';
import { createCounter } from '../../../src/main/counter';
import type { Session } from '../../../src/main/ipc/registry';
import { buildJobBytes } from '../../../src/main/printing/build';
import { filePrinterOutput } from '../../../src/main/printing/start';
import { DEFAULT_PERSONAL_DATA_POLICY } from '../../../src/shared/personal-data';
import type { PrintDocument } from '../../../src/shared/print-model';
import { decodeReceipt } from '../../helpers/escpos-decoder';
import { lltpInput, tempDir, testClock } from '../../helpers/app';
import { signedInSession } from '../../helpers/sessions';

let tmp: ReturnType<typeof tempDir>;
let counter: Counter;
let clerk: Session;
let manager: Session;

beforeEach(() => {
  tmp = tempDir();
  counter = createCounter({ dataDir: tmp.dir, clock: testClock(), printing: { startOn: 'file' } });
  clerk = signedInSession(counter, 'clerk-1', 'Lò Thị Lan', 'clerk');
  manager = signedInSession(counter, 'manager-1', 'Quàng Thị Mai', 'manager');
});
afterEach(async () => {
  await counter.close();
  tmp.cleanup();
});

async function call<T>(name: string, input: unknown, s: Session = clerk): Promise<T> {
  const r = await counter.registry.invoke(name as never, input as never, s);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

interface AuditRow {
  kind: string;
  actorName: string;
  itemNumber: string | null;
  detail: string;
}

async function looks(kind = 'personal_data.*', itemNumber?: string): Promise<AuditRow[]> {
  return (await call<{ rows: AuditRow[] }>('audit.list', { kind, ...(itemNumber ? { itemNumber } : {}) }, manager)).rows;
}

async function printed(jobs: number): Promise<Uint8Array> {
  const file = filePrinterOutput(tmp.dir);
  for (let i = 0; i < 200; i++) {
    const done = (counter.app.db.prepare("SELECT count(*) AS n FROM print_jobs WHERE state = 'done'").get() as { n: number }).n;
    if (done >= jobs && existsSync(file)) return new Uint8Array(readFileSync(file));
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the file printer did not print');
}

describe('every look at personal data is recorded', () => {
  it('a lookup, the dossier view, a scan, a reprint: who, when, which item; the viewer filters them', async () => {
    const a = await call<{ dossierId: string; itemNumber: string }>('intake.accept', lltpInput());
    const b = await call<{ dossierId: string; itemNumber: string }>('intake.accept', lltpInput({ sender: { ...lltpInput().sender, fullName: 'Lò Văn Pình', idNumber: '014085009876' } }));
    expect(await looks()).toEqual([]); // taking a dossier in is its own audited action

    const found = await call<{ results: { id: string }[] }>('lookup.search', { query: 'lo van pinh' });
    expect(found.results).toHaveLength(2);
    await call('lookup.get', { dossierId: a.dossierId });
    await call('lookup.item', { itemNumber: b.itemNumber });
    const job = (counter.app.db.prepare("SELECT id FROM print_jobs WHERE kind = 'intake_receipt' AND ref = ?").get(a.itemNumber) as { id: string }).id;
    await printed(3);
    await call('print.reprint', { jobId: job });

    const all = await looks();
    const kinds = all.map((r) => [r.kind, r.itemNumber?.replace(/\s/g, '')]).sort();
    expect(kinds).toEqual(
      [
        ['personal_data.lookup', a.itemNumber],
        ['personal_data.lookup', b.itemNumber],
        ['personal_data.print', a.itemNumber],
        ['personal_data.view', a.itemNumber],
        ['personal_data.view', b.itemNumber],
      ].sort(),
    );
    expect(all.every((r) => r.actorName === 'Lò Thị Lan')).toBe(true);
    // How, never what was searched for.
    expect(all.find((r) => r.kind === 'personal_data.lookup')!.detail).toBe('{"by":"name"}');
    expect(all.find((r) => r.kind === 'personal_data.print')!.detail).toContain('"copyNo":1');
    expect(JSON.stringify(all)).not.toMatch(/pinh|Pình|014085/i);

    // The viewer: one item's looks, one kind, and the filter "every look" offered first.
    expect((await looks(undefined, a.itemNumber)).map((r) => r.kind).sort()).toEqual(['personal_data.lookup', 'personal_data.print', 'personal_data.view']);
    expect((await looks('personal_data.view')).map((r) => r.itemNumber?.replace(/\s/g, '')).sort()).toEqual([a.itemNumber, b.itemNumber].sort());
    const list = await call<{ kinds: { kind: string; label: string }[] }>('audit.list', {}, manager);
    expect(list.kinds[0]).toEqual({ kind: 'personal_data.*', label: 'Mọi lần xem dữ liệu cá nhân' });
    expect(list.kinds.map((k) => k.label)).toContain('In phiếu có dữ liệu cá nhân');
  });
});

/** The receipt's rows, as hex strings, to look for a rendered line among them. */
function rowsOf(img: { width: number; height: number; bits: Uint8Array }): string[] {
  const rb = img.width >> 3;
  return Array.from({ length: img.height }, (_, y) => Buffer.from(img.bits.subarray(y * rb, (y + 1) * rb)).toString('hex'));
}

/** The inked rows of `text` rendered alone on the same paper (small type, as the notice prints). */
function rendered(text: string, paper: { dots: number; widthMm: 58 | 80 }, bold = false): string[] {
  const doc: PrintDocument = { kind: 'test_page', title: 't', blocks: [{ t: 'text', text, size: 'small', bold }] };
  const rows = rowsOf(decodeReceipt(buildJobBytes(doc, { ...paper, cutter: false, drawer: false })).raster);
  const inked = (r: string) => /[^0]/.test(r);
  return rows.slice(rows.findIndex(inked), rows.length - [...rows].reverse().findIndex(inked));
}

/**
 * Whether the rows of `needle` appear one under another in `hay`, compared over the needle's own
 * width from the left margin (the receipt's line may go on to the right with more words).
 */
function contains(hay: string[], needle: string[]): boolean {
  const width = Math.max(...needle.map((r) => r.replace(/0+$/, '').length));
  const cut = (r: string) => r.slice(0, width);
  const n = needle.map(cut);
  return hay.some((_, i) => n.every((r, j) => hay[i + j] !== undefined && cut(hay[i + j]!) === r));
}

describe('the notice on the intake receipt', () => {
  it('prints the province’s lines on personal data, with their diacritics, read back from the printer’s bytes', async () => {
    await call('intake.accept', lltpInput());
    const rows = rowsOf(decodeReceipt(await printed(2)).raster);
    const profile = counter.printing.settings().profiles[0]!;
    const paper = { dots: profile.dots, widthMm: profile.widthMm };
    expect(contains(rows, rendered('Dữ liệu cá nhân', paper, true))).toBe(true);
    // The same words without their marks are not what was printed: the diacritics are there.
    expect(contains(rows, rendered('Du lieu ca nhan', paper, true))).toBe(false);
    // Each line of the notice begins a line on the receipt (its first words, as the printer drew them).
    for (const line of DEFAULT_PERSONAL_DATA_POLICY.receiptNotice) {
      expect(contains(rows, rendered(line.split(' ').slice(0, 5).join(' '), paper)), line).toBe(true);
    }
    expect(contains(rows, rendered('Thông báo này không có trên phiếu', paper))).toBe(false);
  });
});
