/**
 * The store's page-level cipher (SQLite3MultipleCiphers, driver.ts): AEGIS-256 ("aegis"), an
 * authenticated cipher built on the AES round, so it runs on the processor's AES instructions: every
 * page of the database, of its WAL and of every copy encrypted and authenticated. Measured on
 * point lookups through a small page cache (every page read decrypted), CPU per lookup: plain 21.6 µs,
 * AEGIS 25.7, AES-256-CBC 28.0 (not authenticated), ChaCha20-Poly1305 47.0, SQLCipher's scheme 51.6.
 *
 * The key is 32 random bytes (store-key.ts), so the key stretching SQLite3MC would otherwise run at
 * every open (Argon2id with 19 MiB for AEGIS: 23 ms here; PBKDF2 for ChaCha20) is set to its
 * minimum: stretching protects weak passwords, not random keys.
 *
 * Stores encrypted by the first encrypted version used ChaCha20-Poly1305 ("chacha20", sqleet's
 * scheme). They still open (the key is tried with that cipher when AEGIS does not open the file) and
 * keep their cipher, as do the backups they write; a restore or a new counter writes AEGIS.
 *
 * Every connection that opens the store or one of its copies (the main one, the store worker's,
 * a backup's check, a restore) keys itself through `keyConnection` with the same parameters.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { DomainError } from '../../shared/errors';

/** The store key: 32 random bytes. */
export type StoreKey = Buffer;

export const KEY_BYTES = 32;
type Cipher = 'aegis' | 'chacha20';
const CIPHER: Cipher = 'aegis';
/** Ciphers of earlier versions, tried in turn when the current one does not open a file. */
const LEGACY_CIPHERS: readonly Cipher[] = ['chacha20'];

export class CipherError extends DomainError {}

/** The subset of a connection that keying needs (the worker thread's driver is loaded by path). */
interface Keyable {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  prepare(sql: string): { get(): unknown };
}

function cipherPragmas(db: Keyable, cipher: Cipher = CIPHER): void {
  db.pragma(`cipher = '${cipher}'`);
  if (cipher === 'aegis') {
    db.pragma('tcost = 1');
    db.pragma('mcost = 8');
    db.pragma('pcost = 1');
  } else {
    db.pragma('kdf_iter = 1');
  }
}

/**
 * Keys a freshly opened connection (before anything else reads the file) and checks that the key
 * opens it. Throws CipherError STORE_KEY_WRONG when it does not: a wrong key looks exactly like a
 * damaged first page, so nothing is moved aside on that account.
 */
export function keyConnection(db: Keyable, key: StoreKey): void {
  if (key.length !== KEY_BYTES) throw new CipherError('STORE_KEY_BAD', 'Khoá mã hoá dữ liệu không hợp lệ.');
  for (const cipher of [CIPHER, ...LEGACY_CIPHERS]) {
    cipherPragmas(db, cipher);
    db.pragma(`hexkey = '${key.toString('hex')}'`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_NOTADB') throw err;
    }
  }
  throw new CipherError('STORE_KEY_WRONG', 'Khoá mã hoá không mở được tệp dữ liệu này (khoá của máy khác, hoặc tệp đã hỏng).');
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
