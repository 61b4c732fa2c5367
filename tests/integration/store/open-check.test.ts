/**
 * The full quick_check at open runs only after a session that did not end in closeStore (a crash or
 * a power cut): after a clean close it is skipped, so that a store of a million dossiers opens in
 * milliseconds, and damage done while the app was closed is found by the integrity check that the
 * store worker runs after start.
 */
import { closeSync, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/main/store/db';
import { closeStore, integrityOk, openStore } from '../../../src/main/store/db';
import { tempDir } from '../../helpers/app';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('quayhcc-open-check-');
});
afterEach(() => tmp.cleanup());

/** A store with some data pages, then damage to pages 4–7 (the filler's data, not the schema). */
function damagedStore(file: string, close: (db: Db) => void): void {
  const db = openStore(file);
  db.exec("CREATE TABLE filler (x TEXT) STRICT; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO filler SELECT hex(randomblob(100)) FROM n;");
  db.pragma('wal_checkpoint(TRUNCATE)');
  close(db);
  const fd = openSync(file, 'r+');
  const junk = Buffer.alloc(4096 * 4, 0xa5);
  writeSync(fd, junk, 0, junk.length, 4096 * 3);
  closeSync(fd);
}

const closedMark = (db: Db) => db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'closed_cleanly'").get() as { n: number };

describe('the check at open', () => {
  it('after a crash (no closeStore), damage is refused at open and the file quarantined', () => {
    const file = join(tmp.dir, 'crash.sqlite');
    damagedStore(file, (db) => db.close());
    expect(() => openStore(file)).toThrow(/bị hỏng/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(join(tmp.dir, 'quarantine'))).toHaveLength(1);
  });

  it('after a clean close, open skips the full check; the integrity check then finds the damage', () => {
    const file = join(tmp.dir, 'clean.sqlite');
    damagedStore(file, closeStore);
    const db = openStore(file);
    expect(integrityOk(db)).toBe(false);
    db.close();
  });

  it('the mark lives only between a clean close and the next open, so a crash after it leaves none', () => {
    const file = join(tmp.dir, 'mark.sqlite');
    let db = openStore(file);
    expect(closedMark(db)).toEqual({ n: 0 });
    closeStore(db);
    db = openStore(file);
    expect(closedMark(db)).toEqual({ n: 0 });
    db.close(); // a crash: no mark, so the next open checks in full and still opens a sound store
    db = openStore(file);
    expect(integrityOk(db)).toBe(true);
    closeStore(db);
    expect(db.open).toBe(false);
  });
});
