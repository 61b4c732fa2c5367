/** The store worker: checkpoints off the main thread, integrity check and backup on its own connection. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from '../../../src/main/store/driver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/store/db';
import type { Db } from '../../../src/main/store/db';
import { startStoreWorker, unpackedPath } from '../../../src/main/store/store-worker';
import type { StoreWorker } from '../../../src/main/store/store-worker';
import { walStateOf } from '../../../src/main/store/worker/wal-index';
import { createMaintenance } from '../../../src/main/maintenance';
import { tempDir } from '../../helpers/app';

let tmp: ReturnType<typeof tempDir>;
let db: Db;
let worker: StoreWorker | undefined;
beforeEach(() => {
  tmp = tempDir('quayhcc-worker-');
  db = openStore(join(tmp.dir, 'w.sqlite'));
  // Only the worker may checkpoint in these tests.
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  if (db.open) db.close();
  tmp.cleanup();
});

const ins = () => db.prepare('INSERT INTO t (v) VALUES (?)');
const walFrames = () => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
/** Bytes of frames waiting in the log, read from the wal-index as the worker reads it. */
const pending = () => walStateOf(readFileSync(`${db.name}-shm`).subarray(0, 136))?.pendingBytes ?? -1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

describe('store worker', () => {
  it('checkpoints the WAL in a quiet moment, and the writer then restarts the log', async () => {
    worker = startStoreWorker(db.name, { thresholdBytes: 64 * 1024, intervalMs: 20, quietMs: 60 });
    const st = ins();
    for (let i = 0; i < 200; i++) st.run('x'.repeat(1000));
    expect(statSync(`${db.name}-wal`).size).toBeGreaterThan(64 * 1024);
    await until(async () => (await worker!.stats()).checkpoints > 0);
    const s = await worker.stats();
    // A log already copied is not copied again while nothing is written.
    await sleep(250);
    expect((await worker.stats()).checkpoints).toBe(s.checkpoints);
    expect(s.lastLogFrames).toBeGreaterThan(50);
    expect(s.lastCopiedFrames).toBe(s.lastLogFrames);
    // Everything was copied back, so the next commit starts the log again from its beginning.
    await until(() => {
      st.run('after');
      return walFrames() <= 3;
    });
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 200 + (db.prepare("SELECT count(*) AS n FROM t WHERE v = 'after'").get() as { n: number }).n });
  });

  it('counts what the log holds, not the size of its file: after a restart, a small commit waits in a quiet moment', async () => {
    worker = startStoreWorker(db.name, { thresholdBytes: 64 * 1024, intervalMs: 20, quietMs: 60 });
    await worker.stats();
    const st = ins();
    for (let i = 0; i < 200; i++) st.run('x'.repeat(1000));
    // Everything copied back (a slow commit may have given the worker a quiet moment mid-way).
    await until(async () => (await worker!.stats()).checkpoints > 0 && pending() === 0);
    const copied = (await worker.stats()).checkpoints;
    // One citizen's worth of pages after the log was copied back: the file is still larger than the
    // threshold, the log holds a few frames. No checkpoint (its next commit would restart the log again).
    st.run('one more');
    await sleep(300);
    expect((await worker.stats()).checkpoints).toBe(copied);
    for (let i = 0; i < 100; i++) st.run('z'.repeat(1000));
    await until(async () => (await worker!.stats()).checkpoints > copied);
  });

  it('restarts the log with a commit of its own once the worker copied it back, so the next intake does not', async () => {
    const m = createMaintenance(db, tmp.dir, { worker: { thresholdBytes: 64 * 1024, intervalMs: 20, quietMs: 60 } });
    m.start();
    try {
      await m.worker!.stats();
      const st = ins();
      for (let i = 0; i < 200; i++) st.run('x'.repeat(1000));
      const full = walStateOf(readFileSync(`${db.name}-shm`).subarray(0, 136))!;
      expect(full.pendingBytes).toBeGreaterThan(64 * 1024);
      // Nothing written here after the 200 rows: the log starts again on its own (a new salt, one
      // small commit in it) and the next commit appends to it.
      await until(() => {
        const now = walStateOf(readFileSync(`${db.name}-shm`).subarray(0, 136));
        return now !== null && now.key.split(':')[1] !== full.key.split(':')[1];
      });
      expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'log_restarted_at'").get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 200 });
    } finally {
      await m.stop();
    }
  });

  it('reads the frames waiting in the log from the wal-index as SQLite counts them', () => {
    const st = ins();
    for (let i = 0; i < 50; i++) st.run('w'.repeat(1000));
    const header = readFileSync(`${db.name}-shm`).subarray(0, 136);
    const before = walStateOf(header)!;
    const r = (db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0]!;
    expect(r.log).toBeGreaterThan(10);
    expect(before.pendingBytes).toBe(r.log * (4096 + 24));
    const after = walStateOf(readFileSync(`${db.name}-shm`).subarray(0, 136))!;
    expect(after.pendingBytes).toBe((r.log - r.checkpointed) * (4096 + 24));
    expect(after.key).toBe(before.key);
    // A header caught while a writer updates it (its two copies differ) is not read.
    const torn = Buffer.from(header);
    torn[16] = (torn[16]! + 1) % 256;
    expect(walStateOf(torn)).toBeNull();
  });

  it('leaves a busy writer alone below the hard cap, and checkpoints at the cap even while it writes', async () => {
    worker = startStoreWorker(db.name, { thresholdBytes: 16 * 1024, hardCapBytes: 2 ** 40, intervalMs: 5, quietMs: 300 });
    // The thread is up (it answers) before the writer starts: what follows is about its decisions,
    // not about how fast a thread starts on a loaded machine.
    await worker.stats();
    const st = ins();
    // The main thread writes without pause for a while: the worker sees the WAL change at every look.
    const busyFor = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        st.run('y'.repeat(500));
        await new Promise((r) => setImmediate(r));
      }
    };
    await busyFor(400);
    expect((await worker.stats()).checkpoints).toBe(0);
    await worker.stop();
    worker = startStoreWorker(db.name, { thresholdBytes: 16 * 1024, hardCapBytes: 64 * 1024, intervalMs: 5, quietMs: 100 });
    await worker.stats();
    await busyFor(400);
    expect((await worker.stats()).checkpoints).toBeGreaterThan(0);
  });

  it('runs the integrity check and a standalone verified backup on its own connection', async () => {
    worker = startStoreWorker(db.name);
    ins().run('kept');
    expect(await worker.integrityCheck()).toBe('ok');
    const target = join(tmp.dir, 'copy.sqlite');
    expect(await worker.backupTo(target)).toBe('ok');
    expect(existsSync(`${target}-wal`)).toBe(false);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT v FROM t').all()).toEqual([{ v: 'kept' }]);
    copy.close();
  });

  it('reports a failure and refuses further work when it cannot open the store', async () => {
    const problems: string[] = [];
    worker = startStoreWorker(join(tmp.dir, 'missing.sqlite'), { onProblem: (m) => problems.push(m) });
    await until(() => !worker!.running);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Tiến trình bảo trì cơ sở dữ liệu gặp lỗi/);
    await expect(worker.integrityCheck()).rejects.toThrow('không chạy');
  });
});

