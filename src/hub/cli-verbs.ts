/**
 * The hub CLI's verbs, one small function each, run on an open database: by the CLI itself (a
 * stopped PGlite hub, or PostgreSQL), or by the running PGlite hub for the CLI (serve.ts, POST
 * /admin/cli), which then prints what the verb wrote. A verb writes through `io`, never to the
 * console directly, and returns its exit code: 0 done, 1 refused, 2 bad arguments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CLOCK_SKEW_WARN_MS, codeId, CreateCodeRequestSchema } from '../shared/sync-protocol';
import { isReferenceName, REFERENCE_KINDS, REFERENCE_NAMES } from '../shared/reference-kinds';
import { enrollmentText, normalizeHubAddress } from '../shared/enrollment';
import { parsePeriod, type ReportPeriod } from '../shared/report/period';
import type { HubConfig } from './config';
import type { HubDb } from './db';
import { countersTable, listCounters, revokeCounter, UnknownCounter } from './counters';
import { createEnrollmentCode } from './enroll';
import { publishReference, ReferenceError } from './reference';
import { resetFeed } from './pull';
import { periodicReport, ReportInputError } from './report';
import { UpdateError } from './updates';
import { AccountError, createUser } from './console-api/accounts';
import { UPDATE_VERBS } from './cli-update-verbs';
import { hubOverdueComplaints } from './overdue-complaints';
import { purgeExpired } from './retention';
import { formatDateVi } from '../shared/calendar';

export type VerbValues = Record<string, string | boolean | undefined>;

export interface VerbIo {
  out(line: string): void;
  err(line: string): void;
  /** Whether the person's terminal is a TTY (the QR is drawn only there). */
  tty: boolean;
}

export interface VerbContext {
  db: HubDb;
  cfg: HubConfig;
  values: VerbValues;
  io: VerbIo;
  /** The address counters reach this hub at, unless --hub-url says otherwise. */
  defaultHubUrl: string;
}

export type Verb = (c: VerbContext & { str(key: string): string | undefined }) => Promise<number>;

type ReportArgs = { ok: true; period: ReportPeriod; format: 'xlsx' | 'pdf'; out: string; branch: string | null } | { ok: false; message: string };

/** The report command's arguments, each refusal one Vietnamese line (checked before the database is opened). */
export function checkReportArgs(v: VerbValues): ReportArgs {
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const period = s('period');
  if (!period) return { ok: false, message: 'Cần --period: quý (2026-Q1), nửa năm (2026-H1) hoặc năm (2026).' };
  const p = parsePeriod(period);
  if (!p.ok) return { ok: false, message: p.message };
  const format = (s('format') ?? 'xlsx').toLowerCase();
  if (format !== 'xlsx' && format !== 'pdf') return { ok: false, message: `Định dạng “${s('format') ?? ''}” không hỗ trợ: dùng --format xlsx hoặc --format pdf.` };
  const out = s('out');
  if (!out) return { ok: false, message: 'Cần --out <tệp> để ghi báo cáo.' };
  const branch = s('branch');
  if (branch !== undefined && !codeId.safeParse(branch).success) return { ok: false, message: `Mã bưu cục “${branch}” không hợp lệ (chữ, số, . _ : -).` };
  return { ok: true, period: p.value, format, out, branch: branch ?? null };
}

const report: Verb = async ({ db, values, io }) => {
  const a = checkReportArgs(values);
  if (!a.ok) {
    io.err(a.message);
    return 2;
  }
  const r = await periodicReport(db, a.period, a.branch, Date.now());
  // Loaded here only: exceljs and pdf-lib are heavy, and every other verb and the server start without them.
  const { reportPdf, reportXlsx } = await import('./report-output');
  const bytes = a.format === 'xlsx' ? await reportXlsx(r) : await reportPdf(r);
  writeFileSync(a.out, bytes);
  io.out(JSON.stringify({ report: r.period.key, branch: r.branch?.code ?? null, format: a.format, out: a.out, dossiers: r.dossiers.total, bytes: bytes.length }));
  return 0;
};

const isLoopback = (host: string): boolean => /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(host);

export const loopbackNote = (url: string): string =>
  `Lưu ý: địa chỉ máy chủ trong mã là ${url}, chỉ chính máy này tới được. Quầy ở máy khác cần địa chỉ của máy chủ trong mạng ` +
  '(ví dụ 10.20.0.5:8787, hoặc https://… của proxy): đặt HUB_PUBLIC_URL cho máy chủ, hoặc thêm --hub-url <địa chỉ> khi tạo mã.';

