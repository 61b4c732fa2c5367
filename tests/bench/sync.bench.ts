/**
 * Sync benchmark (issue 5), on the real PostgreSQL (127.0.0.1:5432 or PG_TEST_URL) in a fresh
 * database, the real hub over loopback HTTP and real counter stores:
 *
 * - hub_ingest_ops_per_s: several counters pushing batches of 500 real-shaped operations (two thirds
 *   dossier acceptances with the full record, one third ledger entries) at once, written as the
 *   counter's client writes them, through HTTP, zod, the state machine and the hub's writes; next to
 *   raw_pg_insert_rows_per_s: the same operations as plain rows (op id, counter, seq, JSON payload)
 *   in batched multi-row INSERTs, one transaction per 500, same concurrency, same database, same
 *   run, in three interleaved rounds (round_ratios). Target: ingest ≥ half of raw.
 * - backlog_10k_drain_s (quick: backlog_2k_drain_s, plus backlog_10k_drain_scaled_s): one counter whose outbox holds 10,000 operations (cloned from a real
 *   intake's ops) drained by the real sync worker with its default settings. Target ≤ 10 s.
 * (A new counter's first pull, pull_100k_s, is measured in pull.bench.ts.)
 *
 * --quick uses smaller sizes and says so in the fields (`ingest_ops`, `backlog_ops`).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { v7 } from 'uuid';
import type { Bench, BenchRow } from './run';
import { openPostgres } from '../../src/hub/db';
import { migrateHub } from '../../src/hub/migrations';
import { buildHub } from '../../src/hub/server';
import { DEFAULT_SERIALS } from '../../src/hub/serials';
import { createEnrollmentCode } from '../../src/hub/enroll';
import { DEFAULT_COUNTER } from '../../src/main/app';
import { enrollCounter } from '../../src/main/sync/enroll';
import { SyncWorker } from '../../src/main/sync/worker';
import type { SyncOp } from '../../src/shared/sync-ops';
import { wireJson } from '../../src/shared/sync-protocol';
import { createTestApp, lltpInput, type TestApp } from '../helpers/app';
import { issuedNumbers } from '../helpers/serials';

const ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `quayhcc_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * One POST over a keep-alive connection with node:http: the counters are other machines, so the
 * benchmark's client must cost the hub's process as little as it can (undici's fetch, with its web
 * streams, took ~10% of the process's time on the ingest run).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
function postJson(base: string, path: string, token: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

type DossierOp = Extract<SyncOp, { kind: 'dossier.event' }>;
type LedgerOp = Extract<SyncOp, { kind: 'ledger.entry' }>;

/**
 * Fresh copies of one real intake's operations (acceptance + two ledger rows) for `counterId`, each
 * under the next item number of the counter's own serial blocks (the hub refuses any other).
 */
function cloner(template: SyncOp[], counterId: string, nextNumber: () => string): () => SyncOp[] {
  const acc = template.find((o): o is DossierOp => o.kind === 'dossier.event')!;
  const ledgers = template.filter((o): o is LedgerOp => o.kind === 'ledger.entry');
  return () => {
    const dossierId = v7();
    const itemNumber = nextNumber();
    const a: DossierOp = {
      ...acc,
      opId: v7(),
      dossierId,
      itemNumber,
      eventId: v7(),
      event: { ...acc.event, counterId },
      dossier: { ...acc.dossier!, id: dossierId, itemNumber, originCounterId: counterId },
    };
    return [a, ...ledgers.map((l): LedgerOp => ({ ...l, opId: v7(), entry: { ...l.entry, counterId, dossierId } }))];
  };
}

