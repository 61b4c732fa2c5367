/**
 * A per-connection cache of prepared statements: compiling SQL costs more than running these small
 * queries, so every use case reuses its statements.
 */
import type { Db as Database, Statement } from './driver';

const caches = new WeakMap<Database, Map<string, Statement>>();

export function prep(db: Database, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare(sql);
    cache.set(sql, st);
  }
  return st;
}
