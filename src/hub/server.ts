/**
 * The hub's HTTP surface (Fastify). Every response — success, refusal, 404, 413 — carries the hub's
 * clock in `x-hub-time` and, for JSON bodies, a `hubTime` field. Every input is validated with the
 * strict zod schemas of src/shared/sync-protocol.ts; anything malformed is a 4xx with a Vietnamese
 * message and changes nothing.
 */
import { isUtf8 } from 'node:buffer';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Clock } from '../shared/ports';
import {
  codeId,
  COUNTER_TIME_HEADER,
  COUNTER_VERSION_HEADER,
  CreateCodeRequestSchema,
  EnrollRequestSchema,
  FEED_TOTAL_HEADER,
  HUB_TIME_HEADER,
  MAX_BODY_BYTES,
  OwnOpsQuerySchema,
  PullQuerySchema,
  PushRequestSchema,
  REFERENCE_NAMES,
  ReferenceUploadSchema,
  type ReferenceName,
} from '../shared/sync-protocol';
import { isConnectionLost, type HubDb } from './db';
import { adminTokenOk, authenticate, createEnrollmentCode, EnrollError, enrollWithCode } from './enroll';
import { loggerOptions, scrub, type LogDestination } from './log';
import { listCounters, revokeCounter, UnknownCounter } from './counters';
import { ownOps, ownOpsBody } from './own-ops';
import { pullBody, pullChanges } from './pull';
import { pushOps, UnknownCounterError, type Caller } from './push';
import { FailureLimiter } from './rate-limit';
import { locateOps, type RawBody } from './raw-json';
import { publishReference, ReferenceError } from './reference';
import type { SerialConfig } from './serials';
import { trackingRoutes, type TrackingOptions } from './tracking/routes';
import { TRACKING_URL_HEADER } from '../shared/tracking';
import { ConsoleHttpError, consoleRoutes, type ConsoleOptions } from './console-api/routes';
import type { z } from 'zod';
import { AssignRequestSchema, ChannelRequestSchema, encodeUpdatePolicy, MinimumRequestSchema, UPDATE_POLICY_HEADER, type UpdatePolicy } from '../shared/app-update';
import { assignChannel, counterPolicy, listChannels, minimumVersion, serveUpdateFile, setChannel, setMinimumVersion, setStaging, UpdateError } from './updates';

export interface HubOptions {
  db: HubDb;
  serials: SerialConfig;
  adminToken?: string | undefined;
  clock?: Clock;
  logLevel?: string;
  /** Where JSON log lines go (tests capture them); default stdout. */
  logStream?: LogDestination;
  /** Wrong enrollment codes allowed per address and window before 429 (default 10 per 10 minutes). */
  enrollLimit?: { max: number; windowMs: number };
  /** The public tracking page (/tra-cuu/): hotline and rate limit; the database is the hub's. */
  tracking?: Omit<TrackingOptions, 'db'>;
  /** The tracking page's public address, announced to counters for the receipt's QR (config.ts). */
  trackingUrl?: string | undefined;
  /** Wrong admin tokens allowed per address and window before 429 (default 10 per 10 minutes). */
  adminLimit?: { max: number; windowMs: number };
  /**
   * The secret of the hub's lock file (lock.ts): the CLI on the hub's machine uses the admin API with
   * it while the hub runs, even when no HUB_ADMIN_TOKEN is set.
   */
  cliSecret?: string | undefined;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs); empty: the client address
   * is the TCP peer and the header is ignored.
   */
  trustedProxies?: string[];
  /** Where the update files of the channels this hub serves are (updates.ts); absent: none served. */
  updatesDir?: string;
  /** The provincial console (/console/): the hub's public address for enrollment QRs, the built pages. */
  console?: Omit<ConsoleOptions, 'db' | 'now'>;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
    /** A JSON body's bytes, when they are valid UTF-8 (so that its text is exactly what was parsed). */
    rawJson: Buffer | null;
    /** The update policy of the counter this request is from; sent back in UPDATE_POLICY_HEADER. */
    updatePolicy: UpdatePolicy | null;
  }
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const invalid = (err: z.ZodError): HttpError => {
  const where = err.issues
    .slice(0, 5)
    .map((i) => i.path.map((p) => scrub(String(p))).join('.') || '(gốc)')
    .join(', ');
  return new HttpError(400, 'INVALID', `Dữ liệu gửi lên không hợp lệ (${where}).`, {
    issues: err.issues.slice(0, 20).map((i) => ({ path: i.path.map((p) => scrub(String(p))), code: i.code })),
  });
};

/** A JSON body with `__proto__` or `constructor.prototype` keys is refused. */
const POISONING = 'error';

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer ([^\s]+)$/.exec(h);
  return m?.[1];
}

