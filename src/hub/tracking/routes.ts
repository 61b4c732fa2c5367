/**
 * The citizens' tracking page on the hub (TT 17: following an item is free; domain.md §6.5):
 *   GET /tra-cuu/            the form (a `?so=` query redirects to the number's own address)
 *   GET /tra-cuu/<number>    the status and steps: HTML, or JSON with `Accept: application/json`
 * Public: no token, no cookie, no personal data (see src/shared/tracking.ts and query.ts). Answers
 * are cacheable for a minute (a proxy or the phone may keep them). Each client address may look up
 * `perMinute` numbers a minute (a burst of `burst`): enough for a family's receipts, far too few to
 * walk the number space. The limit is per hub process: with N workers a client gets at most N times
 * as many, still hopeless for enumeration and free of a database write on every look-up.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkItemNumber, normalizeItemNumber } from '../../shared/s10';
import { DEFAULT_HOTLINE, trackingNotFound, trackingView } from '../../shared/tracking';
import type { Conn } from '../db';
import { formPage, notFoundPage, STYLESHEET, tooManyPage, viewPage } from './page';
import { agencyNames, readTracking } from './query';

export interface TrackingOptions {
  db: Conn;
  hotline?: string;
  /** Look-ups per minute per client address (default 30, burst 20); 0 lifts the limit (benchmarks). */
  perMinute?: number;
  burst?: number;
  now?: () => number;
}

export const TRACKING_BASE = '/tra-cuu';
const FONTS = resolve(__dirname, '../../../resources/fonts');

/** Token bucket per client address, bounded in size. */
class Buckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number,
    private readonly maxKeys = 50_000,
  ) {}

  /** 0 when `key` may look up now (and takes a token), else the seconds to wait. */
  take(key: string): number {
    if (this.perMinute <= 0) return 0;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) * this.perMinute) / 60_000);
    b.at = t;
    this.buckets.delete(key);
    this.buckets.set(key, b); // most recent last: the oldest are forgotten first
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) * 60) / this.perMinute);
  }
}

/** JSON when the client asks for it before HTML (other portals), HTML otherwise (browsers, QR scans). */
function wantsJson(req: FastifyRequest): boolean {
  const accept = String(req.headers.accept ?? '');
  const j = accept.indexOf('application/json');
  const h = accept.indexOf('text/html');
  return j >= 0 && (h < 0 || j < h);
}

export function trackingRoutes(app: FastifyInstance, opts: TrackingOptions): void {
  const hotline = opts.hotline ?? DEFAULT_HOTLINE;
  const buckets = new Buckets(opts.perMinute ?? 30, opts.burst ?? 20, opts.now ?? Date.now);
  const agencies = agencyNames(opts.db);
  const fonts = {
    'font.ttf': readFileSync(join(FONTS, 'BeVietnamPro_500Medium.ttf')),
    'font-dam.ttf': readFileSync(join(FONTS, 'BeVietnamPro_700Bold.ttf')),
  };

  const html = (reply: FastifyReply, status: number, body: string, maxAge: number) =>
    reply
      .status(status)
      .header('cache-control', maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store')
      .header('content-security-policy', "default-src 'none'; style-src 'self'; font-src 'self'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('vary', 'accept')
      .type('text/html; charset=utf-8')
      .send(body);

  app.get(`${TRACKING_BASE}`, async (_req, reply) => reply.redirect(`${TRACKING_BASE}/`, 301));

  app.get(`${TRACKING_BASE}/`, async (req, reply) => {
    const so = (req.query as { so?: unknown }).so;
    if (typeof so === 'string' && so.trim() !== '') {
      const n = normalizeItemNumber(so).slice(0, 40);
      return reply.redirect(`${TRACKING_BASE}/${encodeURIComponent(n)}`, 303);
    }
    return html(reply, 200, formPage(TRACKING_BASE, hotline), 3600);
  });

  app.get(`${TRACKING_BASE}/trang.css`, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('text/css; charset=utf-8').send(STYLESHEET),
  );
  for (const [name, bytes] of Object.entries(fonts)) {
    app.get(`${TRACKING_BASE}/${name}`, async (_req, reply) => reply.header('cache-control', 'public, max-age=86400').type('font/ttf').send(bytes));
  }

  app.get(`${TRACKING_BASE}/:number`, async (req, reply) => {
    const json = wantsJson(req);
    const wait = buckets.take(req.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      if (json) return reply.status(429).header('cache-control', 'no-store').send({ error: 'TOO_MANY_REQUESTS', message: `Tra cứu quá nhiều lần; mời thử lại sau ${wait} giây.`, hotline });
      return html(reply, 429, tooManyPage(TRACKING_BASE, wait, hotline), 0);
    }
    const raw = normalizeItemNumber(String((req.params as { number: string }).number)).slice(0, 40);
    const checked = checkItemNumber(raw);
    let answer = trackingNotFound(raw, hotline);
    if (!checked.ok) answer = { ...answer, message: `${checked.message} Hãy kiểm tra lại số hiệu in trên giấy biên nhận.` };
    else if (!checked.value.checkDigitOk) answer = { ...answer, message: 'Số hiệu này có vẻ bị gõ nhầm (chữ số kiểm tra không khớp). Hãy kiểm tra lại số hiệu in trên giấy biên nhận.' };
    else {
      const found = await readTracking(opts.db, checked.value.value, await agencies());
      if (found) {
        const view = trackingView(found, hotline);
        if (json) return reply.status(200).header('cache-control', 'public, max-age=60').header('vary', 'accept').send(view);
        return html(reply, 200, viewPage(TRACKING_BASE, view), 60);
      }
    }
    if (json) return reply.status(404).header('cache-control', 'public, max-age=30').header('vary', 'accept').send(answer);
    return html(reply, 404, notFoundPage(TRACKING_BASE, answer), 30);
  });
}