const createCode: Verb = async ({ db, values, io, str, defaultHubUrl }) => {
  const req = CreateCodeRequestSchema.safeParse({
    branchCode: values.branch,
    counterId: values.counter,
    ...(values['branch-name'] ? { branchName: values['branch-name'] } : {}),
    ...(values['counter-name'] ? { counterName: values['counter-name'] } : {}),
    ...(values['ttl-minutes'] ? { ttlMinutes: Number(values['ttl-minutes']) } : {}),
  });
  if (!req.success) {
    io.err('Cần --branch <mã bưu cục> và --counter <mã quầy> (chữ, số, . _ : -).');
    return 2;
  }
  // Checked before a code is made, so a wrong address never leaves a code nobody can use.
  const address = normalizeHubAddress(str('hub-url') ?? defaultHubUrl);
  if (!address.ok) {
    io.err(`--hub-url: ${address.message}`);
    return 2;
  }
  const r = await createEnrollmentCode(db, req.data, Date.now());
  const enrollText = enrollmentText({ hubUrl: address.url, code: r.code, counterId: req.data.counterId });
  // The code goes to the terminal of the admin who asked for it, never to the logs.
  io.out(JSON.stringify({ code: r.code, counterId: req.data.counterId, branchCode: req.data.branchCode, expiresAt: new Date(r.expiresAt).toISOString(), hubUrl: address.url, enrollText }));
  // The default address (HUB_HOST:HUB_PORT, 127.0.0.1 out of the box) is this machine's own: a
  // counter elsewhere cannot reach it. Said on stderr (stdout stays the one JSON line).
  if (isLoopback(new URL(address.url).hostname)) io.err(loopbackNote(address.url));
  const png = str('png');
  if (!png && !io.tty) return 0;
  const { default: QRCode } = await import('qrcode');
  if (png) await QRCode.toFile(png, enrollText, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
  // The QR for a person at a terminal; a script reading the JSON line gets nothing else.
  if (io.tty) {
    io.out(await QRCode.toString(enrollText, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }));
    io.out(`Quét mã QR trên ở bước “Máy chủ tỉnh” khi cài quầy ${req.data.counterId}, hoặc gõ địa chỉ ${address.url} và mã ${r.code}. Mã dùng một lần, hết hạn ${new Date(r.expiresAt).toLocaleString('vi-VN')}.`);
  }
  return 0;
};

const loadReference: Verb = async ({ db, values, io, str }) => {
  const name = values.name;
  const file = str('file');
  if (!isReferenceName(name) || !file) {
    io.err(`Cần --name và --file <tệp JSON>. Các loại dữ liệu: ${REFERENCE_NAMES.map((n) => `${n} (${REFERENCE_KINDS[n].label})`).join(', ')}.`);
    return 2;
  }
  const payload = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
  const version = str('version') ?? (typeof payload.version === 'string' ? payload.version : new Date().toISOString());
  const changeId = await publishReference(db, name, version, payload, Date.now());
  io.out(JSON.stringify({ published: name, version, changeId }));
  return 0;
};

const counters: Verb = async ({ db, values, io }) => {
  const hours = values['silent-hours'] === undefined ? 24 : Number(values['silent-hours']);
  if (!Number.isFinite(hours) || hours <= 0) {
    io.err('--silent-hours phải là một số giờ lớn hơn 0.');
    return 2;
  }
  const list = await listCounters(db);
  if (values.json) {
    io.out(JSON.stringify({ hubTime: Date.now(), counters: list }));
    return 0;
  }
  const { lines, silent, wrongClock, belowMinimum } = countersTable(list, Date.now(), hours * 3_600_000);
  for (const l of lines) io.out(l);
  io.out(`${list.length} quầy; ${silent} quầy im lặng quá ${hours} giờ; ${wrongClock} quầy lệch giờ quá ${CLOCK_SKEW_WARN_MS / 60_000} phút; ${belowMinimum} quầy dưới phiên bản tối thiểu.`);
  return values.check && silent + wrongClock > 0 ? 1 : 0;
};

const revoke: Verb = async ({ db, values, io }) => {
  const id = codeId.safeParse(values.counter);
  if (!id.success) {
    io.err('Cần --counter <mã quầy> (chữ, số, . _ : -).');
    return 2;
  }
  const r = await revokeCounter(db, id.data, Date.now());
  io.out(`Đã thu hồi khoá truy cập của quầy ${id.data}; ${r.codesCancelled} mã đăng ký chưa dùng đã bị huỷ. Quầy này không gửi hay nhận được dữ liệu nữa cho đến khi được đăng ký lại bằng mã mới.`);
  return 0;
};

/** After restoring the hub's database from a backup (see pull.ts): every counter pulls again. */
const resetFeedVerb: Verb = async ({ db, io }) => {
  io.out(JSON.stringify({ feedReset: true, epoch: await resetFeed(db) }));
  return 0;
};

const migrate: Verb = async ({ db, io }) => {
  io.out(JSON.stringify({ migrated: true, db: db.kind }));
  return 0;
};

