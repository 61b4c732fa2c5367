/**
 * What the hub's route modules share: the refusal type every handler throws (answered by base.ts's
 * error handler), the zod-failure refusal, the bearer token, and the guards for counters and scripts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Clock } from '../../shared/ports';
import { COUNTER_TIME_HEADER, COUNTER_VERSION_HEADER } from '../../shared/sync-protocol';
import type { HubDb } from '../db';
import { adminTokenOk, authenticate } from '../enroll';
import { scrub } from '../log';
import { FailureLimiter } from '../rate-limit';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const invalid = (err: z.ZodError): HttpError => {
  const where = err.issues
    .slice(0, 5)
    .map((i) => i.path.map((p) => scrub(String(p))).join('.') || '(gốc)')
    .join(', ');
  return new HttpError(400, 'INVALID', `Dữ liệu gửi lên không hợp lệ (${where}).`, {
    issues: err.issues.slice(0, 20).map((i) => ({ path: i.path.map((p) => scrub(String(p))), code: i.code })),
  });
};

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer ([^\s]+)$/.exec(h);
  return m?.[1];
}

export const tooMany = (reply: FastifyReply, wait: number, message: string): HttpError => {
  reply.header('retry-after', String(Math.ceil(wait / 1000)));
  return new HttpError(429, 'TOO_MANY_ATTEMPTS', `${message} hãy thử lại sau ${Math.ceil(wait / 60_000)} phút.`);
};

export type Guard = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** A counter's token (runs before the body is read): sets req.caller and req.updatePolicy. */
export function counterGuard(db: HubDb, clock: Clock): Guard {
  return async (req) => {
    const token = bearer(req);
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const who = token ? await authenticate(db, token, clock.now(), { appVersion: header(COUNTER_VERSION_HEADER), counterTime: header(COUNTER_TIME_HEADER) }) : null;
    if (!who) throw new HttpError(401, 'UNAUTHORIZED', 'Quầy chưa đăng ký với máy chủ hoặc mã truy cập không còn hiệu lực; hãy đăng ký lại.');
    req.caller = { counterId: who.counterId, branchCode: who.branchCode };
    req.updatePolicy = who.update;
  };
}

/** HUB_ADMIN_TOKEN or the lock file's CLI secret (runs before the body is read); wrong ones are rate limited. */
export function adminGuard(
  db: HubDb,
  clock: Clock,
  o: { adminToken?: string | undefined; cliSecret?: string | undefined; adminLimit?: { max: number; windowMs: number } | undefined },
): Guard {
  const adminFailures = new FailureLimiter(db, 'admin', o.adminLimit?.max, o.adminLimit?.windowMs, () => clock.now());
  return async (req, reply) => {
    if (!o.adminToken && !o.cliSecret) throw new HttpError(403, 'ADMIN_DISABLED', 'Chức năng quản trị qua mạng đang tắt (chưa đặt HUB_ADMIN_TOKEN); hãy dùng lệnh trên máy chủ.');
    const wait = await adminFailures.retryAfterMs(req.ip);
    if (wait > 0) {
      req.log.warn({ ip: req.ip }, 'admin request refused: too many wrong tokens');
      throw tooMany(reply, wait, 'Máy này đã gửi sai mã quản trị quá nhiều lần;');
    }
    const presented = bearer(req);
    if (!adminTokenOk(o.adminToken, presented) && !adminTokenOk(o.cliSecret, presented)) {
      await adminFailures.fail(req.ip);
      throw new HttpError(401, 'UNAUTHORIZED', 'Sai mã quản trị.');
    }
  };
}

/** What every route module receives from buildHub. */
export interface RouteContext {
  db: HubDb;
  clock: Clock;
  requireCounter: Guard;
  requireAdmin: Guard;
}
