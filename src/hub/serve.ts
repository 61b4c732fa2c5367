/**
 * `npm run hub -- serve`: the HTTP hub. On PostgreSQL a primary and its cluster workers; on PGlite
 * one process that holds the data folder's lock and runs the CLI's verbs for it (POST /admin/cli).
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubConfig } from './config';
import { openPglite, openPostgres, type HubDb } from './db';
import { adminTokenOk } from './enroll';
import { acquireLock, DataDirBusy, type HeldLock } from './lock';
import { migrateHub } from './migrations';
import { buildHub } from './server';
import { startRetentionSchedule } from './retention';
import { consoleDir } from './console-api/build';
import { runVerb, VIA_HUB, type VerbValues } from './cli-verbs';

export async function openHubDb(cfg: HubConfig): Promise<HubDb> {
  const db = cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : await openPglite(cfg.dataDir);
  // Cluster workers start after the primary migrated.
  if (!cluster.isWorker) await migrateHub(db);
  return db;
}

/** Where the database is, for people: PostgreSQL's host and name (never its password), or the folder. */
function describeDb(cfg: HubConfig): string {
  if (!cfg.databaseUrl) return `PGlite nhúng trong thư mục ${cfg.dataDir}`;
  try {
    const u = new URL(cfg.databaseUrl);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** The base URL this machine reaches the hub at (a wildcard listen address is reached on loopback). */
function localUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

/** The one line for the person who started the hub, beside the JSON log (stderr: stdout stays JSON). */
function startupLine(cfg: HubConfig, url: string, workers: number): string {
  return (
    `Máy chủ tỉnh Quầy HCC đang chạy tại ${url} — cơ sở dữ liệu: ${describeDb(cfg)} — ${workers} tiến trình xử lý. ` +
    'Tạo mã đăng ký cho quầy đầu tiên: npm run hub -- create-code --branch <mã bưu cục> --counter <mã quầy>'
  );
}

const log = (level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}): void => {
  console.log(JSON.stringify({ level, time: Date.now(), msg, ...extra }));
};

/** The hub's HTTP app on `db`, as every serving process builds it. */
function hubApp(cfg: HubConfig, db: HubDb, secret?: string): FastifyInstance {
  return buildHub({
    db, serials: cfg.serials, adminToken: cfg.adminToken, logLevel: cfg.logLevel, cliSecret: secret, trustedProxies: cfg.trustedProxies, tracking: { hotline: cfg.hotline }, trackingUrl: cfg.trackingUrl, updatesDir: cfg.updatesDir,
    console: { publicUrl: process.env.HUB_PUBLIC_URL, staticDir: consoleDir(), secureCookie: process.env.HUB_PUBLIC_URL?.startsWith('https:') ?? false },
  });
}

/**
 * The primary's stand-in: while no worker is serving (every one died at once), the primary answers
 * on the port itself with the same app, so /health and the counters get answers within a moment
 * instead of after a worker's cold start (seconds, and many more on a loaded machine). A starting
 * worker asks the primary to give the port back before it listens (WORKER_WANTS_PORT).
 */
class StandIn {
  private app: FastifyInstance | null = null;
  private server: Server | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly cfg: HubConfig,
    private readonly db: HubDb,
  ) {}

  /** Runs one start or stop after the previous one ended (they never overlap). */
  private serial(f: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(f, f).catch((err: unknown) => log('error', 'stand-in server', { err: err instanceof Error ? err.message : String(err) }));
    return this.chain;
  }

  /** Builds the application ahead of need, so the stand-in answers within a moment of the last worker's death. */
  prepare(): Promise<void> {
    return this.serial(async () => {
      if (this.app) return;
      this.app = hubApp(this.cfg, this.db);
      await this.app.ready();
    });
  }

  start(port: number): Promise<void> {
    void this.prepare();
    return this.serial(async () => {
      if (this.server || !this.app) return;
      const app = this.app;
      const server = createServer((req, res) => app.routing(req, res));
      // The cluster closes its shared socket as the last worker goes: the port may take a moment to be free.
      for (let attempt = 0; ; attempt++) {
        try {
          await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen({ host: this.cfg.host, port }, () => {
              server.off('error', reject);
              resolve();
            });
          });
          break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 40) throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      this.server = server;
      log('warn', 'no worker is serving: the primary answers until one is back', { port });
    });
  }

  stop(): Promise<void> {
    return this.serial(async () => {
      const server = this.server;
      if (!server) return;
      this.server = null;
      // Requests under way get two seconds to finish (a counter retries one that was cut).
      const force = setTimeout(() => server.closeAllConnections(), 2000);
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(force);
      log('info', 'a worker takes the port back from the primary');
    });
  }
}