/** create-admin's password: the first line of --password-file, else of stdin (never argv: it shows in `ps`). */
export async function readPassword(file: string | undefined): Promise<string> {
  if (file) return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  if (process.stdin.isTTY) process.stderr.write('Mật khẩu (ít nhất 10 ký tự, gõ xong nhấn Enter): ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export const CREATE_ADMIN_USAGE = 'Cần --username <tên đăng nhập>; mật khẩu đọc từ --password-file hoặc từ đầu vào chuẩn (không bao giờ từ dòng lệnh).';

/**
 * `create-admin --username U [--display-name N] [--password-file F]`: an IT administrator of the
 * console. Run by a running PGlite hub for the CLI, the password comes read already (`password`, never
 * a command-line option: main.ts reads it from the file or the person's terminal and sends it).
 */
const createAdmin: Verb = async ({ db, io, str }) => {
  const username = str('username');
  if (!username) {
    io.err(CREATE_ADMIN_USAGE);
    return 2;
  }
  const password = str('password') ?? (await readPassword(str('password-file')));
  const u = await createUser(db, { username, displayName: str('display-name'), role: 'it_admin', password }, Date.now());
  io.out(`Đã tạo tài khoản quản trị CNTT ${u.username}. Đăng nhập trang quản trị tại /console/ của máy chủ.`);
  return 0;
};

/** `overdue-complaints [--branch B] [--json]`: one line per complaint past its limit (or the console endpoint's JSON). */
const overdueComplaints: Verb = async ({ db, values, io, str }) => {
  const given = str('branch');
  const branch = given === undefined ? null : codeId.safeParse(given);
  if (branch && !branch.success) {
    io.err('--branch phải là mã bưu cục (chữ, số, . _ : -).');
    return 2;
  }
  const r = await hubOverdueComplaints(db, Date.now(), branch?.data ?? null);
  if (values.json) {
    io.out(JSON.stringify(r));
    return 0;
  }
  for (const c of r.complaints) {
    io.out(`${c.branchCode}\t${c.number}\t${c.itemNumber ?? '—'}\t${c.kindLabel}\t${c.stateLabel}\thạn ${formatDateVi(c.deadline)}\tquá ${c.daysOverdue} ngày`);
  }
  io.out(`${r.count} khiếu nại quá hạn giải quyết${r.branch ? ` ở bưu cục ${r.branch}` : ' trong tỉnh'} (tính đến ngày ${formatDateVi(r.asOf)}).`);
  return 0;
};

/** `purge-expired`: the 5-year purge now (retention.ts); counts only, never a name, a number or other content. */
const purgeExpiredVerb: Verb = async ({ db, io }) => {
  io.out(JSON.stringify({ purged: await purgeExpired(db, { now: Date.now() }) }));
  return 0;
};

export const VERBS: Record<string, Verb> = {
  migrate,
  'reset-feed': resetFeedVerb,
  'create-admin': createAdmin,
  'create-code': createCode,
  'load-reference': loadReference,
  counters,
  revoke,
  report,
  'overdue-complaints': overdueComplaints,
  'purge-expired': purgeExpiredVerb,
  ...UPDATE_VERBS,
};

/**
 * The verbs a running PGlite hub runs for the CLI. Not migrate and reset-feed (they need the hub
 * stopped). create-admin goes with its password read by the CLI (main.ts), never by the hub.
 */
export const VIA_HUB = new Set(['create-admin', 'create-code', 'load-reference', 'counters', 'revoke', 'report', 'overdue-complaints', 'purge-expired', ...Object.keys(UPDATE_VERBS)]);

/** Options naming files: made absolute before a verb runs in the hub's process (its own working folder). */
export const PATH_OPTIONS = ['file', 'dir', 'out', 'png', 'password-file'] as const;

/** Runs a verb; its refusals become one message (and the problems) in `io.err` and exit code 1 (2 for report input). */
export async function runVerb(name: string, c: VerbContext): Promise<number> {
  const verb = Object.hasOwn(VERBS, name) ? VERBS[name] : undefined;
  if (!verb) {
    c.io.err(`Lệnh không rõ: ${name}. Dùng: serve | ${Object.keys(VERBS).join(' | ')}`);
    return 2;
  }
  const str = (k: string) => (typeof c.values[k] === 'string' ? (c.values[k] as string) : undefined);
  try {
    return await verb({ ...c, str });
  } catch (err) {
    if (err instanceof ReferenceError) {
      c.io.err(err.message);
      for (const p of err.problems) c.io.err(` - ${p}`);
      return 1;
    }
    if (err instanceof ReportInputError) {
      c.io.err(err.message);
      return 2;
    }
    if (err instanceof UnknownCounter || err instanceof UpdateError || err instanceof AccountError) {
      c.io.err(err.message);
      return 1;
    }
    throw err;
  }
}
