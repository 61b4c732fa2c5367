/**
 * Store benchmark (issue 2): a database holding 1,000,000 dossiers (100,000 with --quick), then
 * the whole accept-dossier use case against a one-row INSERT+COMMIT with the same pragmas in the same
 * run, exact lookups (item number, ID number, phone) and folded name search.
 *
 * The bulk fill (fill-store.ts) writes rows shaped exactly like the real use case's through direct
 * prepared statements; the measurements then run on a fresh connection with the production pragmas.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from './run';
import { createApp } from '../../src/main/app';
import { startStoreWorker } from '../../src/main/store/store-worker';
import { foldVi } from '../../src/shared/text';
import { CITIZEN, lltpInput, tempDir, testClock } from '../helpers/app';
import { FAMILY, fillStore, GIVEN, MIDDLE, rng } from './fill-store';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(3));
}

const bench: Bench = async ({ quick }) => {
  const N = quick ? 100_000 : 1_000_000;
  const SAMPLES = quick ? 200 : 400;
  const tmp = tempDir('quayhcc-bench-');
  const clock = testClock('2026-03-02T08:00');
  let app = createApp({ dataDir: tmp.dir, clock });
  const rand = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;

  const { samples, actor, fillS } = fillStore(app, N, rand);
  const { items, ids, phones, names } = samples;
  app.close();

  // Measure on a fresh connection with the production pragmas (synchronous=FULL, WAL).
  app = createApp({ dataDir: tmp.dir, clock });
  // As in production (maintenance.ts): WAL checkpoints run in a worker thread beside the writer.
  const checkpointer = startStoreWorker(app.db.name);
  app.db.exec('CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
  const raw = app.db.prepare('INSERT INTO bench_raw (v) VALUES (?)');
  const intake: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const input = lltpInput({ sender: { ...CITIZEN, fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}` } });
    let t = performance.now();
    app.services.intake.accept(input, actor);
    intake.push(performance.now() - t);
    t = performance.now();
    raw.run(`row ${i}`); // autocommit: one INSERT and COMMIT
    rawMs.push(performance.now() - t);
    clock.advance(20_000);
  }

  const time = (fn: () => unknown, n: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      fn();
      out.push(performance.now() - t);
    }
    return out;
  };
  let k = 0;
  const lookupItem = time(() => app.services.lookup.search({ query: items[k++ % items.length]! }), SAMPLES * 2);
  const lookupId = time(() => app.services.lookup.search({ query: ids[k++ % ids.length]! }), SAMPLES * 2);
  const lookupPhone = time(() => app.services.lookup.search({ query: phones[k++ % phones.length]! }), SAMPLES * 2);
  const nameQueries = names.map((n) => foldVi(n));
  const nameSearch = time(() => app.services.lookup.search({ query: nameQueries[k++ % nameQueries.length]!, limit: 50 }), SAMPLES);
  const hits = app.services.lookup.search({ query: nameQueries[0]! }).results.length;
  // Words that do not start the name (a given name alone): the full-text path.
  const givenQueries = names.map((n) => foldVi(n.split(' ').slice(-1)[0]!));
  const anywhere = time(() => app.services.lookup.search({ query: givenQueries[k++ % givenQueries.length]!, limit: 50 }), SAMPLES);

  const ckpt = await checkpointer.stats();
  await checkpointer.stop();
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = statSync(join(tmp.dir, 'quay-hcc.sqlite')).size;
  app.close();
  // BENCH_KEEP=1 leaves the filled store for investigation (its folder goes to stderr).
  if (process.env.BENCH_KEEP) process.stderr.write(`store kept in ${tmp.dir}\n`);
  else tmp.cleanup();
  return [
    {
      dossiers: N,
      fill_s: Number(fillS.toFixed(1)),
      intake_commit_p50_ms: pct(intake, 50),
      intake_commit_p99_ms: pct(intake, 99),
      raw_commit_p50_ms: pct(rawMs, 50),
      raw_commit_p99_ms: pct(rawMs, 99),
      intake_vs_raw_p99: Number((pct(intake, 99) / pct(rawMs, 99)).toFixed(2)),
      lookup_item_p99_ms: pct(lookupItem, 99),
      lookup_id_p99_ms: pct(lookupId, 99),
      lookup_phone_p99_ms: pct(lookupPhone, 99),
      name_search_p99_ms: pct(nameSearch, 99),
      name_search_p50_ms: pct(nameSearch, 50),
      name_search_hits_first: hits,
      name_search_anywhere_p50_ms: pct(anywhere, 50),
      name_search_anywhere_p99_ms: pct(anywhere, 99),
      intake_commit_p90_ms: pct(intake, 90),
      intake_commit_p95_ms: pct(intake, 95),
      db_bytes_per_dossier: Math.round(bytes / N),
      background_checkpoints: ckpt.checkpoints,
    },
  ];
};

export default bench;
