/**
 * Enrollment and the counters' administration for scripts: /enroll (a counter trades a one-time code
 * for its token), /admin/codes, /admin/counters and revoking a lost counter's token.
 */
import type { FastifyInstance } from 'fastify';
import { codeId, CreateCodeRequestSchema, EnrollRequestSchema } from '../../shared/sync-protocol';
import { listCounters, revokeCounter, UnknownCounter } from '../counters';
import { createEnrollmentCode, EnrollError, enrollWithCode } from '../enroll';
import { FailureLimiter } from '../rate-limit';
import type { SerialConfig } from '../serials';
import { counterPolicy } from '../updates';
import { HttpError, invalid, tooMany, type RouteContext } from './http';

export function enrollRoutes(app: FastifyInstance, ctx: RouteContext, serials: SerialConfig, limit?: { max: number; windowMs: number }): void {
  const { db, clock } = ctx;
  const enrollFailures = new FailureLimiter(db, 'enroll', limit?.max, limit?.windowMs, () => clock.now());
  app.post('/enroll', async (req, reply) => {
    const wait = await enrollFailures.retryAfterMs(req.ip);
    if (wait > 0) {
      req.log.warn({ ip: req.ip }, 'enrollment refused: too many wrong codes');
      throw tooMany(reply, wait, 'Máy này đã nhập sai mã đăng ký quá nhiều lần;');
    }
    const body = EnrollRequestSchema.safeParse(req.body);
    if (!body.success) throw invalid(body.error);
    try {
      const r = await enrollWithCode(db, serials, body.data.code, body.data.deviceName, clock.now(), body.data.counterId);
      await enrollFailures.succeed(req.ip);
      // A new counter learns its update channel and where the files are with its token.
      req.updatePolicy = await counterPolicy(db, r.counterId);
      req.log.info({ counterId: r.counterId, branchCode: r.branchCode }, 'counter enrolled');
      return { hubTime: clock.now(), ...r };
    } catch (err) {
      if (err instanceof EnrollError) {
        if (err.status < 500) await enrollFailures.fail(req.ip);
        throw new HttpError(err.status, err.code, err.message);
      }
      throw err;
    }
  });
}

export function counterAdminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db, clock, requireAdmin } = ctx;
  app.post('/admin/codes', { onRequest: requireAdmin }, async (req) => {
    const body = CreateCodeRequestSchema.safeParse(req.body);
    if (!body.success) throw invalid(body.error);
    try {
      const r = await createEnrollmentCode(db, body.data, clock.now());
      req.log.info({ counterId: body.data.counterId, branchCode: body.data.branchCode, expiresAt: r.expiresAt }, 'enrollment code created');
      return { hubTime: clock.now(), code: r.code, expiresAt: r.expiresAt };
    } catch (err) {
      if (err instanceof EnrollError) throw new HttpError(err.status, err.code, err.message);
      throw err;
    }
  });

  app.get('/admin/counters', { onRequest: requireAdmin }, async () => ({ hubTime: clock.now(), counters: await listCounters(db) }));

  // A lost or stolen counter machine: its token stops working at once (counters.ts).
  app.post('/admin/counters/:id/revoke', { onRequest: requireAdmin }, async (req) => {
    const id = codeId.safeParse((req.params as { id: string }).id);
    if (!id.success) throw new HttpError(404, 'NOT_FOUND', 'Không có quầy này trên máy chủ.');
    try {
      const r = await revokeCounter(db, id.data, clock.now());
      req.log.warn({ counterId: id.data, codesCancelled: r.codesCancelled }, 'counter revoked');
      return { hubTime: clock.now(), counterId: id.data, ...r };
    } catch (err) {
      if (err instanceof UnknownCounter) throw new HttpError(404, 'NOT_FOUND', err.message);
      throw err;
    }
  });
}
