/**
 * The manager's day on a branch with five years of history: 4 counters (clerks) × 120 intakes a day ×
 * 250 working days × 5 years ≈ 600k dossiers (one year with --quick), each with its events (accepted,
 * batched, filed, result collected, handed over, as far as its age allows), its ledger rows (agency
 * fee, postage, the fee remitted to the agency), its fee receipt and audit entry, plus a shift close
 * per clerk and day, transfers confirmed, and a few reprints a day. Rows are shaped like the real use
 * cases' and written in bulk (synchronous=OFF; measured on a fresh connection with production pragmas).
 *
 * Prints:
 *  - day_report_ms: p95 of buildDayReport for 60 random days (goal ≤ 100 ms);
 *  - shift_close_ms: p95 of a clerk's close of today's shift (ledger read, difference entry, close row,
 *    audit), the manager's password check left out (scrypt by design, printed as manager_password_check_ms);
 *  - dashboard_30d_ms: p95 of the 30-day dashboard for 60 random end dates (goal ≤ 100 ms), read from
 *    its daily summary (migration 015); baseline_dashboard_30d_indexes_ms: the same days from the
 *    history's covering indexes, measured in the same run;
 *  - overdue_count_ms: p95 of the status bar's overdue count;
 *  - the indexes each query's plan uses (EXPLAIN QUERY PLAN), as text.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/main/app';
import { createApp } from '../../src/main/app';
import { buildDayReport } from '../../src/main/reports/day-report';
import { dashboard } from '../../src/main/reports/dashboard';
import { overdueCounts } from '../../src/main/reports/overdue';
import { hashPassword, verifyPassword } from '../../src/main/services/auth';
import { closeShift, reopenShift } from '../../src/main/services/shifts';
import type { ConfirmManager } from '../../src/main/services/shifts';
import { addDays, localDateOf, localEpochOf, weekday } from '../../src/shared/calendar';
import { makeItemNumber } from '../../src/shared/s10';
import { rng } from './fill-store';
import type { BenchOptions, BenchRow } from './run';

const DAY_MS = 86_400_000;
const CLERKS = ['c1', 'c2', 'c3', 'c4'];
const PER_DAY = 120;
const AGENCIES: [string, string, string][] = [
  ['TP-LLTP-01', 'STP', 'both'],
  ['CA-GPLX-01', 'CA-PC08', 'both'],
  ['TP-LLTP-01', 'STP', 'send'],
];

/** Wall time and this process's CPU time of one call (the machine is shared: both are printed). */
async function timed<T>(fn: () => T | Promise<T>, wall: number[], cpu: number[]): Promise<T> {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = await fn();
  wall.push(performance.now() - t);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000);
  return r;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! * 100) / 100;
}

/** Working days (Mon–Fri), newest `today`, going back until `count` of them. */
function workingDays(today: string, count: number): string[] {
  const out: string[] = [];
  for (let d = today; out.length < count; d = addDays(d, -1)) {
    const w = weekday(d);
    if (w !== 0 && w !== 6) out.push(d);
  }
  return out.reverse();
}

