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
 *   report --period P --format xlsx|pdf --out F [--branch B]
 *                                   the periodic report (TT 17 Art. 13) of a quarter (2026-Q1), a
 *                                   half-year (2026-H1) or a year (2026), for the province or branch B
 *
 * DATABASE_URL selects PostgreSQL; without it the hub runs on an embedded PGlite in HUB_DATA_DIR
 * (default ~/.quayhcc-hub). Other settings: HUB_ADMIN_TOKEN, HUB_SERIAL_PREFIX, HUB_SERIAL_BLOCK,
 * HUB_LOG_LEVEL, HUB_WORKERS, HUB_TRUSTED_PROXIES, HUB_UPDATES_DIR (see config.ts).
 *
 * On PGlite the data folder is locked by the process that opens it (lock.ts). While the hub server
 * runs, every verb but migrate and reset-feed (VIA_HUB) is run by it for the CLI (serve.ts, POST
 * /admin/cli: the lock tells where and with which secret; create-admin's password is read here and
 * sent); on a stopped hub they open the folder themselves. On PostgreSQL they always work on the
 * database directly (it serves many processes). The verbs themselves are in cli-verbs.ts, one function each.
 *
 * Exit codes: 0 done; 1 failed (a fatal start-up error included, so that a supervisor restarts the
 * hub); 2 bad arguments.
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv, type HubConfig } from './config';
import { acquireLock, DataDirBusy, type HeldLock, type LockHolder } from './lock';
import { openHubDb, serveOne, servePrimary } from './serve';
import { checkReportArgs, CREATE_ADMIN_USAGE, PATH_OPTIONS, readPassword, runVerb, VERBS, VIA_HUB, type VerbIo, type VerbValues } from './cli-verbs';
import { ensureConsoleBuilt } from './console-api/build';

const isVerb = (c: string): boolean => Object.hasOwn(VERBS, c);

const OPTIONS = {
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
} as const;

const consoleIo = (): VerbIo => ({ out: (l) => console.log(l), err: (l) => console.error(l), tty: process.stdout.isTTY === true });

/**
 * Has the running hub run the verb (it holds the PGlite folder) and prints what it wrote. File
 * options are made absolute first: the hub's working folder is not this one's.
 */
