import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../../src/main/store/db';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qhcc-m002-'));
  db = openStore(join(dir, 's.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (id: string, over: Record<string, unknown> = {}): void => {
  db.prepare(
    `INSERT INTO print_jobs (id, printer_id, kind, title, doc, state, original_id, copy_no, next_attempt_at, created_at, created_by, counter_id, updated_at)
     VALUES (@id, 'p', 'intake_receipt', 't', '{}', @state, @original_id, @copy_no, 0, 0, 'c', 'k', 0)`,
  ).run({ id, state: 'queued', original_id: null, copy_no: 0, ...over });
};

describe('migration 002: print queue', () => {
  it('creates STRICT tables with the job states and copy rules enforced', () => {
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
    insert('a');
    expect(() => insert('b', { state: 'printing' })).toThrow(/CHECK/);
    expect(() => insert('c', { copy_no: 1 })).toThrow(/CHECK/); // a copy must name its original
    insert('d', { original_id: 'a', copy_no: 1 });
    expect(() => insert('e', { original_id: 'a', copy_no: 1 })).toThrow(/UNIQUE/); // copy numbers never repeat
    expect(() => insert('f', { original_id: 'zzz', copy_no: 1 })).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO print_attempts (job_id, printer_id, started_at, bytes_total, sha256, outcome) VALUES ('a', 'p', 0, 1, 'x', 'maybe')").run()).toThrow(/CHECK/);
  });
});