export const WORKER_WANTS_PORT = 'hub:worker-wants-port';
export const PORT_IS_FREE = 'hub:port-is-free';

/** In a cluster worker, before it listens: the primary closes its stand-in first (within about two seconds; 10 s at most). */
function portFromPrimary(): Promise<void> {
  if (!cluster.isWorker || !process.send) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve();
    };
    const onMessage = (m: unknown): void => {
      if (m === PORT_IS_FREE) done();
    };
    const timer = setTimeout(done, 10_000);
    process.on('message', onMessage);
    process.send!(WORKER_WANTS_PORT);
  });
}

/** A worker that dies before it ever listened waits longer each time (up to 30 s): a database that is down is not hammered. */
export function restartDelayMs(startFailuresInARow: number): number {
  return startFailuresInARow === 0 ? 0 : Math.min(30_000, 250 * 2 ** (startFailuresInARow - 1));
}

/**
 * On PostgreSQL: HTTP worker processes on one port (node:cluster). The primary migrates once, forks,
 * and replaces any worker that dies, for as long as it runs — even when every worker dies at once
 * (its restart timer keeps it alive). A worker that was serving is replaced at once; one that dies
 * before it listened is restarted after a growing pause (restartDelayMs). If no worker ever manages
 * to listen (the port is taken, a bad address), that is a fatal start-up error: exit 1 so a
 * supervisor (systemd, the container runtime) sees it. SIGINT/SIGTERM stop the workers gracefully.
 */