async function viaHub(holder: LockHolder, verb: string, values: VerbValues, defaultHubUrl: string, io: VerbIo): Promise<number> {
  const abs: VerbValues = { ...values };
  for (const k of PATH_OPTIONS) if (typeof abs[k] === 'string') abs[k] = resolve(abs[k] as string);
  let r: Response;
  try {
    r = await fetch(`${holder.url}/admin/cli`, {
      method: 'POST',
      headers: { authorization: `Bearer ${holder.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ verb, values: Object.fromEntries(Object.entries(abs).filter(([, v]) => v !== undefined)), defaultHubUrl, tty: io.tty }),
      // A province's yearly report can take a while.
      signal: AbortSignal.timeout(600_000),
    });
  } catch (err) {
    io.err(`Không gọi được máy chủ đang chạy tại ${holder.url} (${err instanceof Error ? err.message : String(err)}).`);
    return 1;
  }
  const json = (await r.json().catch(() => ({}))) as { code?: unknown; out?: unknown; err?: unknown; message?: unknown };
  if (!r.ok || typeof json.code !== 'number') {
    io.err(typeof json.message === 'string' ? json.message : `Máy chủ từ chối lệnh (HTTP ${r.status}).`);
    return 1;
  }
  for (const l of Array.isArray(json.out) ? json.out : []) io.out(String(l));
  for (const l of Array.isArray(json.err) ? json.err : []) io.err(String(l));
  return json.code;
}

/** `serve`: on PostgreSQL always a primary and its workers (the primary replaces a worker that dies); PGlite lives in one process. */
async function serve(cfg: HubConfig): Promise<number> {
  if (!cluster.isWorker) await ensureConsoleBuilt();
  if (cfg.databaseUrl && cluster.isPrimary) return servePrimary(cfg);
  return serveOne(cfg);
}

/** A verb on the database: opened here (PostgreSQL, or a PGlite folder nobody holds), or run by the PGlite hub that holds it. */
async function runCommand(cfg: HubConfig, verb: string, values: VerbValues, defaultHubUrl: string): Promise<number> {
  const io = consoleIo();
  let lock: HeldLock | undefined;
  if (!cfg.databaseUrl) {
    try {
      lock = await acquireLock(cfg.dataDir, { pid: process.pid, role: 'cli', command: verb, startedAt: Date.now() });
    } catch (err) {
      if (!(err instanceof DataDirBusy)) throw err;
      const h = err.holder;
      if (h.role === 'serve' && h.url && h.secret && VIA_HUB.has(verb)) {
        // create-admin: the password is read here (file or this terminal) and sent, never read by the hub.
        const sent = verb === 'create-admin' ? { ...values, 'password-file': undefined, password: await readPassword(values['password-file'] as string | undefined) } : values;
        return viaHub(h, verb, sent, defaultHubUrl, io);
      }
      io.err(err.message);
      return 1;
    }
  }
  // A PGlite folder with no database yet is made by this command. Said, because the usual reason is
  // a command run without the service's HUB_DATA_DIR (or as another user): its code or account
  // would be in a database no hub serves.
  const fresh = !cfg.databaseUrl && !existsSync(join(cfg.dataDir, 'PG_VERSION'));
  try {
    const db = await openHubDb(cfg);
    try {
      return await runVerb(verb, { db, cfg, values, io, defaultHubUrl });
    } finally {
      await db.close();
      if (fresh) io.err(freshFolderNote(cfg.dataDir));
    }
  } finally {
    await lock?.release();
  }
}

export const freshFolderNote = (dir: string): string =>
  `Lưu ý: thư mục dữ liệu ${dir} chưa có cơ sở dữ liệu nên lệnh vừa tạo mới ở đó. Nếu máy chủ tỉnh chạy với thư mục khác ` +
  '(HUB_DATA_DIR của dịch vụ, ví dụ /var/lib/quayhcc-hub) thì kết quả này không có ở máy chủ đó: chạy lại lệnh với HUB_DATA_DIR của nó, bằng tài khoản của nó.';

/** node:util parseArgs's refusal, in Vietnamese (exit code 2). */
function argsMessage(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const text = err instanceof Error ? err.message : String(err);
  const opt = /'(-[^']*)'/.exec(text)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    if (/^--password(=|$)/.test(opt)) return 'Không nhận mật khẩu từ dòng lệnh (nó ở lại trong lịch sử lệnh): dùng --password-file <tệp> hoặc gõ khi được hỏi.';
    return `Không có tuỳ chọn ${opt}. Xem danh sách lệnh và tuỳ chọn trong src/hub/README.md.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `Tuỳ chọn ${opt.split(/[ =]/)[0]} dùng sai: ${/argument missing/.test(text) ? 'cần một giá trị sau nó' : 'nó không nhận giá trị'}.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Thừa đối số “${/'([^']*)'/.exec(text)?.[1] ?? text}”: giá trị có dấu cách phải đặt trong ngoặc kép ("Quầy 1").`;
  return `Đối số không hợp lệ: ${text}`;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const cfg = configFromEnv(env);
  const command = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'serve';
  let values: VerbValues;
  try {
    values = parseArgs({ args: command === argv[0] ? argv.slice(1) : argv, options: OPTIONS, strict: true }).values;
  } catch (err) {
    console.error(argsMessage(err));
    return 2;
  }
  if (command === 'serve') return serve(cfg);
  if (!isVerb(command)) {
    console.error(`Lệnh không rõ: ${command}. Dùng: serve | ${Object.keys(VERBS).join(' | ')}`);
    return 2;
  }
  // Checked before the database is opened (and before a password is asked for): answered at once, nothing written.
  if (command === 'create-admin' && typeof values.username !== 'string') {
    console.error(CREATE_ADMIN_USAGE);
    return 2;
  }
  // A mistyped period too.
  const reportArgs = command === 'report' ? checkReportArgs(values) : null;
  if (reportArgs && !reportArgs.ok) {
    console.error(reportArgs.message);
    return 2;
  }
  const defaultHubUrl = env.HUB_PUBLIC_URL ?? `${cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host}:${cfg.port}`;
  return runCommand(cfg, command, values, defaultHubUrl);
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
