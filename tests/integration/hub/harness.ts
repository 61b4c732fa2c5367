/**
 * Test harness: a real hub (Fastify on a real PostgreSQL database) listening on a loopback port,
 * its JSON log lines captured, plus builders for well-formed operations.
 */
import { afterAll, beforeAll } from 'vitest';
import { v7 } from 'uuid';
import type { FastifyInstance } from 'fastify';
import { openPostgres, type HubDb } from '../../../src/hub/db';
import { migrateHub } from '../../../src/hub/migrations';
import { buildHub } from '../../../src/hub/server';
import { DEFAULT_SERIALS, type SerialConfig } from '../../../src/hub/serials';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import type { DossierEvent, DossierEventBody } from '../../../src/shared/dossier';
import type { Clock } from '../../../src/shared/ports';
import type { DossierRecord, SyncOp } from '../../../src/shared/sync-ops';
import { makeItemNumber } from '../../../src/shared/s10';
import type { PushOp, PushResponse } from '../../../src/shared/sync-protocol';
import { createTestDatabase, type TestDatabase } from '../../helpers/pg';

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

export async function startHub(databaseUrl: string, opts: { port?: number; db?: HubDb; serials?: Partial<SerialConfig>; poolMax?: number; clock?: Clock } = {}): Promise<TestHub> {
  const db = opts.db ?? openPostgres(databaseUrl, { max: opts.poolMax ?? 10 });
  await migrateHub(db);
  const logs: string[] = [];
  const serials = { ...DEFAULT_SERIALS, ...opts.serials };
  const app = buildHub({ db, serials, adminToken: ADMIN_TOKEN, logLevel: 'debug', logStream: { write: (s) => void logs.push(s) }, ...(opts.clock ? { clock: opts.clock } : {}) });
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

let serialCounter = 10_000 + Math.floor(Math.random() * 1_000_000);
export const nextItemNumber = (prefix = 'EA'): string => makeItemNumber(prefix, serialCounter++);

const meta = (counterId: string, at = Date.now(), role: DossierEvent['actorRole'] = 'clerk') => ({
  at,
  date: new Date(at + 7 * 3600_000).toISOString().slice(0, 10),
  actorId: `clerk-${counterId}`,
  actorRole: role,
  counterId,
});

export const CCCD = '014099012345';

export function dossierRecord(counterId: string, id: string, itemNumber: string, over: Partial<DossierRecord> = {}): DossierRecord {
  const at = Date.now();
  return {
    id,
    itemNumber,
    serviceType: 'both',
    procedureCode: 'TP-LLTP-01',
    agencyCode: 'STP',
    originCounterId: counterId,
    acceptedAt: at,
    acceptedBy: `clerk-${counterId}`,
    acceptedDate: new Date(at + 7 * 3600_000).toISOString().slice(0, 10),
    complete: true,
    returnMethod: 'pickup',
    returnAddress: null,
    returnProvinceCode: null,
    returnCommuneCode: null,
    pickupBranchCode: null,
    feeCategory: 'standard',
    feeAmount: 200_000,
    postageAmount: 25_000,
    feeDueOnDelivery: 0,
    paymentMethod: 'cash',
    route: 'intra_province',
    transitDeadline: null,
    appointmentEstimate: null,
    parties: [
      {
        role: 'sender',
        fullName: 'Lò Thị Hoa',
        idKind: 'cccd',
        idNumber: CCCD,
        phone: '0912345678',
        email: null,
        address: 'Bản Hụm, xã Chiềng Đen',
        provinceCode: '14',
        communeCode: null,
        organisation: null,
        authorisationRef: null,
      },
    ],
    documents: [{ position: 1, code: 'TK', name: 'Tờ khai', form: 'original', requiredCount: 1, providedCount: 1, providedForm: 'original', required: true }],
    ...over,
  };
}

export function acceptOp(counterId: string, over: Partial<DossierRecord> = {}): Extract<SyncOp, { kind: 'dossier.event' }> {
  const id = v7();
  const itemNumber = over.itemNumber ?? nextItemNumber();
  const record = dossierRecord(counterId, id, itemNumber, over);
  const event: DossierEvent = {
    type: 'accepted',
    serviceType: record.serviceType,
    returnMethod: record.returnMethod,
    complete: record.complete,
    missing: [],
    reclaimOldPapers: false,
    feeDueOnDelivery: record.feeDueOnDelivery,
    ...meta(counterId, record.acceptedAt),
  };
  return { opId: v7(), kind: 'dossier.event', dossierId: id, itemNumber, eventId: v7(), event, dossier: record };
}

export function eventOp(
  counterId: string,
  dossier: { dossierId: string; itemNumber: string },
  body: Exclude<DossierEventBody, { type: 'accepted' }>,
  role: DossierEvent['actorRole'] = 'clerk',
): Extract<SyncOp, { kind: 'dossier.event' }> {
  const event = { ...body, ...meta(counterId, Date.now(), role) } as DossierEvent;
  return { opId: v7(), kind: 'dossier.event', dossierId: dossier.dossierId, itemNumber: dossier.itemNumber, eventId: v7(), event };
}

export function ledgerOp(counterId: string, amount = 200_000): SyncOp {
  const at = Date.now();
  return {
    opId: v7(),
    kind: 'ledger.entry',
    entry: { at, businessDate: '2026-11-29', clerkId: `clerk-${counterId}`, counterId, dossierId: null, kind: 'agency_fee', amount, paymentMethod: 'cash', agencyCode: 'STP', reversesOpId: null, note: null },
  };
}

/** Wraps payloads as push ops numbered from `firstSeq`. */
export const numbered = (firstSeq: number, payloads: SyncOp[]): PushOp[] => payloads.map((p, i) => ({ opId: p.opId, seq: firstSeq + i, payload: p }));

/** Pushes `payloads` as `who`, numbered from `firstSeq`. */
export const pushAs = (hub: { url: string }, who: Enrolled, firstSeq: number, payloads: SyncOp[]): Promise<Answer<PushResponse>> =>
  call<PushResponse>(hub, '/push', { token: who.token, body: { ops: numbered(firstSeq, payloads) } });

/** The lifecycle steps from accepted to ready for pickup. */
export function toReadyForPickup(counterId: string, d: { dossierId: string; itemNumber: string }): SyncOp[] {
  const batchId = v7();
  return [
    eventOp(counterId, d, { type: 'batched', batchId, agencyCode: 'STP' }),
    eventOp(counterId, d, { type: 'filed', batchId, filedAt: Date.now(), receivingOfficer: 'Cầm Văn Nam' }),
    eventOp(counterId, d, { type: 'result_collected', originalsReturned: [] }),
  ];
}

export function handOverOp(counterId: string, d: { dossierId: string; itemNumber: string }): Extract<SyncOp, { kind: 'dossier.event' }> {
  return eventOp(counterId, d, { type: 'handed_over', recipientName: 'Lò Thị Hoa', idKind: 'cccd', byProxy: false, authorisationRef: null, reclaimed: [], feeDueCollected: 0 });
}
