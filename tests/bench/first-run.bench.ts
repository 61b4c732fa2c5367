/**
 * first_run_keys: the keys a technician presses for the whole first run (admin password → hub by
 * the enrollment QR → identity → network printer with its test page → two clerks and a manager →
 * printed summary), beyond typed names, passwords, addresses and codes; one scan counts as one key.
 * The same keyboard flow as the end-to-end test (tests/e2e/first-run-flow.ts), in Chromium against
 * a real hub (embedded PGlite here, so the bench needs no PostgreSQL) and a fake network printer.
 * Goal: ≤ 30.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchRow } from './run';
import { createEnrollmentCode } from '../../src/hub/enroll';
import { openPglite } from '../../src/hub/db';
import { migrateHub } from '../../src/hub/migrations';
import { buildHub } from '../../src/hub/server';
import { DEFAULT_SERIALS } from '../../src/hub/serials';
import { enrollmentText } from '../../src/shared/enrollment';
import { chromiumAvailable } from '../e2e/harness';
import { openCounterWorld } from '../e2e/flows';
import { runFirstRun } from '../e2e/first-run-flow';
import { FakePrinter } from '../helpers/fake-printer';

const bench: Bench = async () => {
  if (!chromiumAvailable()) return [{ metric: 'first_run_keys', skipped: true }];
  const hubDir = mkdtempSync(join(tmpdir(), 'bench-hub-'));
  const db = await openPglite(hubDir);
  await migrateHub(db);
  const hub = buildHub({ db, serials: DEFAULT_SERIALS, logLevel: 'silent' });
  await hub.listen({ host: '127.0.0.1', port: 0 });
  const addr = hub.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const printer = new FakePrinter();
  await printer.start();
  const { w, c } = await openCounterWorld({ realClock: true, sync: true, adminReady: false });
  try {
    const { code } = await createEnrollmentCode(db, { branchCode: 'SL-MS', branchName: 'Bưu điện Mộc Sơn', counterId: 'SL-MS-Q02', counterName: 'Quầy 2' }, Date.now());
    const started = Date.now();
    const k = await runFirstRun(c.page, {
      adminPassword: 'quantri1',
      enrollText: enrollmentText({ hubUrl: url, code, counterId: 'SL-MS-Q02' }),
      profileDowns: w.printing.settings().templates.findIndex((t) => t.id === 'epson-tm-t82iii-lan'),
      printerAddress: `127.0.0.1:${printer.port}`,
      people: [
        { fullName: 'Nguyễn Thị Lan', role: 'clerk', password: 'tam-thoi-1' },
        { fullName: 'Cầm Văn Hùng', role: 'clerk', password: 'tam-thoi-2' },
        { fullName: 'Lò Thị Mai', role: 'manager', password: 'tam-thoi-3' },
      ],
    });
    const rows: BenchRow[] = [
      { metric: 'first_run_keys', value: k.count, goal: 30, people: 3, keys: k.keys.join(' ') },
      { metric: 'first_run_wall_ms', value: Date.now() - started, note: 'test driver typing at machine speed, not a person' },
    ];
    return rows;
  } finally {
    await w.close();
    await printer.close();
    await hub.close();
    await db.close();
    rmSync(hubDir, { recursive: true, force: true });
  }
};

export default bench;
