/**
 * Printing benchmarks: receipt_build_ms (80 mm intake receipt, model to ESC/POS bytes, after warm-up;
 * target ≤ 30 ms), receipt_bytes, enqueue_to_done_ms (that receipt through the SQLite queue and the
 * TCP transport to the fake printer, confirmed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intakeReceipt } from '../../src/shared/print-model';
import { buildJobBytes } from '../../src/main/printing/build';
import { parseProfile } from '../../src/main/printing/profiles';
import { createPrintService } from '../../src/main/printing/service';
import { openStore } from '../../src/main/store/db';
import { FakePrinter } from '../helpers/fake-printer';
import { intakeModel } from '../fixtures/printing/samples';
import type { Bench, BenchRow } from './run';

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2));
};

const bench: Bench = async ({ quick }) => {
  const profile80 = { widthMm: 80 as const, dots: 576, cutter: true, drawer: false };
  // Distinct items so no width cache entry is reused from the previous iteration's exact text.
  const model = (i: number): typeof intakeModel => ({ ...intakeModel, itemNumber: 'EA123456785VN', sender: { ...intakeModel.sender, phone: `0912 345 ${String(i % 1000).padStart(3, '0')}` } });
  for (let i = 0; i < 5; i++) buildJobBytes(intakeReceipt(model(i)), profile80);
  const n = quick ? 20 : 100;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    bytes = buildJobBytes(intakeReceipt(model(i + 10)), profile80).length;
    times.push(performance.now() - t);
  }

  const dir = mkdtempSync(join(tmpdir(), 'qhcc-bench-print-'));
  const printer = await new FakePrinter().start();
  const db = openStore(join(dir, 'store.sqlite'));
  const profile = parseProfile({ id: 'bench', name: 'Bench', model: 'Fake', widthMm: 80, dots: 576, transport: { kind: 'tcp', host: printer.host, port: printer.port } });
  const svc = createPrintService({ db, clock: { now: () => Date.now() }, profiles: [profile], pollMs: 5, statusPollMs: 0 });
  svc.start();
  const e2e: number[] = [];
  try {
    const m = quick ? 5 : 20;
    for (let i = 0; i < m + 2; i++) {
      const t = performance.now();
      const { jobId } = svc.enqueue(intakeReceipt(model(i)), { clerkId: 'bench', counterId: 'bench' });
      while (svc.job(jobId).state !== 'done') {
        if (performance.now() - t > 30_000) throw new Error(`job stuck in ${svc.job(jobId).state}`);
        await new Promise((r) => setTimeout(r, 1));
      }
      if (i >= 2) e2e.push(performance.now() - t);
    }
  } finally {
    await svc.stop();
    db.close();
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: BenchRow[] = [
    { metric: 'receipt_build_ms', p50: pct(times, 50), p95: pct(times, 95), n, target_ms: 30, ok: pct(times, 95) <= 30 },
    { metric: 'receipt_bytes', value: bytes },
    { metric: 'enqueue_to_done_ms', p50: pct(e2e, 50), p95: pct(e2e, 95), n: e2e.length },
  ];
  return rows;
};

export default bench;
