/**
 * `npm run hub [-- <command> …]`
 *
 *   (no command) | serve           migrate, then serve HTTP on HUB_HOST:HUB_PORT (127.0.0.1:8787)
 *   migrate                         apply pending migrations and exit
 *   reset-feed                      after restoring the database from a backup: renumber the change
 *                                   feed and make every counter pull everything again (idempotent)
 *   create-code --branch B --counter C [--branch-name N] [--counter-name N] [--ttl-minutes M]
 *                                   print a one-time enrollment code for counter C of branch B
 *   load-reference --name N --file F [--version V]
 *                                   validate and publish a reference document to every counter;
 *                                   N is a kind of src/shared/reference-kinds.ts (catalogue, calendar,
 *                                   transit, tariff, bank_accounts…)
 *   counters [--silent-hours H] [--json] [--check]
 *                                   every counter with its last contact, version, clock and refused
 *                                   operations; those silent for H hours (default 24) or with a
 *                                   clock off by over 2 minutes marked; --check: exit 1 if any
 *                                   (for a monitoring job)
 *   revoke --counter C              a lost or stolen counter machine: void its token and its unused
 *                                   enrollment codes at once (a new code enrolls the replacement)
 *   report --period P --format xlsx|pdf --out F [--branch B]
 *                                   the periodic report (TT 17 Art. 13) of a quarter (2026-Q1), a
 *                                   half-year (2026-H1) or a year (2026), for the province or branch B
 *
 * DATABASE_URL selects PostgreSQL; without it the hub runs on an embedded PGlite in HUB_DATA_DIR
 * (default ~/.quayhcc-hub). Other settings: HUB_ADMIN_TOKEN, HUB_SERIAL_PREFIX, HUB_SERIAL_BLOCK,
 * HUB_LOG_LEVEL, HUB_WORKERS (see config.ts).
 */
import cluster from 'node:cluster';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CLOCK_SKEW_WARN_MS, codeId, CreateCodeRequestSchema } from '../shared/sync-protocol';
import { isReferenceName, REFERENCE_KINDS, REFERENCE_NAMES } from '../shared/reference-kinds';
import { configFromEnv, type HubConfig } from './config';
import { openPglite, openPostgres, type HubDb } from './db';
import { countersTable, listCounters, revokeCounter, UnknownCounter } from './counters';
import { createEnrollmentCode } from './enroll';
import { migrateHub } from './migrations';
import { publishReference, ReferenceError } from './reference';
import { resetFeed } from './pull';
import { buildHub } from './server';
import { periodicReport, ReportInputError } from './report';
import { reportPdf, reportXlsx } from './report-output';
import { parsePeriod, type ReportPeriod } from '../shared/report/period';

type ReportArgs = { ok: true; period: ReportPeriod; format: 'xlsx' | 'pdf'; out: string; branch: string | null } | { ok: false; message: string };

/** The report command's arguments, each refusal one Vietnamese line. */
export function checkReportArgs(v: { period?: string | undefined; format?: string | undefined; out?: string | undefined; branch?: string | undefined }): ReportArgs {
  if (!v.period) return { ok: false, message: 'Cần --period: quý (2026-Q1), nửa năm (2026-H1) hoặc năm (2026).' };
  const p = parsePeriod(v.period);
  if (!p.ok) return { ok: false, message: p.message };
  const format = (v.format ?? 'xlsx').toLowerCase();
  if (format !== 'xlsx' && format !== 'pdf') return { ok: false, message: `Định dạng “${v.format ?? ''}” không hỗ trợ: dùng --format xlsx hoặc --format pdf.` };
  if (!v.out) return { ok: false, message: 'Cần --out <tệp> để ghi báo cáo.' };
  if (v.branch !== undefined && !codeId.safeParse(v.branch).success) return { ok: false, message: `Mã bưu cục “${v.branch}” không hợp lệ (chữ, số, . _ : -).` };
  return { ok: true, period: p.value, format, out: v.out, branch: v.branch ?? null };
}

export async function openHubDb(cfg: HubConfig): Promise<HubDb> {
  const db = cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : await openPglite(cfg.dataDir);
  // Cluster workers start after the primary migrated.
  if (!cluster.isWorker) await migrateHub(db);
  return db;
}

/**
 * Several HTTP workers on one port (node:cluster): the primary migrates once, forks, and forks again
 * any worker that dies; SIGINT/SIGTERM stop the workers gracefully (each finishes its requests).
 */