export function buildHub(opts: HubOptions): FastifyInstance {
  const clock = opts.clock ?? { now: () => Date.now() };
  const { db, serials } = opts;
  const app = Fastify({
    logger: loggerOptions(opts.logLevel ?? 'info', opts.logStream),
    bodyLimit: MAX_BODY_BYTES,
    // A slow or stalled client cannot hold a connection forever.
    requestTimeout: 120_000,
    connectionTimeout: 120_000,
    onProtoPoisoning: POISONING,
    onConstructorPoisoning: POISONING,
    // Request ids are counters, not data; we never echo client-provided ids.
    requestIdHeader: false,
    // req.ip comes from X-Forwarded-For only when it was set by a proxy IT named (config.ts).
    trustProxy: opts.trustedProxies && opts.trustedProxies.length > 0 ? opts.trustedProxies : false,
  });

  // JSON bodies are parsed exactly as Fastify's own parser does (same decoding, same prototype-
  // poisoning refusals), but their bytes are kept: /push stores the ops' own text (see raw-json.ts).
  const parseJson = app.getDefaultJsonParser(POISONING, POISONING);
  app.decorateRequest('rawJson', null);
  app.decorateRequest('updatePolicy', null);
  // Bytes that are not UTF-8 are refused: decoding would turn them into U+FFFD and store text the
  // counter never sent.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    if (!isUtf8(body)) {
      done(new HttpError(400, 'INVALID_UTF8', 'Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ.'), undefined);
      return;
    }
    req.rawJson = body;
    parseJson(req, body.toString('utf8'), done);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header(HUB_TIME_HEADER, String(clock.now()));
    // Every answer to a counter says which updates it must follow (shared/app-update.ts), refusals too.
    if (req.updatePolicy) reply.header(UPDATE_POLICY_HEADER, encodeUpdatePolicy(req.updatePolicy));
    if (opts.trackingUrl) reply.header(TRACKING_URL_HEADER, opts.trackingUrl);
    // Only the public tracking page says otherwise (it may be cached for a minute).
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const hubTime = clock.now();
    if (err instanceof HttpError || err instanceof ConsoleHttpError) {
      if (err.statusCode >= 500) req.log.error({ err }, 'request failed');
      return reply.status(err.statusCode).send({ hubTime, error: err.code, message: err.message, ...err.extra });
    }
    if (isConnectionLost(err)) {
      // The database went away under this request: it changed nothing that was acknowledged, and the
      // counter retries (its client treats 5xx as "try again later").
      req.log.error({ err }, 'database connection lost');
      reply.header('retry-after', '5');
      return reply.status(503).send({ hubTime, error: 'DB_UNAVAILABLE', message: 'Máy chủ tạm mất kết nối tới cơ sở dữ liệu; quầy sẽ tự thử lại.' });
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ hubTime, error: 'TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' });
    if (status === 415) return reply.status(415).send({ hubTime, error: 'UNSUPPORTED_MEDIA_TYPE', message: 'Chỉ nhận dữ liệu JSON.' });
    if (status >= 400 && status < 500) {
      req.log.info({ err }, 'bad request');
      return reply.status(status).send({ hubTime, error: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ (dữ liệu JSON sai cú pháp hoặc sai định dạng).' });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ hubTime, error: 'INTERNAL', message: 'Máy chủ gặp lỗi; quầy sẽ tự thử lại.' });
  });

  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ hubTime: clock.now(), error: 'NOT_FOUND', message: 'Không có địa chỉ này trên máy chủ.' }));

  const requireCounter = async (req: FastifyRequest): Promise<void> => {
    const token = bearer(req);
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const who = token ? await authenticate(db, token, clock.now(), { appVersion: header(COUNTER_VERSION_HEADER), counterTime: header(COUNTER_TIME_HEADER) }) : null;
    if (!who) throw new HttpError(401, 'UNAUTHORIZED', 'Quầy chưa đăng ký với máy chủ hoặc mã truy cập không còn hiệu lực; hãy đăng ký lại.');
    req.caller = { counterId: who.counterId, branchCode: who.branchCode };
    req.updatePolicy = who.update;
  };
  const tooMany = (reply: FastifyReply, wait: number, message: string): HttpError => {
    reply.header('retry-after', String(Math.ceil(wait / 1000)));
    return new HttpError(429, 'TOO_MANY_ATTEMPTS', `${message} hãy thử lại sau ${Math.ceil(wait / 60_000)} phút.`);
  };
  const adminFailures = new FailureLimiter(db, 'admin', opts.adminLimit?.max, opts.adminLimit?.windowMs, () => clock.now());
  // Runs before the body is read (onRequest), like requireCounter.
  const requireAdmin = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!opts.adminToken && !opts.cliSecret) throw new HttpError(403, 'ADMIN_DISABLED', 'Chức năng quản trị qua mạng đang tắt (chưa đặt HUB_ADMIN_TOKEN); hãy dùng lệnh trên máy chủ.');
    const wait = await adminFailures.retryAfterMs(req.ip);
    if (wait > 0) {
      req.log.warn({ ip: req.ip }, 'admin request refused: too many wrong tokens');
      throw tooMany(reply, wait, 'Máy này đã gửi sai mã quản trị quá nhiều lần;');
    }
    const presented = bearer(req);
    if (!adminTokenOk(opts.adminToken, presented) && !adminTokenOk(opts.cliSecret, presented)) {
      await adminFailures.fail(req.ip);
      throw new HttpError(401, 'UNAUTHORIZED', 'Sai mã quản trị.');
    }
  };

  trackingRoutes(app, { ...opts.tracking, db });
  consoleRoutes(app, { ...opts.console, db, now: () => clock.now() });

  app.get('/health', async (_req, reply: FastifyReply) => {
    let dbOk = true;
    try {
      await db.query('SELECT 1');
    } catch {
      dbOk = false;
    }
    return reply.status(dbOk ? 200 : 503).send({ hubTime: clock.now(), ok: dbOk, db: db.kind });
  });

  const enrollFailures = new FailureLimiter(db, 'enroll', opts.enrollLimit?.max, opts.enrollLimit?.windowMs, () => clock.now());
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

  // ---------------------------------------------------------------- updates (updates.ts)

  // The update files of the channels this hub serves. Not behind the counter token: an installer
  // holds no secret and is signed; electron-updater fetches it like any plain HTTPS server's.
  app.get('/updates/:channel/:file', async (req, reply) => {
    const { channel, file } = req.params as { channel: string; file: string };
    const served = opts.updatesDir ? await serveUpdateFile(db, opts.updatesDir, channel, file) : null;
    if (!served) throw new HttpError(404, 'NOT_FOUND', 'Không có tệp cập nhật này trên máy chủ.');
    if (served.kind === 'yml') return reply.type('text/yaml; charset=utf-8').send(served.text);
    return reply.type('application/octet-stream').header('content-length', String(served.size)).send(served.stream);
  });

  const updateError = (err: unknown): never => {
    if (err instanceof UpdateError) throw new HttpError(err.code.startsWith('UNKNOWN') ? 404 : 400, err.code, err.message);
    throw err;
  };
  const updatesView = async () => ({ hubTime: clock.now(), minVersion: await minimumVersion(db), channels: await listChannels(db, opts.updatesDir ?? null) });

  app.get('/admin/updates', { onRequest: requireAdmin }, updatesView);

  app.put('/admin/updates/channels/:name', { onRequest: requireAdmin }, async (req) => {
    const name = (req.params as { name: string }).name;
    const body = ChannelRequestSchema.safeParse(req.body ?? {});
    if (!body.success) throw invalid(body.error);
    try {
      await setChannel(db, name, body.data.url === undefined ? {} : { url: body.data.url }, clock.now());
      if (body.data.stagingPercentage !== undefined) await setStaging(db, name, body.data.stagingPercentage, clock.now());
    } catch (err) {
      updateError(err);
    }
    req.log.info({ channel: name, url: body.data.url, stagingPercentage: body.data.stagingPercentage }, 'update channel set');
    return updatesView();
  });

  app.post('/admin/updates/assign', { onRequest: requireAdmin }, async (req) => {
    const body = AssignRequestSchema.safeParse(req.body);
    if (!body.success) throw invalid(body.error);
    const { channel, allowDowngrade, ...target } = body.data;
    try {
      const counters = await assignChannel(db, target, channel, allowDowngrade);
      req.log.info({ channel, allowDowngrade, counters: counters.length }, 'counters moved to an update channel');
      return { hubTime: clock.now(), channel, allowDowngrade, counters };
    } catch (err) {
      return updateError(err);
    }
  });

  app.put('/admin/updates/minimum', { onRequest: requireAdmin }, async (req) => {
    const body = MinimumRequestSchema.safeParse(req.body);
    if (!body.success) throw invalid(body.error);
    await setMinimumVersion(db, body.data.version);
    req.log.info({ minVersion: body.data.version }, 'minimum version set');
    return updatesView();
  });

  // A province's whole catalogue can outgrow a push; the admin is known before its body is read.
  app.put('/admin/reference/:name', { onRequest: requireAdmin, bodyLimit: 8 * MAX_BODY_BYTES }, async (req) => {
    const name = (req.params as { name: string }).name;
    if (!(REFERENCE_NAMES as readonly string[]).includes(name)) throw new HttpError(404, 'NOT_FOUND', 'Không có loại dữ liệu danh mục này.');
    const body = ReferenceUploadSchema.safeParse(req.body);
    if (!body.success) throw invalid(body.error);
    try {
      const changeId = await publishReference(db, name as ReferenceName, body.data.version, body.data.payload, clock.now());
      req.log.info({ name, version: body.data.version }, 'reference published');
      return { hubTime: clock.now(), changeId };
    } catch (err) {
      if (err instanceof ReferenceError) throw new HttpError(400, 'INVALID_REFERENCE', err.message, { problems: err.problems, problemCode: err.code });
      throw err;
    }
  });

  return app;
}
