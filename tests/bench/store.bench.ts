/**
 * Store benchmark (issue 2): a database holding 1,000,000 dossiers (100,000 with --quick), then
 * the whole accept-dossier use case against a one-row INSERT+COMMIT with the same pragmas in the same
 * run, exact lookups (item number, ID number, phone) and folded name search.
 *
 * The bulk fill writes rows shaped exactly like the real use case's (parties, two documents, the
 * accepted event with its JSON, two ledger rows, three outbox ops, one audit row) through direct
 * prepared statements with synchronous=OFF, because a million fsynced intakes would take hours; the
 * measurements then run on a fresh connection with the production pragmas.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from './run';
import { createApp } from '../../src/main/app';
import { startStoreWorker } from '../../src/main/store/store-worker';
import { makeItemNumber } from '../../src/shared/s10';
import { foldVi } from '../../src/shared/text';
import { CITIZEN, lltpInput, tempDir, testClock } from '../helpers/app';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Lò', 'Cầm', 'Quàng', 'Lường', 'Đèo', 'Vì', 'Hà', 'Sầm', 'Bùi', 'Đỗ', 'Vũ', 'Đặng', 'Lý', 'Tòng', 'Mùa'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Ngọc', 'Hữu', 'Thanh', 'Quốc', 'Kim'];
const GIVEN = ['Pình', 'Lan', 'Hùng', 'Mai', 'Sơn', 'Xuân', 'Bình', 'Hằng', 'Thảo', 'Dũng', 'Tuấn', 'Phương', 'Quyết', 'Khánh', 'Thắng', 'Hương', 'Nga', 'Việt', 'Long', 'Hoa', 'Thủy', 'Cường', 'Yến', 'Trang', 'Hải', 'Nam', 'Châu', 'Tâm', 'Lợi', 'Vân'];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(3));
}

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const bench: Bench = async ({ quick }) => {
  const N = quick ? 100_000 : 1_000_000;
  const SAMPLES = quick ? 200 : 400;
  const tmp = tempDir('quayhcc-bench-');
  const clock = testClock('2026-03-02T08:00');
  let app = createApp({ dataDir: tmp.dir, clock });
  const rand = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;

  // One real intake gives the exact row shapes to clone.
  app.db.prepare("INSERT INTO clerks (id, username, full_name, role, must_change_password, created_at) VALUES ('clerk-1', 'lan', 'Lò Thị Lan', 'clerk', 0, 0)").run();
  const actor = { clerkId: 'clerk-1', counterId: app.counter.id, role: 'clerk' as const };
  const tpl = app.services.intake.accept(lltpInput(), actor);
  const tplEvent = app.db.prepare('SELECT payload FROM dossier_events WHERE dossier_id = ?').get(tpl.dossierId) as { payload: string };
  const tplOps = app.db.prepare('SELECT kind, payload FROM outbox WHERE dossier_id = ? ORDER BY seq').all(tpl.dossierId) as { kind: string; payload: string }[];

  const t0 = performance.now();
  app.db.pragma('synchronous = OFF');
  const ins = {
    d: app.db.prepare(`INSERT INTO dossiers (id, item_number, service_type, state, procedure_code, agency_code, origin_counter_id, accepted_at, accepted_by, accepted_date, complete,
       return_method, return_address, return_province_code, return_commune_code, fee_category, fee_amount, postage_amount, payment_method, route, transit_deadline, appointment_estimate, event_count, updated_at)
       VALUES (?, ?, 'both', 'accepted', 'TP-LLTP-01', 'STP', 'SL-TP-Q01', ?, 'clerk-1', ?, 1, 'home', 'Tổ 5, phường Tô Hiệu', '14', '03646', 'standard', 200000, 28000, 'cash', 'intra_province', '2026-03-04', '2026-03-20', 1, ?)`),
    p: app.db.prepare(`INSERT INTO parties (dossier_id, role, full_name, id_kind, id_number, phone, address, province_code, commune_code, name_folded, search_text) VALUES (?, 'sender', ?, 'cccd', ?, ?, 'Tổ 5, phường Tô Hiệu', '14', '03646', ?, ?)`),
    doc: app.db.prepare(`INSERT INTO dossier_documents (dossier_id, position, code, name, form, required_count, provided_count, provided_form, required) VALUES (?, ?, ?, ?, ?, 1, 1, ?, 1)`),
    e: app.db.prepare(`INSERT INTO dossier_events (id, dossier_id, seq, type, at, actor_id, counter_id, payload, op_seq) VALUES (?, ?, 1, 'accepted', ?, 'clerk-1', 'SL-TP-Q01', ?, ?)`),
    l: app.db.prepare(`INSERT INTO ledger (at, business_date, clerk_id, counter_id, dossier_id, kind, amount, payment_method, agency_code) VALUES (?, ?, 'clerk-1', 'SL-TP-Q01', ?, ?, ?, 'cash', ?)`),
    o: app.db.prepare(`INSERT INTO outbox (op_id, kind, dossier_id, payload, created_at, status) VALUES (?, ?, ?, ?, ?, 'acked')`),
    a: app.db.prepare(`INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, 'clerk-1', 'SL-TP-Q01', 'dossier.accept', 'dossier', ?, ?)`),
  };
  const items: string[] = [];
  const ids: string[] = [];
  const phones: string[] = [];
  const names: string[] = [];
  const CHUNK = 20_000;
  for (let start = 0; start < N; start += CHUNK) {
    app.db.transaction(() => {
      for (let i = start; i < Math.min(N, start + CHUNK); i++) {
        const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
        const item = makeItemNumber('EB', i);
        const name = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
        const idNumber = `014${rand() < 0.5 ? '0' : '1'}${String(60 + Math.floor(rand() * 40))}${String(i).padStart(6, '0')}`;
        const phone = `09${String(10_000_000 + i).padStart(8, '0')}`;
        const at = Date.parse('2025-01-01T00:00:00Z') + i * 30_000;
        const date = new Date(at + 7 * 3600_000).toISOString().slice(0, 10);
        ins.d.run(id, item, at, date, at);
        ins.p.run(id, name, idNumber, phone, foldVi(name), foldVi(`${name} Tổ 5, phường Tô Hiệu`));
        ins.doc.run(id, 0, '1', 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'original', 'original');
        ins.doc.run(id, 1, '2', 'Căn cước công dân', 'copy', 'copy');
        const opSeqs = tplOps.map((op, k) => Number(ins.o.run(`${id}-${k}`, op.kind, id, op.payload, at).lastInsertRowid));
        ins.e.run(`${id}-e`, id, at, tplEvent.payload, opSeqs[0]);
        ins.l.run(at, date, id, 'agency_fee', 200000, 'STP');
        ins.l.run(at, date, id, 'postage', 28000, null);
        ins.a.run(at, id, '{"procedure":"TP-LLTP-01","complete":true,"missing":0}');
        if (i % Math.max(1, Math.floor(N / 2000)) === 0) {
          items.push(item);
          ids.push(idNumber);
          phones.push(phone);
          names.push(name);
        }
      }
    })();
  }
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  app.db.exec('ANALYZE');
  const fillS = (performance.now() - t0) / 1000;
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
