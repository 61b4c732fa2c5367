/**
 * Bulk fill of a store with dossiers for the benchmarks (store.bench.ts, startup.bench.ts).
 *
 * One real intake gives the exact row shapes; the bulk fill then writes rows shaped exactly like the
 * real use case's (parties, two documents, the accepted event with its JSON, two ledger rows, three
 * outbox ops, one audit row) through direct prepared statements with synchronous=OFF, because a
 * million fsynced intakes would take hours. Measurements then run on a fresh connection with the
 * production pragmas.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { App } from '../../src/main/app';
import { createApp } from '../../src/main/app';
import { createAuthService } from '../../src/main/services/auth';
import { catchUpSearchIndex } from '../../src/main/store/search-index';
import type { Actor } from '../../src/main/services/context';
import { makeItemNumber } from '../../src/shared/s10';
import { foldVi } from '../../src/shared/text';
import { lltpInput } from '../helpers/app';

export const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Lò', 'Cầm', 'Quàng', 'Lường', 'Đèo', 'Vì', 'Hà', 'Sầm', 'Bùi', 'Đỗ', 'Vũ', 'Đặng', 'Lý', 'Tòng', 'Mùa'];
export const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Ngọc', 'Hữu', 'Thanh', 'Quốc', 'Kim'];
export const GIVEN = ['Pình', 'Lan', 'Hùng', 'Mai', 'Sơn', 'Xuân', 'Bình', 'Hằng', 'Thảo', 'Dũng', 'Tuấn', 'Phương', 'Quyết', 'Khánh', 'Thắng', 'Hương', 'Nga', 'Việt', 'Long', 'Hoa', 'Thủy', 'Cường', 'Yến', 'Trang', 'Hải', 'Nam', 'Châu', 'Tâm', 'Lợi', 'Vân'];

/** xorshift32: the same dossiers on every run. */
export function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** About 2,000 of the filled dossiers' keys, spread over the whole store, for lookups. */
export interface FillSamples {
  items: string[];
  ids: string[];
  phones: string[];
  names: string[];
}

export interface Filled {
  samples: FillSamples;
  /** The clerk the dossiers were accepted by. */
  actor: Actor;
  fillS: number;
}

/**
 * Adds clerk 'clerk-1' and `n` accepted dossiers to a fresh app's store, then checkpoints the WAL.
 * No ANALYZE: a counter never analyses its store, and with statistics (this driver builds SQLite with
 * STAT4) lookups re-prepare their statements at every call. `rand` draws the names and ID numbers
 * (the caller may go on drawing from it).
 */
export function fillStore(app: App, n: number, rand: () => number): Filled {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  app.db.prepare("INSERT INTO clerks (id, username, full_name, role, must_change_password, created_at) VALUES ('clerk-1', 'lan', 'Lò Thị Lan', 'clerk', 0, 0)").run();
  const actor: Actor = { clerkId: 'clerk-1', counterId: app.counter.id, role: 'clerk' };
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
  const samples: FillSamples = { items: [], ids: [], phones: [], names: [] };
  const CHUNK = 20_000;
  for (let start = 0; start < n; start += CHUNK) {
    app.db.transaction(() => {
      for (let i = start; i < Math.min(n, start + CHUNK); i++) {
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
        if (i % Math.max(1, Math.floor(n / 2000)) === 0) {
          samples.items.push(item);
          samples.ids.push(idNumber);
          samples.phones.push(phone);
          samples.names.push(name);
        }
      }
    })();
  }
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  return { samples, actor, fillS: (performance.now() - t0) / 1000 };
}

const ROOT = resolve(__dirname, '../..');

/** The administrator of the cached stores (the startup bench logs in with it). */
export const BENCH_ADMIN = { username: 'admin', password: 'quantri1' };

/**
 * The store of `n` dossiers shared by the benches (startup.bench.ts uses it in place, store.bench.ts
 * copies it), filled once and kept in `.tmp/bench-store-<n>/`: `data/` as a counter left it (an
 * administrator who can log in, the search index caught up as maintenance leaves it at idle time) and
 * `fill.json` with what the fill drew. A million dossiers take many minutes to fill; BENCH_REFILL=1
 * fills again. Its key is sealed by this machine's OS key store, as for any store.
 */
export async function cachedFilledStore(n: number): Promise<Filled & { dataDir: string; cached: boolean }> {
  const base = join(ROOT, '.tmp', `bench-store-${n}`);
  const dataDir = join(base, 'data');
  const fillFile = join(base, 'fill.json');
  const cached = !process.env.BENCH_REFILL && existsSync(fillFile) && existsSync(join(dataDir, 'quay-hcc.sqlite'));
  if (!cached) {
    rmSync(base, { recursive: true, force: true });
    const building = join(base, 'building');
    const app = createApp({ dataDir: building, resourcesDir: join(ROOT, 'resources') });
    const auth = createAuthService({ db: app.db, clock: app.ctx.clock, ids: app.ctx.ids });
    auth.ensureFirstAdmin(); // as the first start does
    const filled = fillStore(app, n, rng(42));
    catchUpSearchIndex(app.db); // as maintenance leaves it at idle time
    await auth.setupAdmin(BENCH_ADMIN, app.counter.id);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    app.close();
    renameSync(building, dataDir);
    writeFileSync(fillFile, JSON.stringify(filled));
    process.stderr.write(`bench: store of ${n} dossiers filled in ${filled.fillS.toFixed(0)} s, kept in ${base}\n`);
  }
  return { ...(JSON.parse(readFileSync(fillFile, 'utf8')) as Filled), dataDir, cached };
}
