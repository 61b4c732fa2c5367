/** The counters' sync API: /push (their operations), /pull (the feed), /own-ops (after a restore). */
import type { FastifyInstance } from 'fastify';
import { OwnOpsQuerySchema, PullQuerySchema, PushRequestSchema, FEED_NEXT_HEADER, FEED_TOTAL_HEADER } from '../../shared/sync-protocol';
import type { SerialConfig } from '../serials';
import { ownOps, ownOpsBody } from '../own-ops';
import { pullBody, pullChanges } from '../pull';
import { pushOps, UnknownCounterError } from '../push';
import { locateOps, type RawBody } from '../raw-json';
import { HttpError, invalid, type RouteContext } from './http';

export function syncRoutes(app: FastifyInstance, ctx: RouteContext, serials: SerialConfig): void {
  const { db, clock, requireCounter } = ctx;

  app.post('/push', { onRequest: requireCounter }, async (req) => {
    const body = PushRequestSchema.safeParse(req.body);
    if (!body.success) throw invalid(body.error);
    const who = req.caller!;
    try {
      const located = req.rawJson ? locateOps(req.rawJson) : null;
      const raw: RawBody | undefined = req.rawJson && located && located.length === body.data.ops.length ? { bytes: req.rawJson, ops: located } : undefined;
      const out = await pushOps(db, serials, who, body.data.ops, () => clock.now(), raw);
      const rejected = out.results.filter((r) => r.status === 'rejected').length;
      const gaps = out.results.filter((r) => r.status === 'gap').length;
      req.log.info({ counterId: who.counterId, ops: body.data.ops.length, applied: out.applied, replayed: out.replayed, rejected, gaps, expectedSeq: out.expectedSeq }, 'push');
      return { hubTime: clock.now(), results: out.results, expectedSeq: out.expectedSeq };
    } catch (err) {
      if (err instanceof UnknownCounterError) throw new HttpError(401, 'UNAUTHORIZED', 'Quầy không còn trên máy chủ.');
      throw err;
    }
  });

  app.get('/pull', { onRequest: requireCounter }, async (req, reply) => {
    const q = PullQuerySchema.safeParse(req.query);
    if (!q.success) throw invalid(q.error);
    const who = req.caller!;
    const page = await pullChanges(db, who, q.data.cursor, q.data.limit, clock.now());
    req.log.debug({ counterId: who.counterId, changes: page.changes.length, hasMore: page.hasMore }, 'pull');
    if (page.feedTotal !== undefined) reply.header(FEED_TOTAL_HEADER, String(page.feedTotal));
    // The next page's cursor before the body: the counter asks for that page while it reads this one.
    if (page.hasMore) reply.header(FEED_NEXT_HEADER, page.cursor);
    return reply.type('application/json; charset=utf-8').send(pullBody(page, clock.now()));
  });

  // A counter whose store was restored from a backup takes back its own operations (own-ops.ts).
  app.get('/own-ops', { onRequest: requireCounter }, async (req, reply) => {
    const q = OwnOpsQuerySchema.safeParse(req.query);
    if (!q.success) throw invalid(q.error);
    const who = req.caller!;
    const page = await ownOps(db, who, q.data.fromSeq, q.data.limit);
    req.log.info({ counterId: who.counterId, fromSeq: q.data.fromSeq, ops: page.ops.length, hasMore: page.hasMore }, 'own-ops');
    return reply.type('application/json; charset=utf-8').send(ownOpsBody(page, clock.now()));
  });
}
