/**
 * Test harness: a real hub (Fastify on a real PostgreSQL database) listening on a loopback port,
 * its JSON log lines captured. The builders of well-formed operations (tests/helpers/sync-ops.ts)
 * are re-exported from here.
 */
import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openPostgres, type HubDb } from '../../../src/hub/db';
import { migrateHub } from '../../../src/hub/migrations';
import { buildHub, type HubOptions } from '../../../src/hub/server';
import { DEFAULT_SERIALS, type SerialConfig } from '../../../src/hub/serials';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import type { Clock } from '../../../src/shared/ports';
import type { SyncOp } from '../../../src/shared/sync-ops';
import type { PushResponse } from '../../../src/shared/sync-protocol';
import { createTestDatabase, type TestDatabase } from '../../helpers/pg';
import { issuedNumbers } from '../../helpers/serials';
import { numbered, useItemNumbers } from '../../helpers/sync-ops';

export * from '../../helpers/sync-ops';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestHub {
  url: string;
  port: number;
  db: HubDb;
  app: FastifyInstance;
  logs: string[];
  serials: SerialConfig;
  /** Stops HTTP (and the pool unless keepDb). */
  close(opts?: { keepDb?: boolean }): Promise<void>;
}

export async function startHub(
  databaseUrl: string,
  opts: { port?: number; db?: HubDb; serials?: Partial<SerialConfig>; poolMax?: number; clock?: Clock; tracking?: HubOptions['tracking']; trackingUrl?: string; updatesDir?: string; console?: HubOptions['console'] } = {},
): Promise<TestHub> {
  const db = opts.db ?? openPostgres(databaseUrl, { max: opts.poolMax ?? 10 });
  await migrateHub(db);
  const logs: string[] = [];
  const serials = { ...DEFAULT_SERIALS, ...opts.serials };
  const app = buildHub({ db, serials, adminToken: ADMIN_TOKEN, logLevel: 'debug', logStream: { write: (s) => void logs.push(s) }, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.tracking ? { tracking: opts.tracking } : {}), ...(opts.trackingUrl ? { trackingUrl: opts.trackingUrl } : {}), ...(opts.updatesDir ? { updatesDir: opts.updatesDir } : {}), ...(opts.console ? { console: opts.console } : {}) });
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    app,
    logs,
    serials,
    async close(o = {}) {
      await app.close();
      if (!o.keepDb) await db.close();
    },
  };
}

/**
 * For a test file: a fresh database and a real hub on it, started before the file's tests (then
 * handed to `started`) and stopped and dropped after them. Call inside the describe block.
 */
export function freshHub(started: (hub: TestHub, tdb: TestDatabase) => void, opts: Parameters<typeof startHub>[1] = {}): void {
  let tdb: TestDatabase | undefined;
  let hub: TestHub | undefined;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    hub = await startHub(tdb.url, opts);
    started(hub, tdb);
  });
  afterAll(async () => {
    await hub?.close();
    await tdb?.drop();
  });
}

export interface Enrolled {
  token: string;
  counterId: string;
  branchCode: string;
}

export async function enroll(hub: TestHub, branchCode: string, counterId: string): Promise<Enrolled> {
  const { code } = await createEnrollmentCode(hub.db, { branchCode, counterId, counterName: `Quầy ${counterId}`, branchName: `Bưu cục ${branchCode}` }, Date.now());
  const r = await fetch(`${hub.url}/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  if (r.status !== 200) throw new Error(`enroll failed: ${r.status} ${await r.text()}`);
  const body = (await r.json()) as { token: string };
  useItemNumbers(counterId, await issuedNumbers(hub.db, counterId, hub.serials));
  return { token: body.token, counterId, branchCode };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(hub: { url: string }, path: string, init: { method?: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.raw !== undefined) body = init.raw;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const r = await fetch(`${hub.url}${path}`, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body: parsed as T, headers: r.headers };
}

/** Pushes `payloads` as `who`, numbered from `firstSeq`. */
export const pushAs = (hub: { url: string }, who: Enrolled, firstSeq: number, payloads: SyncOp[]): Promise<Answer<PushResponse>> =>
  call<PushResponse>(hub, '/push', { token: who.token, body: { ops: numbered(firstSeq, payloads) } });
