/**
 * The core of the composition root (counter.ts builds the rest on it): opens the store in a data
 * folder, loads bundled reference data on first run, makes sure this counter exists with a serial
 * range, and builds the use cases (services/). Tests of the services build just this.
 */
import { join, resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from './store/db';
import { closeStore, openStore, storeFile } from './store/db';
import type { Clock } from '../shared/ports';
import { systemClock } from '../shared/ports';
import { readReference, seedReference } from './reference/load';
import type { Reference, ServiceContext } from './services/context';
import type { Services } from './services';
import { createServices } from './services';
import { plainSecretBox } from './sync/secrets';
import { readSelf } from './store/identity';
import type { StoreKey } from './store/cipher';
import type { OsKeyStore } from './store/key-store';
import { fileKeyStore } from './store/key-store';
import type { ConversionStep } from './store/store-key';
import { prepareStoreKey } from './store/store-key';
import type { SecretBox } from '../shared/ports';

export interface CounterConfig {
  id: string;
  branchCode: string;
  branchName: string;
  name: string;
  provinceCode: string;
  communeCode: string | null;
  /** A provisional S10 range used until the hub hands one down. */
  provisionalRange: { prefix: string; first: number; last: number };
}

/**
 * The embedded default: a counter of the Sơn La city post office. Its provisional range is used only
 * until the counter enrolls with the provincial hub, which allocates non-overlapping ranges.
 */
export const DEFAULT_COUNTER: CounterConfig = {
  id: 'SL-TP-Q01',
  branchCode: 'SL-TP',
  branchName: 'Bưu điện Thành phố Sơn La',
  name: 'Quầy 1',
  provinceCode: '14',
  communeCode: null,
  provisionalRange: { prefix: 'EA', first: 10_000_000, last: 10_999_999 },
};

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  resourcesDir?: string;
  counter?: CounterConfig;
  /** How the hub token is sealed at rest; the Electron entry passes the OS's (electron/secrets.ts). */
  secrets?: SecretBox;
  /**
   * The OS key store that seals the store key (store/key-store.ts); the Electron entry passes the
   * OS's, browser mode and tests the file-backed stand-in (default: this user's).
   */
  keyStore?: OsKeyStore;
  /**
   * `false`: a plain store, never encrypted — only for the benchmarks' plain baseline
   * (encrypted_vs_plain_p99); the application never passes it.
   */
  encryption?: false;
}

export interface App {
  db: Db;
  ctx: ServiceContext;
  services: Services;
  counter: CounterConfig;
  dataDir: string;
  resourcesDir: string;
  secrets: SecretBox;
  /** The key the store is encrypted with (its recovery code is shown to the manager). */
  storeKey: StoreKey;
  /** Re-reads reference data (after a sync) and rebuilds caches. */
  refreshReference(): void;
  /**
   * Re-reads this counter's identity from the store into `counter` (the same object, so everyone
   * holding it sees the change): after enrollment or the first run's identity step.
   */
  reloadIdentity(): void;
  close(): void;
}

/**
 * UUIDv7 with randomness drawn from a pooled buffer: one getRandomValues call per 256 ids instead of
 * one per id (ids are made several times per use case).
 */
export function pooledUuid(): () => string {
  const pool = new Uint8Array(16 * 256);
  let at = pool.length;
  return () => {
    if (at >= pool.length) {
      crypto.getRandomValues(pool);
      at = 0;
    }
    const random = pool.subarray(at, at + 16);
    at += 16;
    return uuidv7({ random });
  };
}

export function defaultResourcesDir(): string {
  return resolve(__dirname, '../../resources');
}

export function ensureCounter(db: Db, c: CounterConfig): void {
  db.transaction(() => {
    // A counter that has an identity (given by the hub, typed at first run) keeps it.
    const exists = db.prepare('SELECT 1 FROM counters WHERE id = ? OR is_self = 1').get(c.id);
    if (exists) return;
    db.prepare('INSERT INTO counters (id, branch_code, branch_name, name, province_code, commune_code, is_self) VALUES (?, ?, ?, ?, ?, ?, 1)').run(
      c.id,
      c.branchCode,
      c.branchName,
      c.name,
      c.provinceCode,
      c.communeCode,
    );
    const r = c.provisionalRange;
    db.prepare('INSERT INTO serial_ranges (counter_id, prefix, first_serial, last_serial, next_serial) VALUES (?, ?, ?, ?, ?)').run(c.id, r.prefix, r.first, r.last, r.first);
  })();
}

/**
 * The counter's store in `dataDir`, encrypted: the key is unsealed (or made, and a plain store
 * converted, on first use) and the store opened with it.
 */
export function openCounterStore(
  dataDir: string,
  opts: { keyStore?: OsKeyStore | undefined; now?: () => number; onStep?: (s: ConversionStep) => void } = {},
): { db: Db; key: StoreKey } {
  const now = opts.now ?? Date.now;
  const key = prepareStoreKey(dataDir, opts.keyStore ?? fileKeyStore(), { now, ...(opts.onStep ? { onStep: opts.onStep } : {}) });
  return { db: openStore(storeFile(dataDir), { now, key }), key };
}

export function createApp(opts: AppOptions): App {
  const clock = opts.clock ?? systemClock;
  const resourcesDir = opts.resourcesDir ?? defaultResourcesDir();
  const { db, key: storeKey } =
    opts.encryption === false
      ? { db: openStore(storeFile(opts.dataDir), { now: () => clock.now() }), key: Buffer.alloc(0) }
      : openCounterStore(opts.dataDir, { keyStore: opts.keyStore, now: () => clock.now() });
  seedReference(db, join(resourcesDir, 'reference'), clock.now());
  ensureCounter(db, opts.counter ?? DEFAULT_COUNTER);
  const counter: CounterConfig = { ...(opts.counter ?? DEFAULT_COUNTER) };
  const reloadIdentity = () => {
    const self = readSelf(db);
    if (self) Object.assign(counter, { id: self.counterId, name: self.counterName, branchCode: self.branchCode, branchName: self.branchName, provinceCode: self.provinceCode, communeCode: self.communeCode });
  };
  reloadIdentity();
  let reference: Reference = readReference(db);
  const secrets = opts.secrets ?? plainSecretBox;
  const ctx: ServiceContext = { db, clock, ids: { uuid: pooledUuid() }, reference: () => reference, secrets };
  const services = createServices(ctx);
  return {
    db,
    ctx,
    services,
    counter,
    dataDir: opts.dataDir,
    resourcesDir,
    secrets,
    storeKey,
    refreshReference() {
      reference = readReference(db);
      services.catalogue.reindex();
    },
    reloadIdentity,
    close() {
      closeStore(db);
    },
  };
}