async function servePrimary(cfg: HubConfig): Promise<number> {
  const db = await openHubDb(cfg);
  await db.close();
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < cfg.workers; i++) fork();
  cluster.on('exit', (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(JSON.stringify({ level: 'error', msg: 'hub worker died, starting another', pid: w.process.pid, code, signal }));
    setTimeout(fork, 1000).unref();
  });
  const stop = () => {
    stopping = true;
    const all = Object.values(cluster.workers ?? {});
    if (all.length === 0) process.exit(0);
    for (const w of all) w?.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(JSON.stringify({ level: 'info', msg: 'hub primary', workers: cfg.workers, host: cfg.host, port: cfg.port }));
  return -1;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const cfg = configFromEnv(env);
  const command = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'serve';
  const rest = command === argv[0] ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      branch: { type: 'string' },
      'branch-name': { type: 'string' },
      counter: { type: 'string' },
      'counter-name': { type: 'string' },
      'ttl-minutes': { type: 'string' },
      name: { type: 'string' },
      file: { type: 'string' },
      version: { type: 'string' },
      'silent-hours': { type: 'string' },
      json: { type: 'boolean' },
      check: { type: 'boolean' },
      period: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });

  if (command === 'serve') {
    if (cfg.workers > 1 && cluster.isPrimary) return servePrimary(cfg);
    const db = await openHubDb(cfg);
    const app = buildHub({ db, serials: cfg.serials, adminToken: cfg.adminToken, logLevel: cfg.logLevel });
    const stop = async () => {
      await app.close();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    await app.listen({ host: cfg.host, port: cfg.port });
    app.log.info({ db: db.kind, dataDir: db.kind === 'pglite' ? cfg.dataDir : undefined, serialPrefix: cfg.serials.prefix, adminApi: cfg.adminToken !== undefined }, 'hub ready');
    return -1; // keep running
  }

  // Checked before the database is opened: a mistyped period is answered at once, nothing written.
  const reportArgs = command === 'report' ? checkReportArgs(values) : null;
  if (reportArgs && !reportArgs.ok) {
    console.error(reportArgs.message);
    return 2;
  }
  const db = await openHubDb(cfg);
  try {
    if (reportArgs?.ok) {
      try {
        const r = await periodicReport(db, reportArgs.period, reportArgs.branch, Date.now());
        const bytes = reportArgs.format === 'xlsx' ? await reportXlsx(r) : await reportPdf(r);
        writeFileSync(reportArgs.out, bytes);
        console.log(JSON.stringify({ report: r.period.key, branch: r.branch?.code ?? null, format: reportArgs.format, out: reportArgs.out, dossiers: r.dossiers.total, bytes: bytes.length }));
        return 0;
      } catch (err) {
        if (err instanceof ReportInputError) {
          console.error(err.message);
          return 2;
        }
        throw err;
      }
    }
    if (command === 'reset-feed') {
      // After restoring the hub's database from a backup (see pull.ts): every counter pulls again.
      const epoch = await resetFeed(db);
      console.log(JSON.stringify({ feedReset: true, epoch }));
      return 0;
    }
    if (command === 'migrate') {
      console.log(JSON.stringify({ migrated: true, db: db.kind }));
      return 0;
    }
    if (command === 'create-code') {
      const req = CreateCodeRequestSchema.safeParse({
        branchCode: values.branch,
        counterId: values.counter,
        ...(values['branch-name'] ? { branchName: values['branch-name'] } : {}),
        ...(values['counter-name'] ? { counterName: values['counter-name'] } : {}),
        ...(values['ttl-minutes'] ? { ttlMinutes: Number(values['ttl-minutes']) } : {}),
      });
      if (!req.success) {
        console.error('Cần --branch <mã bưu cục> và --counter <mã quầy> (chữ, số, . _ : -).');
        return 2;
      }
      const r = await createEnrollmentCode(db, req.data, Date.now());
      // The code goes to the terminal of the admin who asked for it, never to the logs.
      console.log(JSON.stringify({ code: r.code, counterId: req.data.counterId, branchCode: req.data.branchCode, expiresAt: new Date(r.expiresAt).toISOString() }));
      return 0;
    }
    if (command === 'load-reference') {
      const name = values.name;
      if (!isReferenceName(name) || !values.file) {
        console.error(`Cần --name và --file <tệp JSON>. Các loại dữ liệu: ${REFERENCE_NAMES.map((n) => `${n} (${REFERENCE_KINDS[n].label})`).join(', ')}.`);
        return 2;
      }
      const payload = JSON.parse(readFileSync(values.file, 'utf8')) as { version?: unknown };
      const version = values.version ?? (typeof payload.version === 'string' ? payload.version : new Date().toISOString());
      try {
        const changeId = await publishReference(db, name, version, payload, Date.now());
        console.log(JSON.stringify({ published: name, version, changeId }));
        return 0;
      } catch (err) {
        if (err instanceof ReferenceError) {
          console.error(err.message);
          for (const p of err.problems) console.error(` - ${p}`);
          return 1;
        }
        throw err;
      }
    }
    if (command === 'counters') {
      const hours = values['silent-hours'] === undefined ? 24 : Number(values['silent-hours']);
      if (!Number.isFinite(hours) || hours <= 0) {
        console.error('--silent-hours phải là một số giờ lớn hơn 0.');
        return 2;
      }
      const list = await listCounters(db);
      if (values.json) {
        console.log(JSON.stringify({ hubTime: Date.now(), counters: list }));
        return 0;
      }
      const { lines, silent, wrongClock } = countersTable(list, Date.now(), hours * 3_600_000);
      for (const l of lines) console.log(l);
      console.log(`${list.length} quầy; ${silent} quầy im lặng quá ${hours} giờ; ${wrongClock} quầy lệch giờ quá ${CLOCK_SKEW_WARN_MS / 60_000} phút.`);
      return values.check && silent + wrongClock > 0 ? 1 : 0;
    }
    if (command === 'revoke') {
      const id = codeId.safeParse(values.counter);
      if (!id.success) {
        console.error('Cần --counter <mã quầy> (chữ, số, . _ : -).');
        return 2;
      }
      try {
        const r = await revokeCounter(db, id.data, Date.now());
        console.log(`Đã thu hồi khoá truy cập của quầy ${id.data}; ${r.codesCancelled} mã đăng ký chưa dùng đã bị huỷ. Quầy này không gửi hay nhận được dữ liệu nữa cho đến khi được đăng ký lại bằng mã mới.`);
        return 0;
      } catch (err) {
        if (err instanceof UnknownCounter) {
          console.error(err.message);
          return 1;
        }
        throw err;
      }
    }
    console.error(`Lệnh không rõ: ${command}. Dùng: serve | migrate | create-code | load-reference | reset-feed | counters | revoke | report`);
    return 2;
  } finally {
    await db.close();
  }
}

const isEntry = process.argv[1] !== undefined && /src[\\/]hub[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
