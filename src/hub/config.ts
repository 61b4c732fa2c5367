/**
 * Hub configuration from the environment. Everything has a default so that `npm run hub` works on a
 * newcomer's machine: no DATABASE_URL → embedded PGlite in ~/.quayhcc-hub (or ./.hub-data when there
 * is no home folder); listen on 127.0.0.1 only (put a TLS reverse proxy in front to expose it).
 */
import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { parseTrackingBase } from '../shared/tracking';
import { DEFAULT_SERIALS, type SerialConfig } from './serials';

export interface HubConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  adminToken: string | undefined;
  logLevel: string;
  serials: SerialConfig;
  /** HTTP worker processes (node:cluster); PostgreSQL only, PGlite lives in one process. */
  workers: number;
  /** The hotline shown on the public tracking page (HUB_HOTLINE; default Vietnam Post's). */
  hotline: string | undefined;
  /**
   * The public address of the tracking page, as citizens reach it (HUB_TRACKING_URL, e.g.
   * https://tracuu.buudien-sonla.vn/tra-cuu/); counters print it in the receipt's QR. Unset: each
   * counter uses the address it enrolled with plus /tra-cuu/.
   */
  trackingUrl: string | undefined;
  /**
   * Reverse proxies (addresses or CIDRs) whose X-Forwarded-For gives the client address used for
   * attempt limits and logs. Empty: the TCP peer is the client, and the header is ignored (anyone
   * could write it).
   */
  trustedProxies: string[];
  /** The update files of the channels the hub serves itself (updates.ts): `<dir>/<channel>/`. */
  updatesDir: string;
}

function defaultDataDir(): string {
  try {
    const home = homedir();
    if (home) return join(home, '.quayhcc-hub');
  } catch {
    /* no home folder */
  }
  return join(process.cwd(), '.hub-data');
}

function trackingUrlFrom(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const base = parseTrackingBase(v.endsWith('/') || v.endsWith('=') ? v : `${v}/`);
  if (base === null) throw new Error(`HUB_TRACKING_URL must be an http(s) address, got ${v}`);
  return base;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const port = Number(env.HUB_PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`HUB_PORT must be a port number, got ${env.HUB_PORT}`);
  const prefix = (env.HUB_SERIAL_PREFIX ?? DEFAULT_SERIALS.prefix).toUpperCase();
  if (!/^[A-Z]{2}$/.test(prefix)) throw new Error('HUB_SERIAL_PREFIX must be two letters');
  const block = Number(env.HUB_SERIAL_BLOCK ?? DEFAULT_SERIALS.blockSize);
  if (!Number.isInteger(block) || block < 100 || 100_000_000 % block !== 0) throw new Error('HUB_SERIAL_BLOCK must divide 100000000 and be ≥ 100');
  const admin = env.HUB_ADMIN_TOKEN?.trim();
  if (admin !== undefined && admin !== '' && admin.length < 16) throw new Error('HUB_ADMIN_TOKEN must be at least 16 characters');
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  // The hub's work per push is mostly its own CPU (parsing, validation, the state machine), and the
  // counters' pushes only meet in PostgreSQL (each counter's row is locked): one process per core.
  const workers = Number(env.HUB_WORKERS?.trim() || (databaseUrl ? Math.min(availableParallelism(), 8) : 1));
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`HUB_WORKERS must be 1–64, got ${env.HUB_WORKERS}`);
  if (workers > 1 && !databaseUrl) throw new Error('HUB_WORKERS > 1 needs DATABASE_URL (the embedded PGlite lives in one process)');
  const trustedProxies = (env.HUB_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  for (const p of trustedProxies) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p)) throw new Error(`HUB_TRUSTED_PROXIES must list IP addresses or CIDRs separated by commas, got ${p}`);
  }
  const dataDir = env.HUB_DATA_DIR?.trim() || defaultDataDir();
  return {
    databaseUrl,
    trustedProxies,
    dataDir,
    updatesDir: env.HUB_UPDATES_DIR?.trim() || join(dataDir, 'updates'),
    host: env.HUB_HOST?.trim() || '127.0.0.1',
    port,
    adminToken: admin || undefined,
    logLevel: env.HUB_LOG_LEVEL?.trim() || 'info',
    serials: { ...DEFAULT_SERIALS, prefix, blockSize: block },
    workers,
    hotline: env.HUB_HOTLINE?.trim() || undefined,
    trackingUrl: trackingUrlFrom(env.HUB_TRACKING_URL),
  };
}
