/**
 * `npm run hub [-- <command> …]`
 *
 *   (no command) | serve           migrate, then serve HTTP on HUB_HOST:HUB_PORT (127.0.0.1:8787);
 *                                   the console (/console/) is built first when missing
 *   migrate                         apply pending migrations and exit
 *   create-admin --username U [--display-name N] [--password-file F]
 *                                   create an IT administrator of the console (/console/); the
 *                                   password is the first line of F or of stdin, never an argument
 *   reset-feed                      after restoring the database from a backup: renumber the change
 *                                   feed and make every counter pull everything again (idempotent)
 *   create-code --branch B --counter C [--branch-name N] [--counter-name N] [--ttl-minutes M]
 *               [--hub-url U] [--png F]
 *                                   (also prints the enrollment QR's text: address U + code,
 *                                   src/shared/enrollment.ts; the QR is drawn in the terminal and, with
 *                                   --png, saved as an image to print. U: the address counters reach
 *                                   this hub at (default HUB_PUBLIC_URL, else http://HUB_HOST:HUB_PORT))
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
 *   updates                         the update channels: where their files are, the version this hub
 *                                   serves, the rollout, counters on each and below the minimum
 *   update-channel --name N [--url U|hub]
 *                                   create a channel, or say where its files are (hub: this hub serves
 *                                   them from HUB_UPDATES_DIR/<N>/)
 *   update-publish --channel N --dir D [--staging P]
 *                                   copy an electron-builder release (latest.yml + installer) into the
 *                                   channel, sha512 checked; offered to P% of its counters (default 0)
 *   update-stage --channel N --percent P
 *                                   offer the channel's version to P% of its counters (0–100)
 *   update-assign (--counter C | --branch B) --channel N [--allow-downgrade]
 *                                   move counters to a channel; never to an older version unless
 *                                   --allow-downgrade
 *   update-minimum (--version V | --none)
 *                                   the minimum supported version: counters below it are told with
 *                                   every sync answer and install at their next idle moment
 *   purge-expired                   purge the electronic records past their retention period (TT 17
 *                                   Art. 14.3: 5 years from acceptance, reference personal_data);
 *                                   prints the counts (the hub also does this once a day by itself)
 *   report --period P --format xlsx|pdf --out F [--branch B]
 *                                   the periodic report (TT 17 Art. 13) of a quarter (2026-Q1), a
 *                                   half-year (2026-H1) or a year (2026), for the province or branch B
 *   overdue-complaints [--branch B] [--json]
 *                                   complaints past their settling limit (TT 17 Art. 8), every branch
 *                                   or branch B: one line each, the longest overdue first
 *
 * DATABASE_URL selects PostgreSQL; without it the hub runs on an embedded PGlite in HUB_DATA_DIR
 * (default ~/.quayhcc-hub). Other settings: HUB_ADMIN_TOKEN, HUB_SERIAL_PREFIX, HUB_SERIAL_BLOCK,
 * HUB_LOG_LEVEL, HUB_WORKERS, HUB_TRUSTED_PROXIES, HUB_UPDATES_DIR (see config.ts).
 *
 * On PGlite the data folder is locked by the process that opens it (lock.ts). While the hub server
 * runs, create-code, counters, revoke and load-reference go through its admin API (the lock tells
 * where and with which secret); on a stopped hub they open the folder themselves. On PostgreSQL they
 * always work on the database directly (it serves many processes).
 *
 * Exit codes: 0 done; 1 failed (a fatal start-up error included, so that a supervisor restarts the
 * hub); 2 bad arguments.
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CLOCK_SKEW_WARN_MS, codeId, CreateCodeRequestSchema, type CounterStatus, type CreateCodeRequest } from '../shared/sync-protocol';
import { isReferenceName, REFERENCE_KINDS, REFERENCE_NAMES, type ReferenceName } from '../shared/reference-kinds';
import { purgeExpired, startRetentionSchedule } from './retention';
import { enrollmentText, normalizeHubAddress } from '../shared/enrollment';
import QRCode from 'qrcode';
import { configFromEnv, type HubConfig } from './config';
import { openPglite, openPostgres, type HubDb } from './db';
import { countersTable, listCounters, revokeCounter, UnknownCounter } from './counters';
import { createEnrollmentCode } from './enroll';
import { acquireLock, DataDirBusy, type HeldLock, type LockHolder } from './lock';
import { migrateHub } from './migrations';
import { publishReference, ReferenceError } from './reference';
import { resetFeed } from './pull';
import { buildHub } from './server';
import { assignChannel, listChannels, minimumVersion, publishRelease, setChannel, setMinimumVersion, setStaging, UpdateError } from './updates';
import { periodicReport, ReportInputError } from './report';
import { hubOverdueComplaints } from './overdue-complaints';
import { formatDateVi } from '../shared/calendar';
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
import { AccountError, createUser } from './console-api/accounts';
import { consoleDir, ensureConsoleBuilt } from './console-api/build';

export async function openHubDb(cfg: HubConfig): Promise<HubDb> {
  const db = cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : await openPglite(cfg.dataDir);
  // Cluster workers start after the primary migrated.
  if (!cluster.isWorker) await migrateHub(db);
  return db;
}

/** Where the database is, for people: PostgreSQL's host and name (never its password), or the folder. */
function describeDb(cfg: HubConfig): string {
  if (!cfg.databaseUrl) return `PGlite nhúng trong thư mục ${cfg.dataDir}`;
  try {
    const u = new URL(cfg.databaseUrl);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** The base URL this machine reaches the hub at (a wildcard listen address is reached on loopback). */
function localUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

/** The one line for the person who started the hub, beside the JSON log (stderr: stdout stays JSON). */
function startupLine(cfg: HubConfig, url: string, workers: number): string {
  return (
    `Máy chủ tỉnh Quầy HCC đang chạy tại ${url} — cơ sở dữ liệu: ${describeDb(cfg)} — ${workers} tiến trình xử lý. ` +
    'Tạo mã đăng ký cho quầy đầu tiên: npm run hub -- create-code --branch <mã bưu cục> --counter <mã quầy>'
  );
}

const log = (level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}): void => {
  console.log(JSON.stringify({ level, time: Date.now(), msg, ...extra }));
};

/**
 * On PostgreSQL: HTTP worker processes on one port (node:cluster). The primary migrates once, forks,
 * and replaces any worker that dies, for as long as it runs — even when every worker dies at once
 * (its restart timer keeps it alive). A worker that dies soon after starting is restarted after a
 * growing pause (up to 30 s), so a database that is down is not hammered. If no worker ever manages
 * to listen (the port is taken, a bad address), that is a fatal start-up error: exit 1 so a
 * supervisor (systemd, the container runtime) sees it. SIGINT/SIGTERM stop the workers gracefully.
 */
async function servePrimary(cfg: HubConfig): Promise<number> {
  const db = await openHubDb(cfg);
  await db.close();
  let stopping = false;
  let everListened = false;
  let startFailures = 0;
  let quickDeaths = 0;
  const startedAt = new Map<number, number>();
  const fork = (): void => {
    if (stopping) return;
    const w = cluster.fork();
    startedAt.set(w.id, Date.now());
  };
  for (let i = 0; i < cfg.workers; i++) fork();
  cluster.on('listening', (_w: Worker, address) => {
    if (everListened) return;
    everListened = true;
    log('info', 'hub primary', { workers: cfg.workers, host: cfg.host, port: address.port });
    console.error(startupLine(cfg, localUrl(cfg.host, address.port), cfg.workers));
  });
  cluster.on('exit', (w, code, signal) => {
    const lived = Date.now() - (startedAt.get(w.id) ?? Date.now());
    startedAt.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!everListened && ++startFailures >= 3) {
      log('error', 'hub workers cannot start; giving up', { code, signal });
      console.error('Máy chủ tỉnh không khởi động được (xem dòng lỗi ở trên); dừng lại để trình quản lý dịch vụ khởi động lại.');
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 5000).unref();
      return;
    }
    quickDeaths = lived < 10_000 ? quickDeaths + 1 : 0;
    const delay = quickDeaths <= 1 ? 100 : Math.min(30_000, 250 * 2 ** (quickDeaths - 1));
    log('error', 'hub worker died, starting another', { pid: w.process.pid, code, signal, restartInMs: delay });
    // Not unref'd: with every worker gone, this timer is what keeps the primary here to fork again.
    setTimeout(fork, delay);
  });
  const stop = (): void => {
    stopping = true;
    const all = Object.values(cluster.workers ?? {});
    if (all.length === 0) process.exit(0);
    for (const w of all) w?.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

/** One HTTP process: a cluster worker on PostgreSQL, or the whole hub on PGlite (holding the folder's lock). */
async function serveOne(cfg: HubConfig): Promise<number> {
  let lock: HeldLock | undefined;
  if (!cfg.databaseUrl) {
    try {
      lock = await acquireLock(cfg.dataDir, { pid: process.pid, role: 'serve', startedAt: Date.now() });
    } catch (err) {
      if (err instanceof DataDirBusy) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
  }
  try {
    const db = await openHubDb(cfg);
    const secret = lock ? randomBytes(32).toString('base64url') : undefined;
    const app = buildHub({
      db, serials: cfg.serials, adminToken: cfg.adminToken, logLevel: cfg.logLevel, cliSecret: secret, trustedProxies: cfg.trustedProxies, tracking: { hotline: cfg.hotline }, trackingUrl: cfg.trackingUrl, updatesDir: cfg.updatesDir,
      console: { publicUrl: process.env.HUB_PUBLIC_URL, staticDir: consoleDir(), secureCookie: process.env.HUB_PUBLIC_URL?.startsWith('https:') ?? false },
    });
    // The retention purge, once a day, from whichever hub process claims it first (retention.ts).
    const retention = startRetentionSchedule(db, (counts) => app.log.info({ purge: counts }, 'retention purge'), {
      onError: (err) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, 'retention purge failed'),
    });
    const stop = async (): Promise<void> => {
      retention.stop();
      await app.close();
      await db.close();
      await lock?.release();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    await app.listen({ host: cfg.host, port: cfg.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
    lock?.update({ url: localUrl(cfg.host, port), secret });
    app.log.info({ db: db.kind, dataDir: db.kind === 'pglite' ? cfg.dataDir : undefined, serialPrefix: cfg.serials.prefix, adminApi: cfg.adminToken !== undefined, port }, 'hub ready');
    if (!cluster.isWorker) console.error(startupLine(cfg, localUrl(cfg.host, port), 1));
    return -1; // keep running
  } catch (err) {
    await lock?.release();
    throw err;
  }
}

type Values = Record<string, string | boolean | undefined>;

/** A CLI command, done either on the database or through a running hub's admin API. */
interface Target {
  createCode(req: CreateCodeRequest): Promise<{ code: string; expiresAt: number }>;
  counters(): Promise<CounterStatus[]>;
  revoke(counterId: string): Promise<{ codesCancelled: number }>;
  publish(name: ReferenceName, version: string, payload: unknown): Promise<string>;
}

class ApiRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

function directTarget(db: HubDb): Target {
  return {
    createCode: (req) => createEnrollmentCode(db, req, Date.now()),
    counters: () => listCounters(db),
    revoke: (id) => revokeCounter(db, id, Date.now()),
    publish: (name, version, payload) => publishReference(db, name, version, payload, Date.now()),
  };
}

function apiTarget(holder: LockHolder): Target {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let r: Response;
    try {
      r = await fetch(`${holder.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${holder.secret}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (err) {
      throw new ApiRefused(0, 'UNREACHABLE', `Không gọi được máy chủ đang chạy tại ${holder.url} (${err instanceof Error ? err.message : String(err)}).`);
    }
    const json = (await r.json().catch(() => ({}))) as Record<string, unknown>;
    if (!r.ok) {
      const problems = Array.isArray(json.problems) ? json.problems.map(String) : [];
      throw new ApiRefused(r.status, String(json.error ?? 'REFUSED'), String(json.message ?? `Máy chủ từ chối (HTTP ${r.status}).`), problems);
    }
    return json as T;
  };
  return {
    createCode: (req) => call('POST', '/admin/codes', req),
    counters: async () => (await call<{ counters: CounterStatus[] }>('GET', '/admin/counters')).counters,
    revoke: (id) => call('POST', `/admin/counters/${encodeURIComponent(id)}/revoke`),
    publish: async (name, version, payload) => (await call<{ changeId: string }>('PUT', `/admin/reference/${name}`, { version, payload })).changeId,
  };
}

/** The commands that also work through a running hub. */
const VIA_API = new Set(['create-code', 'counters', 'revoke', 'load-reference']);

async function runCommand(command: string, values: Values, t: Target, defaultHubUrl: string): Promise<number> {
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
    // Checked before a code is made, so a wrong address never leaves a code nobody can use.
    const address = normalizeHubAddress(typeof values['hub-url'] === 'string' ? values['hub-url'] : defaultHubUrl);
    if (!address.ok) {
      console.error(`--hub-url: ${address.message}`);
      return 2;
    }
    const r = await t.createCode(req.data);
    const enrollText = enrollmentText({ hubUrl: address.url, code: r.code, counterId: req.data.counterId });
    // The code goes to the terminal of the admin who asked for it, never to the logs.
    console.log(JSON.stringify({ code: r.code, counterId: req.data.counterId, branchCode: req.data.branchCode, expiresAt: new Date(r.expiresAt).toISOString(), hubUrl: address.url, enrollText }));
    if (typeof values.png === 'string') await QRCode.toFile(values.png, enrollText, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
    // The QR for a person at a terminal; a script reading the JSON line gets nothing else.
    if (process.stdout.isTTY) {
      console.log(await QRCode.toString(enrollText, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }));
      console.log(`Quét mã QR trên ở bước “Máy chủ tỉnh” khi cài quầy ${req.data.counterId}, hoặc gõ địa chỉ ${address.url} và mã ${r.code}. Mã dùng một lần, hết hạn ${new Date(r.expiresAt).toLocaleString('vi-VN')}.`);
    }
    return 0;
  }
  if (command === 'load-reference') {
    const name = values.name;
    if (!isReferenceName(name) || typeof values.file !== 'string') {
      console.error(`Cần --name và --file <tệp JSON>. Các loại dữ liệu: ${REFERENCE_NAMES.map((n) => `${n} (${REFERENCE_KINDS[n].label})`).join(', ')}.`);
      return 2;
    }
    const payload = JSON.parse(readFileSync(values.file, 'utf8')) as { version?: unknown };
    const version = typeof values.version === 'string' ? values.version : typeof payload.version === 'string' ? payload.version : new Date().toISOString();
    const changeId = await t.publish(name, version, payload);
    console.log(JSON.stringify({ published: name, version, changeId }));
    return 0;
  }
  if (command === 'counters') {
    const hours = values['silent-hours'] === undefined ? 24 : Number(values['silent-hours']);
    if (!Number.isFinite(hours) || hours <= 0) {
      console.error('--silent-hours phải là một số giờ lớn hơn 0.');
      return 2;
    }
    const list = await t.counters();
    if (values.json) {
      console.log(JSON.stringify({ hubTime: Date.now(), counters: list }));
      return 0;
    }
    const { lines, silent, wrongClock, belowMinimum } = countersTable(list, Date.now(), hours * 3_600_000);
    for (const l of lines) console.log(l);
    console.log(`${list.length} quầy; ${silent} quầy im lặng quá ${hours} giờ; ${wrongClock} quầy lệch giờ quá ${CLOCK_SKEW_WARN_MS / 60_000} phút; ${belowMinimum} quầy dưới phiên bản tối thiểu.`);
    return values.check && silent + wrongClock > 0 ? 1 : 0;
  }
  if (command === 'revoke') {
    const id = codeId.safeParse(values.counter);
    if (!id.success) {
      console.error('Cần --counter <mã quầy> (chữ, số, . _ : -).');
      return 2;
    }
    const r = await t.revoke(id.data);
    console.log(`Đã thu hồi khoá truy cập của quầy ${id.data}; ${r.codesCancelled} mã đăng ký chưa dùng đã bị huỷ. Quầy này không gửi hay nhận được dữ liệu nữa cho đến khi được đăng ký lại bằng mã mới.`);
    return 0;
  }
  console.error(`Lệnh không rõ: ${command}. Dùng: serve | migrate | create-code | load-reference | create-admin | reset-feed | purge-expired | counters | revoke | updates | update-channel | update-publish | update-stage | update-assign | update-minimum | report | overdue-complaints`);
  return 2;
}

/** Reads the password: the first line of --password-file, else of stdin (never argv: it shows in `ps`). */
async function readPassword(file: string | undefined): Promise<string> {
  if (file) return (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '');
  if (process.stdin.isTTY) process.stderr.write('Mật khẩu (ít nhất 10 ký tự, gõ xong nhấn Enter): ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** `create-admin --username U [--display-name N] [--password-file F]`: an IT administrator of the console. */
async function createAdminCommand(db: HubDb, values: { username?: string; 'display-name'?: string; 'password-file'?: string }): Promise<number> {
  if (!values.username) {
    console.error('Cần --username <tên đăng nhập>; mật khẩu đọc từ --password-file hoặc từ đầu vào chuẩn (không bao giờ từ dòng lệnh).');
    return 2;
  }
  const password = await readPassword(values['password-file']);
  try {
    const u = await createUser(db, { username: values.username, displayName: values['display-name'], role: 'it_admin', password }, Date.now());
    console.log(`Đã tạo tài khoản quản trị CNTT ${u.username}. Đăng nhập trang quản trị tại /console/ của máy chủ.`);
    return 0;
  } catch (err) {
    if (err instanceof AccountError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

/** Refusals of a command, in the admin's terminal; anything else is thrown (exit 1). */
async function reported(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ReferenceError || (err instanceof ApiRefused && err.code === 'INVALID_REFERENCE')) {
      console.error(err.message);
      for (const p of err.problems) console.error(` - ${p}`);
      return 1;
    }
    if (err instanceof UnknownCounter || err instanceof ApiRefused) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
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
      'hub-url': { type: 'string' },
      png: { type: 'string' },
      name: { type: 'string' },
      file: { type: 'string' },
      version: { type: 'string' },
      'silent-hours': { type: 'string' },
      json: { type: 'boolean' },
      check: { type: 'boolean' },
      channel: { type: 'string' },
      url: { type: 'string' },
      dir: { type: 'string' },
      staging: { type: 'string' },
      percent: { type: 'string' },
      'allow-downgrade': { type: 'boolean' },
      none: { type: 'boolean' },
      period: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      'password-file': { type: 'string' },
    },
    strict: true,
  });

  const defaultHubUrl = env.HUB_PUBLIC_URL ?? `${cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host}:${cfg.port}`;

  if (command === 'serve') {
    if (!cluster.isWorker) await ensureConsoleBuilt();
    // On PostgreSQL always a primary and its workers, even for one worker: the primary replaces a
    // worker that dies. PGlite lives in one process (its lock is that process's).
    if (cfg.databaseUrl && cluster.isPrimary) return servePrimary(cfg);
    return serveOne(cfg);
  }

  // Checked before the database is opened: a mistyped period is answered at once, nothing written.
  const reportArgs = command === 'report' ? checkReportArgs(values) : null;
  if (reportArgs && !reportArgs.ok) {
    console.error(reportArgs.message);
    return 2;
  }
  let lock: HeldLock | undefined;
  if (!cfg.databaseUrl) {
    try {
      lock = await acquireLock(cfg.dataDir, { pid: process.pid, role: 'cli', command, startedAt: Date.now() });
    } catch (err) {
      if (!(err instanceof DataDirBusy)) throw err;
      const h = err.holder;
      if (h.role === 'serve' && h.url && h.secret && VIA_API.has(command)) return reported(() => runCommand(command, values, apiTarget(h), defaultHubUrl));
      console.error(err.message);
      return 1;
    }
  }
  try {
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
      if (command === 'overdue-complaints') return await overdueComplaintsCommand(db, values);
      if (command === 'reset-feed') {
        // After restoring the hub's database from a backup (see pull.ts): every counter pulls again.
        const epoch = await resetFeed(db);
        console.log(JSON.stringify({ feedReset: true, epoch }));
        return 0;
      }
      if (command === 'create-admin') return await createAdminCommand(db, values);
      if (command === 'purge-expired') {
        // Counts only: never a name, a number or any other content of what was purged.
        console.log(JSON.stringify({ purged: await purgeExpired(db, { now: Date.now() }) }));
        return 0;
      }
      if (command === 'migrate') {
        console.log(JSON.stringify({ migrated: true, db: db.kind }));
        return 0;
      }
      if (command.startsWith('update')) {
        try {
          return await updateCommand(db, cfg, command, values);
        } catch (err) {
          if (err instanceof UpdateError) {
            console.error(err.message);
            return 1;
          }
          throw err;
        }
      }
      return await reported(() => runCommand(command, values, directTarget(db), defaultHubUrl));
    } finally {
      await db.close();
    }
  } finally {
    await lock?.release();
  }
}

/** `overdue-complaints`: one line per complaint past its limit (or the JSON of the console's endpoint). */
async function overdueComplaintsCommand(db: HubDb, values: Values): Promise<number> {
  const branch = values.branch === undefined ? null : codeId.safeParse(values.branch);
  if (branch && !branch.success) {
    console.error('--branch phải là mã bưu cục (chữ, số, . _ : -).');
    return 2;
  }
  const r = await hubOverdueComplaints(db, Date.now(), branch?.data ?? null);
  if (values.json) {
    console.log(JSON.stringify(r));
    return 0;
  }
  for (const c of r.complaints) {
    console.log(`${c.branchCode}\t${c.number}\t${c.itemNumber ?? '—'}\t${c.kindLabel}\t${c.stateLabel}\thạn ${formatDateVi(c.deadline)}\tquá ${c.daysOverdue} ngày`);
  }
  console.log(`${r.count} khiếu nại quá hạn giải quyết${r.branch ? ` ở bưu cục ${r.branch}` : ' trong tỉnh'} (tính đến ngày ${formatDateVi(r.asOf)}).`);
  return 0;
}

const percentArg = (v: string | undefined): number | null => (v !== undefined && /^\d{1,3}$/.test(v) && Number(v) <= 100 ? Number(v) : null);

/** The update verbs (updates.ts); 2 for a usage error, 1 for a refusal. */
async function updateCommand(db: HubDb, cfg: HubConfig, command: string, values: Record<string, string | boolean | undefined>): Promise<number> {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const now = Date.now();
  if (command === 'updates') {
    const channels = await listChannels(db, cfg.updatesDir);
    const min = await minimumVersion(db);
    if (values.json) {
      console.log(JSON.stringify({ minVersion: min, channels }));
      return 0;
    }
    console.log(`Phiên bản tối thiểu: ${min ?? 'chưa đặt'}`);
    for (const c of channels) {
      const where = c.url ?? `máy chủ này (${cfg.updatesDir}/${c.name}/)`;
      const staged = c.stagingPercentage === null ? 'theo tệp kênh' : `${c.stagingPercentage}% số quầy`;
      console.log(`- ${c.name}: ${c.publishedVersion ? `bản ${c.publishedVersion}, ` : ''}triển khai ${staged}; ${c.counters} quầy, ${c.belowMinimum} dưới bản tối thiểu; tệp ở ${where}`);
    }
    return 0;
  }
  if (command === 'update-channel') {
    const name = str('name');
    if (!name) {
      console.error('Cần --name <kênh> (ví dụ: pilot) và, nếu tệp không để trên máy chủ này, --url <https://…>.');
      return 2;
    }
    const url = str('url');
    const c = await setChannel(db, name, url === undefined ? {} : { url: url === 'hub' ? null : url }, now);
    console.log(`Kênh ${c.name}: tệp cập nhật ở ${c.url ?? `máy chủ này, /updates/${c.name}/ (thư mục ${cfg.updatesDir}/${c.name}/)`}.`);
    return 0;
  }
  if (command === 'update-publish') {
    const channel = str('channel');
    const dir = str('dir');
    const staging = str('staging') === undefined ? 0 : percentArg(str('staging'));
    if (!channel || !dir || staging === null) {
      console.error('Cần --channel <kênh> --dir <thư mục release của electron-builder> [--staging <0–100, mặc định 0>].');
      return 2;
    }
    const r = await publishRelease(db, cfg.updatesDir, channel, dir, staging, now);
    console.log(`Đã công bố bản ${r.version} trên kênh ${channel} (${r.files.join(', ')}); đang mời ${staging}% số quầy của kênh. Tăng dần bằng: npm run hub -- update-stage --channel ${channel} --percent <P>`);
    return 0;
  }
  if (command === 'update-stage') {
    const channel = str('channel');
    const percent = percentArg(str('percent'));
    if (!channel || percent === null) {
      console.error('Cần --channel <kênh> --percent <0–100>.');
      return 2;
    }
    await setStaging(db, channel, percent, now);
    console.log(`Kênh ${channel}: mời ${percent}% số quầy cập nhật (mỗi quầy luôn nhận cùng một câu trả lời).`);
    return 0;
  }
  if (command === 'update-assign') {
    const channel = str('channel');
    const counterId = str('counter');
    const branchCode = str('branch');
    if (!channel || (counterId === undefined) === (branchCode === undefined)) {
      console.error('Cần --channel <kênh> và một trong --counter <mã quầy> hoặc --branch <mã bưu cục>.');
      return 2;
    }
    const moved = await assignChannel(db, counterId ? { counterId } : { branchCode: branchCode! }, channel, values['allow-downgrade'] === true);
    console.log(`Đã chuyển ${moved.length} quầy sang kênh ${channel}${values['allow-downgrade'] ? ' (được phép về bản cũ hơn)' : ''}: ${moved.join(', ')}.`);
    return 0;
  }
  if (command === 'update-minimum') {
    const version = str('version');
    if ((version === undefined) === (values.none !== true)) {
      console.error('Cần --version <phiên bản, ví dụ 1.4.2> hoặc --none (bỏ mức tối thiểu).');
      return 2;
    }
    await setMinimumVersion(db, version ?? null);
    console.log(version ? `Phiên bản tối thiểu: ${version}. Quầy chạy bản cũ hơn được báo ở lần đồng bộ kế tiếp và tự cập nhật khi rảnh; máy chủ vẫn nhận dữ liệu của chúng.` : 'Đã bỏ phiên bản tối thiểu.');
    return 0;
  }
  console.error(`Lệnh không rõ: ${command}.`);
  return 2;
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
