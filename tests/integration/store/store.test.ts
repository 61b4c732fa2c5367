import { closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from '../../../src/main/store/driver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { integrityOk, latestVersion, openStore, rotatingBackup } from '../../../src/main/store/db';
import { migrations } from '../../../src/main/store/migrations';
import type { Migration } from '../../../src/main/store/migrations/types';
import { openDataStore, tempDir } from '../../helpers/app';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('quayhcc-store-');
});
afterEach(() => tmp.cleanup());

const schemaOf = (db: Database.Database) => db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { type: string; name: string; sql: string | null }[];

describe('opening the store', () => {
  it('creates the schema with the durability settings on', () => {
    const db = openStore(join(tmp.dir, 'a.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = schemaOf(db).filter((o) => o.type === 'table' && !o.sql!.startsWith('CREATE VIRTUAL') && !/_fts_/.test(o.name) && o.name !== 'sqlite_sequence');
    expect(tables.length).toBeGreaterThan(15);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\bSTRICT\b/);
    expect(integrityOk(db)).toBe(true);
    db.close();
  });

  it('upgrades from every earlier version, one transaction per migration', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(new Set(versions).size).toBe(versions.length);
    for (let i = 1; i < migrations.length; i++) {
      const file = join(tmp.dir, `up-${i}.sqlite`);
      const old = openStore(file, { migrations: migrations.slice(0, i) });
      const before = JSON.stringify(schemaOf(old));
      expect(old.pragma('user_version', { simple: true })).toBe(migrations[i - 1]!.version);
      old.close();
      const db = openStore(file);
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
      expect(JSON.stringify(schemaOf(db))).not.toBe(before);
      // The same schema as a store created at the latest version.
      const fresh = openStore(join(tmp.dir, `fresh-${i}.sqlite`));
      expect(schemaOf(db)).toEqual(schemaOf(fresh));
      fresh.close();
      db.close();
      // The pre-migration backup exists and holds the old version.
      const backups = readdirSync(join(tmp.dir, 'backups')).filter((f) => f.startsWith(`pre-migrate-v${migrations[i - 1]!.version}-`));
      expect(backups.length).toBeGreaterThan(0);
      const b = new Database(join(tmp.dir, 'backups', backups[0]!), { readonly: true });
      expect(b.pragma('user_version', { simple: true })).toBe(migrations[i - 1]!.version);
      b.close();
    }
  });

  it('each migration changes the schema', () => {
    const db = new Database(':memory:');
    let before = JSON.stringify(schemaOf(db));
    for (const m of migrations) {
      db.transaction(() => m.up(db))();
      const now = JSON.stringify(schemaOf(db));
      expect(now, m.name).not.toBe(before);
      before = now;
    }
    db.close();
  });

  it('refuses a database newer than the code, and leaves it untouched', () => {
    const file = join(tmp.dir, 'new.sqlite');
    const db = openStore(file);
    db.pragma(`user_version = ${latestVersion() + 1}`);
    db.close();
    const size = statSync(file).size;
    expect(() => openStore(file)).toThrow(/mới hơn phần mềm/);
    expect(statSync(file).size).toBe(size);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(latestVersion() + 1);
    raw.close();
  });

  it('rolls back a failing migration completely', () => {
    const file = join(tmp.dir, 'fail.sqlite');
    openStore(file, { migrations: migrations.slice(0, 1) }).close();
    const bad: Migration = {
      version: 99,
      name: 'bad',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => openStore(file, { migrations: [migrations[0]!, bad] })).toThrow('boom');
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(migrations[0]!.version);
    expect(raw.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('quarantines a corrupt file instead of deleting it', () => {
    const file = join(tmp.dir, 'c.sqlite');
    const db = openStore(file);
    db.exec("CREATE TABLE filler (x TEXT) STRICT; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO filler SELECT hex(randomblob(100)) FROM n;");
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const fd = openSync(file, 'r+');
    const junk = Buffer.alloc(4096 * 4, 0xa5);
    writeSync(fd, junk, 0, junk.length, 4096 * 3);
    closeSync(fd);
    expect(() => openStore(file)).toThrow(/bị hỏng/);
    expect(existsSync(file)).toBe(false);
    const q = readdirSync(join(tmp.dir, 'quarantine'));
    expect(q).toHaveLength(1);
    expect(q[0]).toMatch(/^c\.sqlite\..*\.corrupt$/);
  });
});

describe('rotating backups', () => {
  it('writes verified copies and keeps only the newest', async () => {
    const db = openStore(join(tmp.dir, 'b.sqlite'));
    db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    let t = Date.parse('2026-03-02T00:00:00Z');
    const paths: string[] = [];
    for (let i = 0; i < 5; i++) {
      paths.push(await rotatingBackup(db, join(tmp.dir, 'bk'), 3, () => (t += 60_000)));
    }
    const left = readdirSync(join(tmp.dir, 'bk')).sort();
    expect(left).toHaveLength(3);
    expect(left).toEqual(paths.slice(2).map((p) => p.split('/').pop()).sort());
    const copy = new Database(paths[4]!, { readonly: true });
    expect(copy.prepare("SELECT value FROM meta WHERE key = 'k'").get()).toEqual({ value: 'v' });
    copy.close();
    db.close();
  });
});

describe('idle maintenance', () => {
  it('checkpoints, checks integrity and writes a backup once per period', async () => {
    const { createMaintenance } = await import('../../../src/main/maintenance');
    const db = openStore(join(tmp.dir, 'm.sqlite'));
    db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    let t = Date.parse('2026-03-02T00:00:00Z');
    const problems: string[] = [];
    const m = createMaintenance(db, tmp.dir, { now: () => t, onProblem: (p) => problems.push(p) });
    const first = await m.runOnce();
    // The retention purge of personal data (services/retention.ts) runs with the first round, then daily.
    expect(first).toMatchObject({ checkpointed: true, integrity: true, purged: { dossiers: 0, cases: 0, operations: 0, printJobs: 0 } });
    expect(first.backup).toMatch(/backup-\d{8}T\d{6}\.sqlite$/);
    t += 60_000;
    expect(await m.runOnce()).toEqual({ checkpointed: true, integrity: null, backup: null, purged: null, pruned: null });
    t += 25 * 3600_000;
    expect((await m.runOnce()).backup).not.toBeNull();
    expect(readdirSync(join(tmp.dir, 'backups')).filter((f) => f.startsWith('backup-'))).toHaveLength(2);
    expect(problems).toEqual([]);
    db.close();
  });

  it('after a restart, the next backup and full check are due a day after the newest backup on disk, not at once', async () => {
    const { createMaintenance } = await import('../../../src/main/maintenance');
    const db = openStore(join(tmp.dir, 'r.sqlite'));
    let t = Date.parse('2026-03-02T08:00:00Z');
    const first = createMaintenance(db, tmp.dir, { now: () => t, worker: false });
    expect((await first.runOnce()).backup).toMatch(/backup-20260302T080000\.sqlite$/);
    await first.stop();
    // The counter restarts two hours later: nothing heavy is due.
    t += 2 * 3600_000;
    const again = createMaintenance(db, tmp.dir, { now: () => t, worker: false });
    expect(await again.runOnce()).toEqual({ checkpointed: true, integrity: null, backup: null, purged: { dossiers: 0, cases: 0, operations: 0, printJobs: 0 }, pruned: { quarantine: 0, backups: 0 } });
    // 22 h later (a day after the backup): both are due again.
    t += 22 * 3600_000;
    const due = await again.runOnce();
    expect(due.integrity).toBe(true);
    expect(due.backup).toMatch(/backup-20260303T080000\.sqlite$/);
    // A backup dated in the future (the clock was set back) does not put the next one off.
    t = Date.parse('2026-03-01T00:00:00Z');
    const setBack = createMaintenance(db, tmp.dir, { now: () => t, worker: false });
    expect((await setBack.runOnce()).backup).toMatch(/backup-20260301T000000\.sqlite$/);
    db.close();
  });
});

describe('migration 005: events point at their outbox operation', () => {
  it('backfills op_seq from the operations already queued, and leaves remote events without one', async () => {
    const { createTestApp, lltpInput } = await import('../../helpers/app');
    const app = createTestApp({ dir: tmp.dir });
    const { dossierId } = app.services.intake.accept(lltpInput(), app.clerk);
    const opOf = (id: string) => app.db.prepare("SELECT seq FROM outbox WHERE kind = 'dossier.event' AND json_extract(payload, '$.eventId') = ?").get(id) as { seq: number };
    const ev = app.db.prepare('SELECT id, op_seq FROM dossier_events WHERE dossier_id = ?').get(dossierId) as { id: string; op_seq: number };
    // Written by the use case itself.
    expect(ev.op_seq).toBe(opOf(ev.id).seq);
    // As a version-4 store would hold it: no pointer yet, plus a remote event.
    app.db.exec('UPDATE dossier_events SET op_seq = NULL');
    app.db.prepare("INSERT INTO dossier_events (id, dossier_id, seq, type, at, actor_id, counter_id, payload, origin) VALUES ('r1', ?, 2, 'note', 0, 'x', 'other', '{}', 'remote')").run(dossierId);
    app.db.exec('ALTER TABLE dossier_events DROP COLUMN op_seq');
    // …and none of what later migrations (011) add, since they run again after 005.
    app.db.exec('DROP TABLE first_run; DROP TABLE first_run_steps; ALTER TABLE counters DROP COLUMN identity_source');
    app.db.pragma('user_version = 4');
    app.close();
    const db = openDataStore(tmp.dir);
    expect(db.prepare('SELECT id, op_seq FROM dossier_events ORDER BY seq').all()).toEqual([
      { id: ev.id, op_seq: ev.op_seq },
      { id: 'r1', op_seq: null },
    ]);
    db.close();
  });
});
