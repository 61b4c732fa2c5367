/**
 * The newcomer's hub: the same server on an embedded PGlite (no PostgreSQL needed), same migrations,
 * same push/pull semantics including the xmin-bounded cursor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../src/hub/db';
import { migrateHub } from '../../../src/hub/migrations';
import type { PullResponse, PushResponse } from '../../../src/shared/sync-protocol';
import { acceptOp, call, enroll, numbered, startHub, toReadyForPickup, type TestHub } from './harness';

describe('hub on embedded PGlite', () => {
  let dir: string;
  let hub: TestHub;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-pglite-'));
    hub = await startHub('', { db: await openPglite(dir) });
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrolls, pushes idempotently and hands events to the other counter', async () => {
    expect((await call<{ db: string }>(hub, '/health')).body.db).toBe('pglite');
    expect(await migrateHub(hub.db)).toBe(0); // already applied, nothing twice
    const a = await enroll(hub, 'G-1', 'G-1-A');
    const b = await enroll(hub, 'G-1', 'G-1-B');
    const acc = acceptOp(a.counterId);
    const ops = numbered(1, [acc, ...toReadyForPickup(a.counterId, acc)]);
    const r1 = await call<PushResponse>(hub, '/push', { token: a.token, body: { ops } });
    expect(r1.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const r2 = await call<PushResponse>(hub, '/push', { token: a.token, body: { ops } });
    expect(r2.body.results).toEqual(r1.body.results);
    const pulled = await call<PullResponse>(hub, '/pull', { token: b.token });
    expect(pulled.status).toBe(200);
    expect(pulled.body.changes.filter((c) => c.kind === 'dossier.event')).toHaveLength(4);
    expect(pulled.body.changes.filter((c) => c.kind === 'serial_range')).toHaveLength(1);
  });
});
