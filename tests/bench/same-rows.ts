/**
 * The anchor of the intake benchmark (issue #16 §5): the rows one intake wrote, read back and written
 * again by bare prepared statements in one transaction on the same connection (same pragmas, same
 * triggers: the dashboard counters and the full-text index fire as for the real rows). What the
 * intake costs beyond this is ours: checks, lookups, serial numbers, JSON, statements.
 *
 * Keys are made unique: the dossier id and text ids get a suffix, the item number a bench series,
 * the fee receipt series a suffix. Integer keys are left to SQLite, and the rows that point at them
 * (an event at its outbox operation, a fee receipt at its ledger row) point at the copies.
 *
 * The copy must land where a new intake's rows land, not where this intake's just did. Suffixed ids,
 * the bench item series and the outbox/ledger/audit keys are appended at the end of their indexes,
 * as the intake's own (time-ordered uuids, serial numbers, integer keys) are. The citizen's name is
 * not: it is drawn at random for each intake, and its two name indexes (parties_by_name,
 * parties_by_name_dossier) put it among a million others. A copy of the very same name went into the
 * index leaves the intake had just read and rewritten, already in SQLite's cache, so it never paid
 * the read (and decryption) of a cold leaf that the intake paid for each name. Measured with the
 * bytes the writing thread read from the store's files (/proc/thread-self/io) per call: intake
 * 4.2 KiB, copy with the same name 0.9 KiB, copy with a name drawn afresh 4.3 KiB at 100,000
 * dossiers; 7.3, 1.7 and 7.1 KiB at 1,000,000. (The commits carry the same pages: 50.2 WAL frames
 * per intake, 49.0 per copy, at 100,000.)
 * So the caller gives the copy a name drawn from the same distribution as the intake's (`name`),
 * and the name's derived columns (folded name, search text) are computed as the intake computes
 * them. The ID number and phone stay the intake's: the bench's intakes all use the same citizen's,
 * so their index leaves are equally hot for both.
 *
 * The intake also advances its counter's serial range (an UPDATE of one row); the copy writes that
 * row again as it stands, so the commit carries the same pages.
 */
import type { Db } from '../../src/main/store/db';
import { partySearchText } from '../../src/main/services/intake';
import type { PartyRecord } from '../../src/shared/sync-ops';
import { foldVi } from '../../src/shared/text';

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

export interface Captured {
  rows: Copy[][];
  /** The counter's serial range as the intake left it: [next_serial, id]. */
  serial: [number, number];
}

export interface SameRows {
  /** The rows `dossierId`'s intake wrote, keyed for copy number `i`, the citizen named `name`. */
  capture(dossierId: string, i: number, name: string): Captured;
  /** Writes a captured set in one transaction. */
  write(rows: Captured): void;
  /** Rows in the last captured set, the serial range row included. */
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
  const readSerial = db.prepare("SELECT r.next_serial, r.id FROM serial_ranges r JOIN dossiers d ON d.origin_counter_id = r.counter_id WHERE d.id = ? AND r.status = 'active' ORDER BY r.id LIMIT 1").raw();
  const writeSerial = db.prepare('UPDATE serial_ranges SET next_serial = ? WHERE id = ?');
  let perIntake = 0;
  return {
    capture(dossierId, i, name) {
      const copyId = `${dossierId}-same`;
      const serial = readSerial.get(dossierId) as [number, number];
      const rows = plans.map((p) =>
        (p.read.all(dossierId) as Row[]).map(({ _key, ...c }): Copy => {
          for (const k of Object.keys(c)) if (c[k] === dossierId) c[k] = copyId;
          if (typeof c['item_number'] === 'string') c['item_number'] = `ZZ${String(i).padStart(8, '0')}0VN`;
          if (typeof c['op_id'] === 'string') c['op_id'] = `${String(c['op_id'])}-same`;
          if (p.table === 'fee_receipts') c['series'] = `${String(c['series'])}-same`;
          if ('id' in c && typeof c['id'] === 'string' && c['id'] !== copyId) c['id'] = `${c['id']}-same`;
          if (p.table === 'parties' && c['role'] === 'sender') {
            // As the intake derives them (intake.ts partyRow, partySearchText).
            c['full_name'] = name;
            c['name_folded'] = foldVi(name);
            c['search_text'] = partySearchText({ fullName: name, organisation: c['organisation'], address: c['address'] } as PartyRecord);
          }
          return { key: _key, row: c };
        }),
      );
      perIntake = rows.reduce((n, r) => n + r.length, 0) + 1;
      return { rows, serial };
    },
    write({ rows, serial }) {
      db.transaction(() => {
        writeSerial.run(...serial);
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