function fill(app: App, days: string[], today: string): number {
  const db = app.db;
  const rand = rng(12);
  const procs = db.prepare('SELECT code, agency_code FROM procedures WHERE active = 1 LIMIT 10').all() as { code: string; agency_code: string }[];
  const ins = db.prepare("INSERT OR IGNORE INTO clerks (id, username, full_name, role, must_change_password, created_at) VALUES (?, ?, ?, 'clerk', 0, 0)");
  CLERKS.forEach((c, i) => ins.run(c, `gdv${i + 1}`, `Giao dịch viên ${i + 1}`));
  const s = {
    d: db.prepare(`INSERT INTO dossiers (id, item_number, service_type, state, procedure_code, agency_code, origin_counter_id, accepted_at, accepted_by, accepted_date, complete,
       return_method, fee_category, fee_amount, postage_amount, payment_method, route, transit_deadline, appointment_estimate, appointment_date, filed_at, result_collected_at, result_collected_date,
       event_count, closed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'SL-TP-Q01', ?, ?, ?, 1, ?, 'standard', 200000, 28000, ?, 'intra_province', ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    e: db.prepare("INSERT INTO dossier_events (id, dossier_id, seq, type, at, actor_id, counter_id, payload) VALUES (?, ?, ?, ?, ?, ?, 'SL-TP-Q01', '{}')"),
    l: db.prepare("INSERT INTO ledger (at, business_date, clerk_id, counter_id, dossier_id, kind, amount, payment_method, agency_code) VALUES (?, ?, ?, 'SL-TP-Q01', ?, ?, ?, ?, ?)"),
    r: db.prepare("INSERT INTO fee_receipts (series, number, ledger_id, dossier_id, amount, issued_at, issued_by, counter_id, business_date) VALUES ('SL-TP-Q01', ?, ?, ?, 200000, ?, ?, 'SL-TP-Q01', ?)"),
    t: db.prepare('INSERT INTO transfer_confirmations (ledger_id, bank_ref, confirmed_at, confirmed_by) VALUES (?, ?, ?, ?)'),
    a: db.prepare("INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, 'SL-TP-Q01', ?, 'dossier', ?, '{}')"),
    sc: db.prepare(`INSERT INTO shift_closes (clerk_id, counter_id, business_date, closed_at, confirmed_by, expected_cash, counted_cash, difference, transfer_total, unconfirmed_transfers, counts)
       VALUES (?, 'SL-TP-Q01', ?, ?, 'm1', ?, ?, 0, ?, 0, '[]')`),
    pj: db.prepare(`INSERT INTO print_jobs (id, printer_id, kind, title, ref, doc, state, original_id, copy_no, next_attempt_at, created_at, created_by, counter_id, updated_at)
       VALUES (?, 'file-printer', 'intake_receipt', 'x', ?, '{}', 'done', ?, ?, 0, ?, ?, 'SL-TP-Q01', ?)`),
  };
  const t0 = performance.now();
  db.pragma('synchronous = OFF');
  let n = 0;
  let receipt = 0;
  for (const [di, day] of days.entries()) {
    db.transaction(() => {
      const open = localEpochOf(day, 8);
      const age = days.length - 1 - di; // working days ago
      const cash = new Map<string, number>();
      const transfer = new Map<string, number>();
      for (const clerk of CLERKS) {
        for (let k = 0; k < PER_DAY; k++) {
          const id = `d-${n}`;
          const at = open + Math.floor((k * 9 * 3_600_000) / PER_DAY);
          const p = procs[Math.floor(rand() * procs.length)]!;
          const service = AGENCIES[n % 3]![2];
          const method = rand() < 0.2 ? 'transfer' : 'cash';
          const filedDay = addDays(day, age > 0 ? 1 : 0);
          const appt = addDays(day, 10);
          // How far it went: today's are accepted; last week's filed or waiting; older ones done.
          const state = age === 0 ? 'accepted' : age < 3 ? 'filed' : age < 10 ? (service === 'send' ? 'filed' : rand() < 0.5 ? 'ready_for_pickup' : 'awaiting_result') : service === 'send' ? 'filed' : rand() < 0.01 ? 'returned_to_agency' : 'handed_over';
          const steps: [string, number][] = [['accepted', at]];
          if (state !== 'accepted') steps.push(['batched', at + 3_600_000], ['filed', localEpochOf(filedDay, 10)]);
          if (state === 'ready_for_pickup' || state === 'handed_over' || state === 'returned_to_agency') steps.push(['result_collected', localEpochOf(addDays(day, 8), 9)]);
          if (state === 'handed_over') steps.push(['handed_over', localEpochOf(addDays(day, 9), 10)]);
          if (state === 'returned_to_agency') steps.push(['returned_to_agency', localEpochOf(addDays(day, 14), 10)]);
          const collected = steps.find((x) => x[0] === 'result_collected')?.[1] ?? null;
          s.d.run(id, makeItemNumber('EC', n), service, state, p.code, p.agency_code, at, clerk, day, service === 'send' ? 'none' : 'pickup', method,
            addDays(day, 2), appt, state === 'accepted' ? null : appt, state === 'accepted' ? null : steps[2]![1], collected, collected ? localDateOf(collected) : null,
            steps.length, state === 'handed_over' || state === 'returned_to_agency' ? steps.at(-1)![1] : null, steps.at(-1)![1]);
          steps.forEach(([type, t], i) => s.e.run(`${id}-${i}`, id, i + 1, type, t, clerk));
          const fee = Number(s.l.run(at, day, clerk, id, 'agency_fee', 200_000, method, p.agency_code).lastInsertRowid);
          const post = Number(s.l.run(at, day, clerk, id, 'postage', 28_000, method, null).lastInsertRowid);
          s.r.run(++receipt, fee, id, at, clerk, day);
          if (method === 'transfer' && age > 0) {
            s.t.run(fee, `FT${n}`, at + 3_600_000, clerk);
            s.t.run(post, `FT${n}`, at + 3_600_000, clerk);
          }
          if (state !== 'accepted') s.l.run(steps[2]![1], filedDay, clerk, id, 'fee_remitted', -200_000, method, p.agency_code);
          s.a.run(at, clerk, 'dossier.accept', id);
          const m = method === 'cash' ? cash : transfer;
          m.set(clerk, (m.get(clerk) ?? 0) + 228_000);
          if (k % 60 === 0) s.pj.run(`pj-${n}`, makeItemNumber('EC', n), null, 0, at, clerk, at);
          if (k % 60 === 1) s.pj.run(`pj-${n}-r`, makeItemNumber('EC', n - 1), `pj-${n - 1}`, 1, at, clerk, at);
          n++;
        }
      }
      // Every past day's shifts were closed (today's stay open for the close being measured).
      if (age > 0) for (const clerk of CLERKS) s.sc.run(clerk, day, open + 10 * 3_600_000, cash.get(clerk) ?? 0, cash.get(clerk) ?? 0, transfer.get(clerk) ?? 0);
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  void today;
  return (performance.now() - t0) / 1000;
}

const VN = 7 * 3_600_000;
/** The dashboard's four queries over the history (before migration 015): the measured alternative. */
const DASHBOARD_FROM_INDEXES = [
  'SELECT accepted_date AS date, count(*) AS n FROM dossiers WHERE accepted_date BETWEEN ? AND ? GROUP BY accepted_date',
  `SELECT e.type, (e.at + ${VN}) / ${DAY_MS} AS day, count(*) AS n FROM dossier_events e WHERE e.type IN ('result_collected', 'handed_over') AND e.at >= ? AND e.at < ? AND e.superseded = 0 GROUP BY e.type, day`,
  `SELECT (filed_at + ${VN}) / ${DAY_MS} AS day, count(*) AS n, sum(transit_deadline IS NULL OR date((filed_at + ${VN}) / 1000, 'unixepoch') <= transit_deadline) AS onTime FROM dossiers WHERE filed_at >= ? AND filed_at < ? GROUP BY day`,
  "SELECT business_date AS date, payment_method AS method, SUM(amount) AS amount FROM ledger INDEXED BY ledger_day_totals WHERE business_date BETWEEN ? AND ? AND kind IN ('agency_fee', 'fee_due_collected', 'postage') GROUP BY business_date, payment_method",
];
/** Each query's arguments: local dates (intakes, money) or epoch bounds (events, filings). */
const dashboardArgs = (to: string, q: string) => (q.includes('e.at') || q.includes('filed_at >=') ? [localEpochOf(addDays(to, -29)), localEpochOf(to) + DAY_MS] : [addDays(to, -29), to]);
function dashboardFromIndexes(app: App, to: string): number {
  return DASHBOARD_FROM_INDEXES.reduce((n, q) => n + app.db.prepare(q).all(...dashboardArgs(to, q)).length, 0);
}

/** The index names a statement's plan uses. */
function indexesOf(app: App, sql: string, ...params: unknown[]): string {
  const plan = app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  const names = new Set<string>();
  for (const p of plan) for (const m of p.detail.matchAll(/(?:USING (?:COVERING )?INDEX|USING INTEGER PRIMARY KEY|PRIMARY KEY) ?([a-z_0-9]*)/gi)) names.add(m[1] || (m[0].includes('INTEGER') ? 'rowid' : 'primary key'));
  for (const p of plan) if (/^SCAN [a-z_]+$/i.test(p.detail.trim())) names.add(`FULL ${p.detail.trim()}`);
  return [...names].join(' ');
}

export default async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const years = opts.quick ? 1 : 5;
  const today = '2026-12-04';
  const clock = { now: () => localEpochOf(today, 16, 30) };
  const dir = join(process.cwd(), '.tmp', `bench-manager-day-${years}y`);
  const fresh = !existsSync(join(dir, 'quay-hcc.sqlite'));
  mkdirSync(dir, { recursive: true });
  const days = workingDays(today, 250 * years);
  let fillS = 0;
  if (fresh) {
    const app = createApp({ dataDir: dir, clock });
    fillS = fill(app, days, today);
    app.close();
  }
  const app = createApp({ dataDir: dir, clock });
  try {
    const counts = app.db.prepare('SELECT (SELECT count(*) FROM dossiers) AS dossiers, (SELECT count(*) FROM dossier_events) AS events, (SELECT count(*) FROM ledger) AS ledger').get() as Record<string, number>;
    const cal = app.ctx.reference().calendar;
    const branch = { office: 'Bưu điện tỉnh Sơn La', branchName: 'Bưu điện Thành phố Sơn La', counterName: 'Quầy 1' };
    const rand = rng(7);
    const pickDay = () => days[Math.floor(rand() * days.length)]!;
    // Warm the cache as a running counter has it (one report), then measure.
    buildDayReport(app.db, today, { branch, now: clock.now(), today, calendar: cal });
    const report: number[] = [];
    const reportCpu: number[] = [];
    for (let i = 0; i < 60; i++) {
      const d = i === 0 ? today : pickDay();
      await timed(() => buildDayReport(app.db, d, { branch, now: clock.now(), today, calendar: cal }), report, reportCpu);
    }
    const dash: number[] = [];
    const dashCpu: number[] = [];
    for (let i = 0; i < 60; i++) {
      const d = i === 0 ? today : pickDay();
      await timed(() => dashboard(app.db, d), dash, dashCpu);
    }
    // Baseline in the same run: the four grouped queries over the history's covering indexes (the
    // dashboard before its daily summary, with the ledger read through its covering index).
    const dashRaw: number[] = [];
    const dashRawCpu: number[] = [];
    for (let i = 0; i < 60; i++) {
      const d = i === 0 ? today : pickDay();
      await timed(() => dashboardFromIndexes(app, d), dashRaw, dashRawCpu);
    }
    const overdue: number[] = [];
    const overdueCpu: number[] = [];
    for (let i = 0; i < 20; i++) await timed(() => overdueCounts(app.db, today, cal), overdue, overdueCpu);
    // Today's close for each clerk, then a reopen so the next round closes again (the password check
    // is measured apart: scrypt costs the same whatever the history).
    const manager = { id: 'm1', username: 'truongbc', fullName: 'Trưởng bưu cục', role: 'manager' as const, mustChangePassword: false, active: true };
    app.db.prepare("INSERT OR IGNORE INTO clerks (id, username, full_name, role, must_change_password, created_at) VALUES ('m1', 'truongbc', 'Trưởng bưu cục', 'manager', 0, 0)").run();
    const confirm: ConfirmManager = async () => manager;
    const close: number[] = [];
    const closeCpu: number[] = [];
    for (let round = 0; round < 10; round++) {
      for (const clerk of CLERKS) {
        const actor = { clerkId: clerk, counterId: 'SL-TP-Q01', role: 'clerk' as const };
        const expected = (app.db.prepare("SELECT SUM(amount) AS n FROM ledger WHERE business_date = ? AND clerk_id = ? AND payment_method = 'cash'").get(today, clerk) as { n: number }).n;
        // The fees paid over to the agency today can exceed today's takings: then the drawer is counted empty.
        const cash = Math.max(0, expected);
        const counts = [{ value: 200_000, kind: 'note' as const, count: Math.floor(cash / 200_000) }, { value: 1_000, kind: 'note' as const, count: (cash % 200_000) / 1000 }];
        await timed(() => closeShift(app.ctx, { counts, reason: 'Đếm thử khi đo hiệu năng', managerUsername: 'truongbc', managerPassword: 'x' }, actor, confirm), close, closeCpu);
        await reopenShift(app.ctx, { shiftOf: clerk, businessDate: today, reason: 'Đo hiệu năng', managerUsername: 'truongbc', managerPassword: 'x' }, actor, confirm);
      }
    }
    const hash = await hashPassword('mat-khau-truong-bc');
    const pw: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await verifyPassword('mat-khau-truong-bc', hash);
      pw.push(performance.now() - t);
    }
    const from = localEpochOf(today);
    return [
      {
        years,
        ...counts,
        fill_s: Math.round(fillS),
        day_report_ms: p95(report),
        day_report_cpu_ms: p95(reportCpu),
        shift_close_ms: p95(close),
        shift_close_cpu_ms: p95(closeCpu),
        manager_password_check_ms: p95(pw),
        dashboard_30d_ms: p95(dash),
        dashboard_30d_cpu_ms: p95(dashCpu),
        baseline_dashboard_30d_indexes_ms: p95(dashRaw),
        baseline_dashboard_30d_indexes_cpu_ms: p95(dashRawCpu),
        overdue_count_ms: p95(overdue),
        overdue_count_cpu_ms: p95(overdueCpu),
        load_avg_1m: Math.round(loadavg()[0]! * 10) / 10,
        day_report_indexes: [
          indexesOf(app, 'SELECT count(*) FROM dossiers d JOIN agencies a ON a.code = d.agency_code JOIN procedures p ON p.code = d.procedure_code WHERE d.accepted_date = ?', today),
          indexesOf(app, "SELECT e.type, count(*) FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE e.type IN ('result_collected', 'handed_over', 'delivery_failed', 'returned_to_agency', 'cancelled') AND e.at >= ? AND e.at < ? GROUP BY e.type", from, from + DAY_MS),
          indexesOf(app, 'SELECT clerk_id, kind, payment_method, SUM(amount) FROM ledger WHERE business_date = ? GROUP BY clerk_id, kind, payment_method', today),
          indexesOf(app, 'SELECT * FROM fee_receipts WHERE business_date = ?', today),
          indexesOf(app, 'SELECT created_by, count(*) FROM print_jobs WHERE copy_no > 0 AND created_at >= ? AND created_at < ? GROUP BY created_by', from, from + DAY_MS),
        ].join(' | '),
        shift_close_indexes: indexesOf(app, "SELECT kind, payment_method, SUM(amount) FROM ledger WHERE business_date = ? AND clerk_id = ? GROUP BY kind, payment_method", today, 'c1'),
        dashboard_indexes: indexesOf(app, 'SELECT date, metric, value FROM dashboard_days WHERE date BETWEEN ? AND ?', addDays(today, -29), today),
        baseline_dashboard_indexes: DASHBOARD_FROM_INDEXES.map((q) => indexesOf(app, q, ...dashboardArgs(today, q))).join(' | '),
      },
    ];
  } finally {
    app.close();
  }
}
