/**
 * The provincial console's JSON API (/console/api/…) and its static pages (/console/).
 *
 * Who: a person logged in with a hub account (accounts.ts); the session id rides in an HttpOnly,
 * SameSite=Strict cookie scoped to /console. Against cross-site requests, every state-changing
 * request must also carry the header CONSOLE_CSRF_HEADER: a page on another site cannot add a custom
 * header without a CORS preflight, which this hub never grants. HUB_ADMIN_TOKEN (/admin/…) is for
 * scripts and is not accepted here.
 *
 * Roles: it_admin does everything; province_manager reads everything (reports and complaints
 * included); branch_manager reads only their own branch (counters, updates, reports, complaints).
 * Every route states its roles with `requireUser(...)`; the pages only hide what the server refuses.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { enrollmentText, normalizeHubAddress } from '../../shared/enrollment';
import { codeId, CreateCodeRequestSchema } from '../../shared/sync-protocol';
import { listCounters, revokeCounter, UnknownCounter } from '../counters';
import type { HubDb } from '../db';
import { createEnrollmentCode, EnrollError } from '../enroll';
import { scrub } from '../log';
import { minimumVersion } from '../updates';
import { catalogueRoutes } from './catalogue-routes';
import { hubOverdueComplaints } from '../overdue-complaints';
import { ConsoleHttpError } from './errors';

export { ConsoleHttpError };
import { AccountError, IDLE_MS, login, logout, sessionUser, type HubUser, type Role } from './accounts';
import type { ConsoleContext } from './context';
import { consoleReferenceRoutes } from './reference-routes';
import { consoleReportRoutes } from './reports-routes';
import { consoleUpdateRoutes } from './updates-routes';
import { usersRoutes } from './users-routes';

export const CONSOLE_BASE = '/console';
export const SESSION_COOKIE = 'qhcc_console';
export const CONSOLE_CSRF_HEADER = 'x-quayhcc-console';

export interface ConsoleOptions {
  db: HubDb;
  now: () => number;
  /** The address counters reach this hub at (written in the enrollment QR). */
  publicUrl?: string | undefined;
  /** The built SPA (out/console); absent: the pages answer 503 with how to build them. */
  staticDir?: string | undefined;
  /** Add `Secure` to the cookie (the hub is behind HTTPS). */
  secureCookie?: boolean;
  /** Where the update files are (updates.ts), for the updates page. */
  updatesDir?: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleUser?: HubUser;
  }
}

