/**
 * The hub's HTTP surface (Fastify). Every response — success, refusal, 404, 413 — carries the hub's
 * clock in `x-hub-time` and, for JSON bodies, a `hubTime` field. Every input is validated with the
 * strict zod schemas of src/shared/sync-protocol.ts; anything malformed is a 4xx with a Vietnamese
 * message and changes nothing.
 *
 * buildHub only composes: each group of routes is a registration function in src/hub/routes/ (plain
 * functions on the one Fastify instance, so hooks and the error handler apply to all of them).
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Clock } from '../shared/ports';
import { MAX_BODY_BYTES } from '../shared/sync-protocol';
import type { HubDb } from './db';
import { loggerOptions, type LogDestination } from './log';
import type { Caller } from './push';
import type { SerialConfig } from './serials';
import { TRACKING_BASE, trackingRoutes, type TrackingOptions } from './tracking/routes';
import { consoleRoutes, type ConsoleOptions } from './console-api/routes';
import type { UpdatePolicy } from '../shared/app-update';
import { bodyParsing, commonHeaders, errorAnswers, healthRoute, POISONING } from './routes/base';
import { adminGuard, counterGuard, type RouteContext } from './routes/http';
import { counterAdminRoutes, enrollRoutes } from './routes/enroll';
import { referenceRoutes } from './routes/reference';
import { syncRoutes } from './routes/sync';
import { updateRoutes } from './routes/updates';

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

const isTrackingUrl = (url: string): boolean => url === TRACKING_BASE || url.startsWith(`${TRACKING_BASE}/`) || url.startsWith(`${TRACKING_BASE}?`);

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
    // The public tracking page writes no line per look-up (at thousands a second they would be most
    // of the log and of the worker's time, and each would hold a citizen's address next to an item
    // number); its failures are still logged by the error handler (errorAnswers).
    logController: new LogController({ disableRequestLogging: (req) => isTrackingUrl(req.url) }),
  });

  bodyParsing(app);
  commonHeaders(app, clock, opts.trackingUrl);
  errorAnswers(app, clock);

  const ctx: RouteContext = { db, clock, requireCounter: counterGuard(db, clock), requireAdmin: adminGuard(db, clock, opts) };
  trackingRoutes(app, { ...opts.tracking, db });
  consoleRoutes(app, { ...opts.console, db, now: () => clock.now(), updatesDir: opts.updatesDir });
  healthRoute(app, db, clock);
  enrollRoutes(app, ctx, serials, opts.enrollLimit);
  syncRoutes(app, ctx, serials);
  counterAdminRoutes(app, ctx);
  updateRoutes(app, ctx, opts.updatesDir);
  referenceRoutes(app, ctx);
  return app;
}
