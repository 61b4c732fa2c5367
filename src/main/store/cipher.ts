/**
 * The store's page-level cipher (SQLite3MultipleCiphers, driver.ts): ChaCha20-Poly1305 ("chacha20",
 * sqleet's scheme), every page of the database, of its WAL and of every copy encrypted and
 * authenticated. The key is 32 random bytes (store-key.ts), so the passphrase stretching SQLite3MC
 * would otherwise run at every open (64,007 rounds of PBKDF2, a quarter of a second here) is set to
 * one round: stretching protects weak passwords, not random keys.
 *
 * Every connection that opens the store or one of its copies (the main one, the store worker's,
 * a backup's check, a restore) keys itself through `keyConnection` with the same parameters.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { DomainError } from '../../shared/errors';

/** The store key: 32 random bytes. */
export type StoreKey = Buffer;

export const KEY_BYTES = 32;
const CIPHER = 'chacha20';

export class CipherError extends DomainError {}

/** The subset of a connection that keying needs (the worker thread's driver is loaded by path). */
interface Keyable {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  prepare(sql: string): { get(): unknown };
}

function cipherPragmas(db: Keyable): void {
  db.pragma(`cipher = '${CIPHER}'`);
  db.pragma('kdf_iter = 1');
}

/**
 * Keys a freshly opened connection (before anything else reads the file) and checks that the key
 * opens it. Throws CipherError STORE_KEY_WRONG when it does not: a wrong key looks exactly like a
 * damaged first page, so nothing is moved aside on that account.
 */
export function keyConnection(db: Keyable, key: StoreKey): void {
  if (key.length !== KEY_BYTES) throw new CipherError('STORE_KEY_BAD', 'Khoá mã hoá dữ liệu không hợp lệ.');
  cipherPragmas(db);
  db.pragma(`hexkey = '${key.toString('hex')}'`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new CipherError('STORE_KEY_WRONG', 'Khoá mã hoá không mở được tệp dữ liệu này (khoá của máy khác, hoặc tệp đã hỏng).');
    }
    throw err;
  }
}

/**
 * Encrypts a plain database file in place with `key` (SQLite3MC's rekey, one transaction through a
 * rollback journal). Only for a file nobody else has open: conversion works on a fresh copy.
 */
export function encryptInPlace(db: Keyable, key: StoreKey): void {
  db.pragma('journal_mode = DELETE');
  cipherPragmas(db);
  db.pragma(`hexrekey = '${key.toString('hex')}'`);
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether `file` is a plain (unencrypted) SQLite database: its first 16 bytes are SQLite's magic
 * header, or it is empty (SQLite makes a new database of an empty file). An encrypted file starts
 * with random-looking bytes instead.
 */
export function isPlainDatabase(file: string): boolean {
  if (statSync(file).size === 0) return true;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    return n === 16 && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}