describe('the driver path in the packaged app', () => {
  it('points a worker at the unpacked copy of an asar path, and leaves other paths alone', () => {
    expect(unpackedPath('C:\\Program Files\\Quầy HCC\\resources\\app.asar\\node_modules\\better-sqlite3\\lib\\index.js')).toBe(
      'C:\\Program Files\\Quầy HCC\\resources\\app.asar.unpacked\\node_modules\\better-sqlite3\\lib\\index.js',
    );
    expect(unpackedPath('/opt/quay/resources/app.asar/node_modules/better-sqlite3/lib/index.js')).toBe('/opt/quay/resources/app.asar.unpacked/node_modules/better-sqlite3/lib/index.js');
    expect(unpackedPath('/work/main/node_modules/better-sqlite3/lib/index.js')).toBe('/work/main/node_modules/better-sqlite3/lib/index.js');
  });
});

describe('maintenance with the store worker', () => {
  it('checks integrity and writes the daily backup through the worker', async () => {
    ins().run('v');
    let t = Date.parse('2026-03-02T00:00:00Z');
    const problems: string[] = [];
    const m = createMaintenance(db, tmp.dir, { now: () => t, onProblem: (p) => problems.push(p), intervalMs: 3_600_000 });
    m.start();
    expect(m.worker?.running).toBe(true);
    const first = await m.runOnce();
    expect(first).toMatchObject({ checkpointed: true, integrity: true });
    expect(first.backup).toMatch(/backup-\d{8}T\d{6}\.sqlite$/);
    expect(readdirSync(join(tmp.dir, 'backups'))).toEqual([first.backup!.split('/').pop()]);
    t += 60_000;
    expect(await m.runOnce()).toEqual({ checkpointed: true, integrity: null, backup: null, purged: null, pruned: null });
    await m.stop();
    expect(m.worker).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