/** 100000 → '100k', 5000 → '5k', 2500 → '2500': a figure's name says how many rows it measured. */
function countLabel(n: number): string {
  return n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

const bench: Bench = async ({ quick }) => {
  const INGEST_COUNTERS = 4;
  const INGEST_OPS = quick ? 16_000 : 62_000;
  const BACKLOG = quick ? 2_000 : 10_000;
  const BATCH = 500;
  const ROUNDS = 3;

  const db = await freshDatabase();
  const hubDb = openPostgres(db.url, { max: INGEST_COUNTERS + 2 });
  const apps: TestApp[] = [];
  let app: ReturnType<typeof buildHub> | undefined;
  const rows: BenchRow[] = [];
  try {
    await migrateHub(hubDb);
    app = buildHub({ db: hubDb, serials: DEFAULT_SERIALS, logLevel: 'warn' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

    // A real intake gives the shape of real operations.
    const seed = createTestApp();
    apps.push(seed);
    seed.services.intake.accept(lltpInput(), seed.clerk);
    const template = (seed.db.prepare('SELECT payload FROM outbox ORDER BY seq').all() as { payload: string }[]).map((r) => JSON.parse(r.payload) as SyncOp);

    const enrollHttp = async (branch: string, counterId: string) => {
      const { code } = await createEnrollmentCode(hubDb, { branchCode: branch, counterId }, Date.now());
      const r = await fetch(`${url}/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      return ((await r.json()) as { token: string }).token;
    };

    // ---------------------------------------------------------------- ingest vs raw insert
    const perCounter = Math.floor(INGEST_OPS / INGEST_COUNTERS / BATCH) * BATCH;
    const streams = await Promise.all(
      Array.from({ length: INGEST_COUNTERS }, async (_, i) => {
        const id = `BENCH-IN-${i}`;
        const token = await enrollHttp('BENCH-IN', id);
        const next = cloner(template, id, await issuedNumbers(hubDb, id, DEFAULT_SERIALS, perCounter));
        const ops: SyncOp[] = [];
        while (ops.length < perCounter) ops.push(...next());
        return { token, ops: ops.slice(0, perCounter) };
      }),
    );
    // Bodies are built before the clock starts, down to their bytes, as the counter's client writes
    // them (wireJson): the counters are other machines, so their work must not be timed as the hub's.
    const bodies = streams.map((s) => {
      const out: Buffer[] = [];
      for (let b = 0; b < s.ops.length; b += BATCH) out.push(Buffer.from(wireJson({ ops: s.ops.slice(b, b + BATCH).map((p, j) => ({ opId: p.opId, seq: b + j + 1, payload: p })) })));
      return out;
    });
    const push = async (token: string, body: Buffer): Promise<void> => {
      const r = await postJson(url, '/push', token, body);
      const j = JSON.parse(r.text) as { results: { status: string }[] };
      if (r.status !== 200 || j.results.some((x) => x.status !== 'accepted')) throw new Error(`ingest failed: ${r.status} ${r.text.slice(0, 300)}`);
    };

    await hubDb.query('CREATE TABLE raw_ops (op_id uuid PRIMARY KEY, counter_id text NOT NULL, seq bigint NOT NULL, payload jsonb NOT NULL, UNIQUE (counter_id, seq))');
    const rawStreams = streams.map((s, i) => ({ id: `RAW-${i}`, ops: s.ops.map((p) => ({ ...p, opId: v7() })) }));
    const rawBatch = async (s: (typeof rawStreams)[number], b: number) => {
      const chunk = s.ops.slice(b, b + BATCH);
      const params: unknown[] = [];
      const values = chunk.map((p, j) => {
        params.push(p.opId, s.id, b + j + 1, JSON.stringify(p));
        const k = j * 4;
        return `($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}::jsonb)`;
      });
      await hubDb.tx((c) => c.query(`INSERT INTO raw_ops (op_id, counter_id, seq, payload) VALUES ${values.join(', ')}`, params));
    };

    // Warm-up (not timed, both sides): WARM batches per counter, so JIT and query plans are hot.
    const WARM = 2;
    await Promise.all(
      streams.map(async (s, i) => {
        for (let b = 0; b < WARM; b++) await push(s.token, bodies[i]![b]!);
      }),
    );
    await Promise.all(
      rawStreams.map(async (s) => {
        for (let b = 0; b < WARM; b++) await rawBatch(s, b * BATCH);
      }),
    );
    // Then ROUNDS rounds, each timing a slice of the hub's ingest and then the same slice as raw
    // inserts: on a shared VM whose speed drifts by tens of percent within a minute, interleaving
    // compares the two under the same conditions; the ratio is of the totals, each round is shown.
    const batchesPerCounter = bodies[0]!.length - WARM;
    let ingestS = 0;
    let rawS = 0;
    const roundRatios: number[] = [];
    let t0 = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const from = WARM + Math.floor((r * batchesPerCounter) / ROUNDS);
      const to = WARM + Math.floor(((r + 1) * batchesPerCounter) / ROUNDS);
      t0 = performance.now();
      await Promise.all(
        streams.map(async (s, i) => {
          for (let b = from; b < to; b++) await push(s.token, bodies[i]![b]!);
        }),
      );
      const inS = (performance.now() - t0) / 1000;
      t0 = performance.now();
      await Promise.all(
        rawStreams.map(async (s) => {
          for (let b = from; b < to; b++) await rawBatch(s, b * BATCH);
        }),
      );
      const rS = (performance.now() - t0) / 1000;
      ingestS += inS;
      rawS += rS;
      roundRatios.push(Number((rS / inS).toFixed(3)));
    }
    const ingestOps = batchesPerCounter * BATCH * INGEST_COUNTERS;
    const ingestRate = ingestOps / ingestS;
    const rawRate = ingestOps / rawS;
    rows.push({
      metric: 'hub_ingest',
      ingest_ops: ingestOps,
      counters: INGEST_COUNTERS,
      batch: BATCH,
      hub_ingest_ops_per_s: Math.round(ingestRate),
      raw_pg_insert_rows_per_s: Math.round(rawRate),
      ingest_vs_raw: Number((ingestRate / rawRate).toFixed(3)),
      round_ratios: roundRatios.join(' '),
      target_ratio: 0.5,
      meets_target: ingestRate >= rawRate / 2,
    });

    // ---------------------------------------------------------------- backlog drain
    const counterApp = async (id: string, branch: string) => {
      const a = createTestApp({ counter: { ...DEFAULT_COUNTER, id, branchCode: branch, name: id } });
      apps.push(a);
      const { code } = await createEnrollmentCode(hubDb, { branchCode: branch, counterId: id }, Date.now());
      await enrollCounter(a.db, { clock: { now: () => Date.now() } }, url, code);
      return a;
    };
    const drainer = await counterApp('BENCH-BL', 'BENCH-BL');
    {
      const next = cloner(template, 'BENCH-BL', await issuedNumbers(hubDb, 'BENCH-BL', DEFAULT_SERIALS, BACKLOG));
      const ins = drainer.db.prepare('INSERT INTO outbox (op_id, kind, dossier_id, payload, created_at) VALUES (?, ?, ?, ?, ?)');
      drainer.db.transaction(() => {
        let n = 0;
        while (n < BACKLOG) {
          for (const op of next()) {
            if (n++ >= BACKLOG) break;
            ins.run(op.opId, op.kind, op.kind === 'ledger.entry' ? op.entry.dossierId : op.dossierId, JSON.stringify(op), Date.now());
          }
        }
      })();
    }
    const w = new SyncWorker({ ctx: drainer.ctx, clock: { now: () => Date.now() } });
    t0 = performance.now();
    const s = await w.syncNow();
    const drainS = (performance.now() - t0) / 1000;
    if (s.pending !== 0 || s.status !== 'synced') throw new Error(`backlog not drained: ${JSON.stringify(s)}`);
    const bm = w.metrics();
    // Named for what was measured (issue #16 §5): quick mode drains 2,000 operations, so its figure is
    // backlog_2k_drain_s, with the linear scaling to 10,000 printed as such beside it.
    rows.push({
      metric: 'backlog',
      backlog_ops: BACKLOG,
      push_batches: bm.pushBatches,
      push_http_s: Number((bm.pushHttpMs / 1000).toFixed(3)),
      [`backlog_${countLabel(BACKLOG)}_drain_s`]: Number(drainS.toFixed(3)),
      ...(BACKLOG !== 10_000 ? { backlog_10k_drain_scaled_s: Number(((drainS * 10_000) / BACKLOG).toFixed(3)) } : {}),
      target_s: 10,
      meets_target: drainS <= 10 * (BACKLOG / 10_000),
    });

  } finally {
    for (const a of apps) a.dispose();
    agent.destroy();
    await app?.close();
    await hubDb.close();
    await db.drop();
  }
  return rows;
};

export default bench;
