/**
 * The hub's common HTTP behaviour: JSON parsing that keeps the body's bytes, the headers every answer
 * carries (hub clock, update policy, tracking address, no-store), the error handler that turns every
 * refusal into `{hubTime, error, message}`, the 404, and /health.
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Clock } from '../../shared/ports';
import { encodeUpdatePolicy, UPDATE_POLICY_HEADER } from '../../shared/app-update';
import { HUB_TIME_HEADER } from '../../shared/sync-protocol';
import { TRACKING_URL_HEADER } from '../../shared/tracking';
import { ConsoleHttpError } from '../console-api/errors';
import { isConnectionLost, type HubDb } from '../db';
import { HttpError } from './http';

/** A JSON body with `__proto__` or `constructor.prototype` keys is refused. */
export const POISONING = 'error';

export function bodyParsing(app: FastifyInstance): void {
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
}

export function commonHeaders(app: FastifyInstance, clock: Clock, trackingUrl: string | undefined): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header(HUB_TIME_HEADER, String(clock.now()));
    // Every answer to a counter says which updates it must follow (shared/app-update.ts), refusals too.
    if (req.updatePolicy) reply.header(UPDATE_POLICY_HEADER, encodeUpdatePolicy(req.updatePolicy));
    if (trackingUrl) reply.header(TRACKING_URL_HEADER, trackingUrl);
    // Only the public tracking page says otherwise (it may be cached for a minute).
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

export function errorAnswers(app: FastifyInstance, clock: Clock): void {
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
}

export function healthRoute(app: FastifyInstance, db: HubDb, clock: Clock): void {
  app.get('/health', async (_req, reply: FastifyReply) => {
    let dbOk = true;
    try {
      await db.query('SELECT 1');
    } catch {
      dbOk = false;
    }
    return reply.status(dbOk ? 200 : 503).send({ hubTime: clock.now(), ok: dbOk, db: db.kind });
  });
}