export async function servePrimary(cfg: HubConfig): Promise<number> {
  // Migrated here, once; kept for the stand-in.
  const db = await openHubDb(cfg);
  let stopping = false;
  let everListened = false;
  let startFailures = 0;
  let failuresInARow = 0;
  const listening = new Set<number>();
  const standIn = new StandIn(cfg, db);
  let port = cfg.port;
  const fork = (): void => {
    if (!stopping) cluster.fork();
  };
  cluster.on('message', (w: Worker, m: unknown) => {
    if (m === WORKER_WANTS_PORT) void standIn.stop().then(() => w.isConnected() && w.send(PORT_IS_FREE));
  });
  for (let i = 0; i < cfg.workers; i++) fork();
  void standIn.prepare();
  cluster.on('listening', (w: Worker, address) => {
    listening.add(w.id);
    failuresInARow = 0;
    port = address.port;
    if (everListened) return;
    everListened = true;
    log('info', 'hub primary', { workers: cfg.workers, host: cfg.host, port: address.port });
    console.error(startupLine(cfg, localUrl(cfg.host, address.port), cfg.workers));
  });
  cluster.on('exit', (w, code, signal) => {
    const wasServing = listening.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!everListened && ++startFailures >= 3) {
      log('error', 'hub workers cannot start; giving up', { code, signal });
      console.error('Máy chủ tỉnh không khởi động được (xem dòng lỗi ở trên); dừng lại để trình quản lý dịch vụ khởi động lại.');
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 5000).unref();
      return;
    }
    if (everListened && listening.size === 0) void standIn.start(port);
    if (!wasServing) failuresInARow++;
    const delay = wasServing ? 0 : restartDelayMs(failuresInARow);
    log('error', 'hub worker died, starting another', { pid: w.process.pid, code, signal, restartInMs: delay });
    // Not unref'd: with every worker gone, this timer is what keeps the primary here to fork again.
    setTimeout(fork, delay);
  });
  const stop = (): void => {
    stopping = true;
    void standIn.stop();
    const all = Object.values(cluster.workers ?? {});
    if (all.length === 0) process.exit(0);
    for (const w of all) w?.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

const CliRequestSchema = z.strictObject({
  verb: z.string().max(40),
  values: z.record(z.string(), z.union([z.string(), z.boolean()])),
  defaultHubUrl: z.string().max(500),
  tty: z.boolean(),
});

/**
 * POST /admin/cli: a CLI verb run by this process for the CLI on the same machine (the PGlite
 * folder is this process's alone). Only with the lock's secret (the lock lives in the data folder,
 * mode 0700: whoever reads it could open the folder itself), never with HUB_ADMIN_TOKEN: a verb
 * reads and writes files of this machine. The answer carries the verb's output and exit code.
 */
function cliRoute(app: FastifyInstance, db: HubDb, cfg: HubConfig, secret: string): void {
  app.post('/admin/cli', async (req, reply) => {
    const h = req.headers.authorization;
    if (!adminTokenOk(secret, typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7) : undefined)) {
      return reply.status(401).send({ error: 'UNAUTHORIZED', message: 'Sai mã của lệnh trên máy chủ.' });
    }
    const body = CliRequestSchema.safeParse(req.body);
    if (!body.success || !VIA_HUB.has(body.data.verb)) return reply.status(400).send({ error: 'BAD_REQUEST', message: 'Lệnh không chạy được qua máy chủ.' });
    // This process never reads a password from its own stdin (the hub's terminal, or nothing under a
    // supervisor) nor from a file: the CLI sends it read.
    if (body.data.verb === 'create-admin' && (typeof body.data.values.password !== 'string' || body.data.values['password-file'] !== undefined)) {
      return reply.status(400).send({ error: 'BAD_REQUEST', message: 'create-admin qua máy chủ cần mật khẩu do lệnh đọc sẵn.' });
    }
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), tty: body.data.tty };
    const code = await runVerb(body.data.verb, { db, cfg, values: body.data.values as VerbValues, io, defaultHubUrl: body.data.defaultHubUrl });
    req.log.info({ verb: body.data.verb, code }, 'cli verb run for the command line');
    return { code, out, err };
  });
}

/** One HTTP process: a cluster worker on PostgreSQL, or the whole hub on PGlite (holding the folder's lock). */
export async function serveOne(cfg: HubConfig): Promise<number> {
  let lock: HeldLock | undefined;
  if (!cfg.databaseUrl) {
    try {
      lock = await acquireLock(cfg.dataDir, { pid: process.pid, role: 'serve', startedAt: Date.now() });
    } catch (err) {
      if (err instanceof DataDirBusy) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
  }
  try {
    const db = await openHubDb(cfg);
    const secret = lock ? randomBytes(32).toString('base64url') : undefined;
    const app = hubApp(cfg, db, secret);
    if (secret) cliRoute(app, db, cfg, secret);
    // The retention purge, once a day, from whichever hub process claims it first (retention.ts).
    const retention = startRetentionSchedule(db, (counts) => app.log.info({ purge: counts }, 'retention purge'), {
      onError: (err) => app.log.error({ err: err instanceof Error ? err.message : String(err) }, 'retention purge failed'),
    });
    const stop = async (): Promise<void> => {
      retention.stop();
      await app.close();
      await db.close();
      await lock?.release();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    await portFromPrimary();
    await app.listen({ host: cfg.host, port: cfg.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
    lock?.update({ url: localUrl(cfg.host, port), secret });
    app.log.info({ db: db.kind, dataDir: db.kind === 'pglite' ? cfg.dataDir : undefined, serialPrefix: cfg.serials.prefix, adminApi: cfg.adminToken !== undefined, port }, 'hub ready');
    if (!cluster.isWorker) console.error(startupLine(cfg, localUrl(cfg.host, port), 1));
    return -1; // keep running
  } catch (err) {
    await lock?.release();
    throw err;
  }
}
