import type { Database } from 'better-sqlite3';

/** One schema step. `version` is the value `PRAGMA user_version` holds after it ran. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
