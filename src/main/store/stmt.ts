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

/** Rows per multi-row INSERT at most; with power-of-two chunks a table needs at most 7 statements. */
const MAX_ROWS_PER_INSERT = 64;

const insertSqls = new WeakMap<readonly string[], Map<string, string>>();

function insertSql(table: string, columns: readonly string[], n: number): string {
  let m = insertSqls.get(columns);
  if (!m) {
    m = new Map();
    insertSqls.set(columns, m);
  }
  const key = `${table}#${n}`;
  let sql = m.get(key);
  if (sql === undefined) {
    const one = `(${columns.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: n }, () => one).join(', ')}`;
    m.set(key, sql);
  }
  return sql;
}

/**
 * Inserts `count` rows with multi-row `INSERT … VALUES (…), (…)` statements of 64, 32, …, 1 rows,
 * each prepared once per connection: one statement per row costs several times more when a page
 * brings thousands of rows. `write` pushes the next row's values (in `columns` order) onto the
 * statement's parameters, once per row, rows in their order (INTEGER PRIMARY KEYs too): no array per
 * row in between (a first pull writes half a million rows).
 */
export function insertEach(db: Database, table: string, columns: readonly string[], count: number, write: (params: unknown[]) => void): void {
  let i = 0;
  while (i < count) {
    let n = MAX_ROWS_PER_INSERT;
    while (n > count - i) n >>= 1;
    const params: unknown[] = [];
    for (let k = 0; k < n; k++) write(params);
    // Spread, not one array argument: the driver then reads each value as a call argument instead of
    // looking it up in the array (measured: about 10% less CPU for a first pull's inserts).
    prep(db, insertSql(table, columns, n)).run(...params);
    i += n;
  }
}

/** insertEach over the children of each of `parents` in order (a dossier's parties, its documents). */
export function insertChildren<P, C>(db: Database, table: string, columns: readonly string[], parents: readonly P[], children: (p: P) => readonly C[], write: (params: unknown[], parent: P, child: C) => void): void {
  let count = 0;
  for (const p of parents) count += children(p).length;
  let pi = 0;
  let ci = 0;
  insertEach(db, table, columns, count, (params) => {
    let list = children(parents[pi]!);
    while (ci >= list.length) {
      pi++;
      ci = 0;
      list = children(parents[pi]!);
    }
    write(params, parents[pi]!, list[ci++]!);
  });
}
