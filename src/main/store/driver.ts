/**
 * THE SQLite driver, chosen in this one file: better-sqlite3-multiple-ciphers (SQLite3MultipleCiphers
 * under better-sqlite3's API), so that the store, its WAL, its backups and its quarantine copies are
 * encrypted page by page while every query and index works as before (see cipher.ts for the key).
 * Everything that opens a database file imports the driver and its types from here; the store
 * worker's thread loads the same package by the path `driverEntry()` gives.
 */
import Database from 'better-sqlite3-multiple-ciphers';

export default Database;
export type Db = Database.Database;
export type Statement = Database.Statement;

/** The driver package's name, for the worker thread and the packaging checks. */
export const DRIVER_PACKAGE = 'better-sqlite3-multiple-ciphers';

/** Absolute path of the driver's entry (the worker thread loads it with plain file access). */
export function driverEntry(): string {
  return require.resolve(DRIVER_PACKAGE);
}
