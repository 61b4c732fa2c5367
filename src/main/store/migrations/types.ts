import type { Db as Database } from '../driver';

/** One schema step. `version` is the value `PRAGMA user_version` holds after it ran. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
  /**
   * A step that rebuilds a table other tables point at (SQLite's way to change a CHECK): run with
   * foreign keys off, as SQLite documents for such a rebuild, then checked with foreign_key_check
   * before it commits; a violation rolls the step back.
   */
  rebuildsReferencedTable?: boolean;
}