function cookie(req: FastifyRequest, name: string): string | undefined {
  const h = req.headers.cookie;
  if (typeof h !== 'string') return undefined;
  for (const part of h.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

const LoginSchema = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function consoleRoutes(app: FastifyInstance, opts: ConsoleOptions): void {
  const { db, now } = opts;
  const secure = opts.secureCookie ? '; Secure' : '';

  const requireUser =
    (...roles: Role[]) =>
    async (req: FastifyRequest): Promise<void> => {
      const m = req.method;
      if (m !== 'GET' && m !== 'HEAD' && req.headers[CONSOLE_CSRF_HEADER] !== '1') {
        throw new ConsoleHttpError(403, 'CSRF', 'Yêu cầu không đến từ trang quản trị; hãy tải lại trang.');
      }
      const user = await sessionUser(db, cookie(req, SESSION_COOKIE), now());
      if (!user) throw new ConsoleHttpError(401, 'NO_SESSION', 'Phiên làm việc đã hết hạn; hãy đăng nhập lại.');
      if (roles.length > 0 && !roles.includes(user.role)) throw new ConsoleHttpError(403, 'FORBIDDEN', 'Tài khoản của bạn không có quyền làm việc này.');
      req.consoleUser = user;
    };
  const anyone = requireUser();
  const itOnly = requireUser('it_admin');

  const api = `${CONSOLE_BASE}/api`;

  app.post(`${api}/login`, async (req, reply) => {
    if (req.headers[CONSOLE_CSRF_HEADER] !== '1') throw new ConsoleHttpError(403, 'CSRF', 'Yêu cầu không đến từ trang quản trị; hãy tải lại trang.');
    const body = LoginSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Hãy nhập tên đăng nhập và mật khẩu.');
    try {
      const s = await login(db, body.data.username, body.data.password, now());
      req.log.info({ username: s.user.username, role: s.user.role }, 'console login');
      reply.header('set-cookie', `${SESSION_COOKIE}=${s.sessionId}; Path=${CONSOLE_BASE}; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(IDLE_MS / 1000)}${secure}`);
      return { user: s.user };
    } catch (err) {
      if (err instanceof AccountError) {
        // What was typed may be anything (an ID number in the wrong box): scrubbed like error messages.
        req.log.warn({ username: scrub(body.data.username.slice(0, 40)), code: err.code }, 'console login refused');
        if (err.code === 'LOCKED') reply.header('retry-after', String(Math.ceil(err.retryAfterMs / 1000)));
        throw new ConsoleHttpError(err.code === 'LOCKED' ? 429 : 401, err.code, err.message);
      }
      throw err;
    }
  });

  app.post(`${api}/logout`, async (req, reply) => {
    if (req.headers[CONSOLE_CSRF_HEADER] !== '1') throw new ConsoleHttpError(403, 'CSRF', 'Yêu cầu không đến từ trang quản trị; hãy tải lại trang.');
    await logout(db, cookie(req, SESSION_COOKIE));
    reply.header('set-cookie', `${SESSION_COOKIE}=; Path=${CONSOLE_BASE}; HttpOnly; SameSite=Strict; Max-Age=0${secure}`);
    return { ok: true };
  });

  app.get(`${api}/me`, { onRequest: anyone }, async (req) => ({ user: req.consoleUser, now: now(), publicUrl: opts.publicUrl ?? null }));

  app.get(`${api}/counters`, { onRequest: anyone }, async (req) => {
    const u = req.consoleUser!;
    const all = await listCounters(db);
    return { now: now(), minVersion: await minimumVersion(db), counters: u.role === 'branch_manager' ? all.filter((c) => c.branchCode === u.branchCode) : all };
  });

  // Complaints past their settling limit (issue 13), JSON; a branch manager sees their own branch only.
  app.get(`${api}/complaints/overdue`, { onRequest: anyone }, async (req) => {
    const u = req.consoleUser!;
    const q = z.strictObject({ branch: codeId.optional() }).safeParse(req.query);
    if (!q.success) throw new ConsoleHttpError(400, 'INVALID', 'Mã bưu cục không hợp lệ.');
    const branch = u.role === 'branch_manager' ? u.branchCode : (q.data.branch ?? null);
    return hubOverdueComplaints(db, now(), branch);
  });

  app.post(`${api}/counters/:id/revoke`, { onRequest: itOnly }, async (req) => {
    const id = codeId.safeParse((req.params as { id: string }).id);
    if (!id.success) throw new ConsoleHttpError(404, 'NOT_FOUND', 'Không có quầy này trên máy chủ.');
    try {
      const r = await revokeCounter(db, id.data, now());
      req.log.warn({ counterId: id.data, by: req.consoleUser!.username }, 'counter revoked from the console');
      return { counterId: id.data, ...r };
    } catch (err) {
      if (err instanceof UnknownCounter) throw new ConsoleHttpError(404, 'NOT_FOUND', err.message);
      throw err;
    }
  });

  app.post(`${api}/codes`, { onRequest: itOnly }, async (req) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const { hubUrl: wantedUrl, ...rest } = raw;
    const body = CreateCodeRequestSchema.safeParse(rest);
    if (!body.success) {
      const where = body.error.issues.map((i) => String(i.path[0] ?? '')).filter(Boolean);
      throw new ConsoleHttpError(400, 'INVALID', 'Mã bưu cục và mã quầy gồm chữ, số, dấu gạch (tối đa 40 ký tự); thời hạn từ 1 phút đến 30 ngày.', { fields: where });
    }
    const addrText = typeof wantedUrl === 'string' && wantedUrl.trim() ? wantedUrl : opts.publicUrl;
    if (!addrText) throw new ConsoleHttpError(400, 'NO_HUB_URL', 'Hãy nhập địa chỉ máy chủ mà quầy kết nối tới (hoặc đặt HUB_PUBLIC_URL).', { fields: ['hubUrl'] });
    const addr = normalizeHubAddress(addrText);
    if (!addr.ok) throw new ConsoleHttpError(400, 'BAD_HUB_URL', addr.message, { fields: ['hubUrl'] });
    try {
      const r = await createEnrollmentCode(db, body.data, now());
      const text = enrollmentText({ hubUrl: addr.url, code: r.code, counterId: body.data.counterId });
      const { default: QRCode } = await import('qrcode');
      const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      req.log.info({ counterId: body.data.counterId, branchCode: body.data.branchCode, by: req.consoleUser!.username }, 'enrollment code created from the console');
      return { code: r.code, expiresAt: r.expiresAt, counterId: body.data.counterId, branchCode: body.data.branchCode, hubUrl: addr.url, qrText: text, qrSvg: svg };
    } catch (err) {
      if (err instanceof EnrollError) throw new ConsoleHttpError(err.status, err.code, err.message);
      throw err;
    }
  });

  const ctx: ConsoleContext = { db, now, api, allow: requireUser, updatesDir: opts.updatesDir, publicUrl: opts.publicUrl };
  usersRoutes(app, ctx);
  consoleUpdateRoutes(app, ctx);
  consoleReportRoutes(app, ctx);
  consoleReferenceRoutes(app, ctx);
  catalogueRoutes(app, { db, now, anyone, itOnly, api });

  // The single-page app: its files, and index.html for every other address under /console/.
  const dir = opts.staticDir ? resolve(opts.staticDir) : undefined;
  const sendFile = (reply: FastifyReply, file: string) => {
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    return reply.type(MIME[extname(file)] ?? 'application/octet-stream').send(readFileSync(file));
  };
  app.get(CONSOLE_BASE, async (_req, reply) => reply.redirect(`${CONSOLE_BASE}/`));
  app.get(`${CONSOLE_BASE}/*`, async (req, reply) => {
    const rel = (req.params as { '*': string })['*'] ?? '';
    if (rel.startsWith('api/')) throw new ConsoleHttpError(404, 'NOT_FOUND', 'Không có địa chỉ này trên máy chủ.');
    if (!dir || !existsSync(join(dir, 'index.html'))) {
      return reply.status(503).type('text/plain; charset=utf-8').send('Trang quản trị chưa được dựng: chạy "npm run build:console" rồi khởi động lại máy chủ.');
    }
    const file = normalize(join(dir, rel));
    if (rel && file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile()) {
      if (rel.startsWith('assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      return sendFile(reply, file);
    }
    return sendFile(reply, join(dir, 'index.html'));
  });
}
