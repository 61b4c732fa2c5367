/**
 * The anchor of the intake benchmark (issue #16 §5): the very rows one intake inserted, read back and
 * inserted again by bare prepared INSERTs in one transaction on the same connection (same pragmas,
 * same triggers: the dashboard counters and the name index fire as for the real rows). What the
 * intake costs beyond this is ours: checks, lookups, serial numbers, JSON, statements.
 *
 * Keys are made unique: the dossier id and text ids get a suffix, the item number a bench series,
 * the fee receipt series a suffix. Integer keys are left to SQLite, and the rows that point at them
 * (an event at its outbox operation, a fee receipt at its ledger row) point at the copies.
 */
import type { Db } from '../../src/main/store/db';

interface Table {
  table: string;
  where: string;
  /** Column → the table (earlier in this list) whose integer key it holds. */
  refs?: Record<string, string>;
}

/** The tables an intake inserts into, in the order it writes them, and how to find its rows. */
export const INTAKE_TABLES: readonly Table[] = [
  { table: 'dossiers', where: 'id = ?' },
  { table: 'parties', where: 'dossier_id = ?' },
  { table: 'dossier_documents', where: 'dossier_id = ?' },
  { table: 'outbox', where: 'dossier_id = ?' },
  { table: 'dossier_events', where: 'dossier_id = ?', refs: { op_seq: 'outbox' } },
  { table: 'ledger', where: 'dossier_id = ?' },
  { table: 'fee_receipts', where: 'dossier_id = ?', refs: { ledger_id: 'ledger' } },
  { table: 'audit_log', where: "entity = 'dossier' AND entity_id = ?" },
];

type Row = Record<string, unknown>;
/** A row to insert, and the integer key its original had (to remap what points at it). */
interface Copy {
  key: unknown;
  row: Row;
}

export interface SameRows {
  /** The rows `dossierId`'s intake inserted, keyed for copy number `i`. */
  capture(dossierId: string, i: number): Copy[][];
  /** Inserts a captured set in one transaction. */
  write(rows: Copy[][]): void;
  /** Rows in the last captured set. */
  rowsPerIntake(): number;
}

export function sameRowsWriter(db: Db): SameRows {
  const plans = INTAKE_TABLES.map(({ table, where, refs }) => {
    const info = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; pk: number }[];
    const key = info.find((c) => c.pk === 1 && c.type === 'INTEGER' && !info.some((o) => o.pk > 1));
    const cols = info.filter((c) => c !== key).map((c) => c.name);
    // The row's own integer key is read (as _key) to remap what points at it, never inserted.
    const select = [...cols, ...(key ? [`${key.name} AS _key`] : [])];
    return {
      table,
      refs: refs ?? {},
      read: db.prepare(`SELECT ${select.join(', ')} FROM ${table} WHERE ${where}`),
      insert: db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`),
    };
  });
  let perIntake = 0;
  return {
    capture(dossierId, i) {
      const copyId = `${dossierId}-same`;
      const rows = plans.map((p) =>
        (p.read.all(dossierId) as Row[]).map(({ _key, ...c }): Copy => {
          for (const k of Object.keys(c)) if (c[k] === dossierId) c[k] = copyId;
          if (typeof c['item_number'] === 'string') c['item_number'] = `ZZ${String(i).padStart(8, '0')}0VN`;
          if (typeof c['op_id'] === 'string') c['op_id'] = `${String(c['op_id'])}-same`;
          if (p.table === 'fee_receipts') c['series'] = `${String(c['series'])}-same`;
          if ('id' in c && typeof c['id'] === 'string' && c['id'] !== copyId) c['id'] = `${c['id']}-same`;
          return { key: _key, row: c };
        }),
      );
      perIntake = rows.reduce((n, r) => n + r.length, 0);
      return rows;
    },
    write(rows) {
      db.transaction(() => {
        const newKeys = new Map<string, Map<unknown, number>>();
        rows.forEach((list, k) => {
          const plan = plans[k]!;
          const mine = new Map<unknown, number>();
          newKeys.set(plan.table, mine);
          for (const { key, row } of list) {
            for (const col in plan.refs) row[col] = newKeys.get(plan.refs[col]!)?.get(row[col]) ?? row[col];
            const id = plan.insert.run(row).lastInsertRowid;
            if (key !== undefined) mine.set(key, Number(id));
          }
        });
      })();
    },
    rowsPerIntake: () => perIntake,
  };
}
