/** Migration 014 (issue 15): the purge marks and indexes, and the record of citizens' requests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/store/db';
import { migrate, openStore } from '../../src/main/store/db';
import { migrations } from '../../src/main/store/migrations';

let dir: string | undefined;
let db: Db | undefined;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('migration 014: personal data', () => {
  it('adds the purge marks, the purge indexes and data_requests; runs again harmlessly on a store set back', () => {
    dir = mkdtempSync(join(tmpdir(), 'qhcc-m014-'));
    db = openStore(join(dir, 's.sqlite'), { migrations: migrations.filter((m) => m.version < 14) });
    migrate(db, migrations, { now: () => 0 });
    const cols = (t: string) => (db!.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    expect(cols('dossiers')).toContain('personal_purged_at');
    expect(cols('cases')).toContain('personal_purged_at');
    expect(cols('data_requests')).toEqual(['id', 'requested_at', 'requested_by', 'counter_id', 'id_kind', 'id_masked', 'answered_at', 'answered_by', 'dossiers', 'cases', 'formats']);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('dossiers_purge_closed', 'dossiers_purge_sent', 'cases_purge_done', 'outbox_by_dossier') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(['cases_purge_done', 'dossiers_purge_closed', 'dossiers_purge_sent', 'outbox_by_dossier']);
    db.pragma('user_version = 12');
    migrate(db, migrations, { now: () => 0 });
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
  });
});
