/**
 * Disaster recovery: the hub's database is restored from an earlier backup. Counters resend what the
 * hub lost (it reports a gap below what they sent), and after `reset-feed` every counter pulls the
 * feed again from the start and applies it idempotently: nothing lost, nothing twice.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgres } from '../../../src/hub/db';
import { resetFeed } from '../../../src/hub/pull';
import { createTestDatabase, describePg, PG_ADMIN_URL, type TestDatabase } from '../../helpers/pg';
import { lltpInput } from '../../helpers/app';
import { startHub, type TestHub } from '../hub/harness';
import { counter } from './setup';

describePg('hub restored from a backup', () => {
  let tdb: TestDatabase;
  const backupName = () => `${tdb.name}_bak`;

  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    const a = new pg.Client({ connectionString: PG_ADMIN_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${backupName()} WITH (FORCE)`);
    await a.end();
    await tdb?.drop();
  });

  it('counters resend what the hub lost and re-pull the renumbered feed without duplicates', async () => {
    let hub: TestHub = await startHub(tdb.url);
    const a = counter('R-A', { branchCode: 'R-BR' });
    const b = counter('R-B', { branchCode: 'R-BR' });
    try {
      await a.enroll(hub);
      await b.enroll(hub);
      for (let i = 0; i < 3; i++) a.services.intake.accept(lltpInput(), a.clerk);
      await a.worker.syncNow();
      await b.worker.syncNow();

      // Nightly backup (a copy of the database as it is now).
      const port = hub.port;
      await hub.close();
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${backupName()} TEMPLATE ${tdb.name}`);
      await admin.end();

      // A day's work after the backup reaches the hub and the other counter.
      hub = await startHub(tdb.url, { port });
      for (let i = 0; i < 2; i++) a.services.intake.accept(lltpInput(), a.clerk);
      expect((await a.worker.syncNow()).status).toBe('synced');
      expect((await b.worker.syncNow()).status).toBe('synced');
      expect(b.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get()).toEqual({ n: 5 });

      // Disaster: the hub comes back on the backup, and the operator resets the feed.
      await hub.close();
      const restoredUrl = tdb.url.replace(/\/[^/]+$/, `/${backupName()}`);
      const restoredDb = openPostgres(restoredUrl);
      await resetFeed(restoredDb);
      hub = await startHub(restoredUrl, { port, db: restoredDb });
      const lost = await hub.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM dossiers`);
      expect(lost.rows[0]!.n).toBe('3');

      // A's tokens and numbering are those of the backup; A resends the two operations' worth it lost.
      const sa = await a.worker.syncNow();
      expect(sa).toMatchObject({ status: 'synced', pending: 0 });
      const back = await hub.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM dossiers WHERE origin_counter_id = 'R-A'`);
      expect(back.rows[0]!.n).toBe('5');
      const log = await hub.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM op_log WHERE counter_id = 'R-A'`);
      expect(Number(log.rows[0]!.n)).toBe((a.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n);

      // B's cursor belongs to the old feed: B pulls everything again, applies nothing twice.
      const remoteBefore = b.db.prepare("SELECT COUNT(*) AS n FROM dossier_events WHERE origin = 'remote'").get();
      expect((await b.worker.syncNow()).status).toBe('synced');
      expect(b.db.prepare('SELECT COUNT(*) AS n FROM dossiers').get()).toEqual({ n: 5 });
      expect(b.db.prepare("SELECT COUNT(*) AS n FROM dossier_events WHERE origin = 'remote'").get()).toEqual(remoteBefore);

      // And the feed goes on: a new dossier at A reaches B.
      const { itemNumber } = a.services.intake.accept(lltpInput(), a.clerk);
      await a.worker.syncNow();
      await b.worker.syncNow();
      expect(b.services.lookup.search({ query: itemNumber }).results).toHaveLength(1);
    } finally {
      await a.worker.stop();
      await b.worker.stop();
      a.dispose();
      b.dispose();
      await hub.close();
    }
  });
});
