/**
 * The store key in a data folder, and the one-time conversion of a plain store.
 *
 * `<data>/store-key.json` holds the key sealed by the OS key store (key-store.ts), never the key
 * itself. The key opens the store, its WAL, its backups and its quarantine copies (cipher.ts). A
 * counter whose PC dies is restored on another machine with the recovery code (recovery-code.ts),
 * shown to the manager once (recovery screen, Ctrl+K) and kept on paper: `npm run restore` /
 * `--restore` take it and seal the key again with the new machine's protection.
 *
 * Converting a plain store (a counter installed before encryption) is done once, on a copy, and a
 * crash at any point loses nothing: the key is sealed and written first; the plain store's WAL is
 * merged into it; a copy is made and encrypted beside it, checked, flushed and renamed over the
 * plain file in one step. Until that rename the plain store is the truth, and a leftover copy is
 * thrown away and the conversion starts again at the next open. Plain backups and quarantine copies
 * are converted the same way afterwards.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from './driver';
import { encryptInPlace, isPlainDatabase, KEY_BYTES, keyConnection, type StoreKey } from './cipher';
import { StoreError, storeFile } from './db';
import type { OsKeyStore } from './key-store';
import { KeyStoreError } from './key-store';
import { ensurePrivateDir, makePrivate, syncDir, writePrivateFileAtomic } from './private-files';

export const KEY_FILE = 'store-key.json';

interface KeyFileV1 {
  v: 1;
  /** Which protection sealed it: 'os' (Electron's safeStorage) or 'file' (the stand-in). */
  sealedBy: 'os' | 'file';
  sealed: string;
  createdAt: string;
}

/** Moments of the conversion, for the crash test. */
export type ConversionStep = 'key-written' | 'wal-merged' | 'copied' | 'encrypted' | 'replaced' | 'copies-converted';

export interface PrepareKeyOptions {
  now?: () => number;
  onStep?: (step: ConversionStep) => void;
}

export const STORE_KEY_MISSING_MESSAGE =
  'Dữ liệu của quầy đã được mã hoá nhưng thiếu khoá trên máy này (tệp store-key.json bị xoá, hoặc thư mục dữ liệu được chép sang máy mới). Bộ phận CNTT hãy nhập mã khôi phục: npm run restore -- --recovery-code <mã> (hoặc Quầy HCC --recovery-code=<mã>).';

export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE);
}

/** The key sealed in the data folder, or null when there is none. Throws KeyStoreError when this machine cannot open it. */
export function readStoreKey(dataDir: string, keyStore: OsKeyStore): StoreKey | null {
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) return null;
  const kf = JSON.parse(readFileSync(file, 'utf8')) as KeyFileV1;
  const key = keyStore.open(Buffer.from(kf.sealed, 'base64'));
  if (key.length !== KEY_BYTES) throw new KeyStoreError('OS_KEYSTORE_FOREIGN', 'Tệp khoá mã hoá dữ liệu bị hỏng.');
  return key;
}

/** Seals `key` with this machine's protection and writes it to the data folder (atomically, 0600). */
export function writeStoreKey(dataDir: string, keyStore: OsKeyStore, key: StoreKey, now: () => number = Date.now): void {
  ensurePrivateDir(dataDir);
  const kf: KeyFileV1 = { v: 1, sealedBy: keyStore.kind, sealed: keyStore.seal(key).toString('base64'), createdAt: new Date(now()).toISOString() };
  writePrivateFileAtomic(keyFilePath(dataDir), `${JSON.stringify(kf, null, 2)}\n`);
}

/** Files in backups/ and quarantine/ that are databases (not their -wal/-shm/journal, not work in progress). */
function storedCopies(dataDir: string): string[] {
  const out: string[] = [];
  for (const sub of ['backups', 'quarantine']) {
    const dir = join(dataDir, sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (/(-wal|-shm|-journal|\.part|\.encrypting|\.tmp)$/.test(f)) continue;
      out.push(join(dir, f));
    }
  }
  return out;
}

function removeIfThere(...files: string[]): void {
  for (const f of files) rmSync(f, { force: true });
}

/**
 * Encrypts the plain database `file` with `key` through a copy renamed over it (see the file's
 * comment). `onStep` marks the moments a crash may land in.
 */
export function convertPlainFile(file: string, key: StoreKey, onStep: (s: ConversionStep) => void = () => undefined): void {
  const part = `${file}.encrypting`;
  removeIfThere(part, `${part}-journal`);
  const plain = new Database(file);
  try {
    // Everything the WAL holds goes into the file, and the file leaves WAL mode: nothing of it stays
    // in a -wal beside the encrypted copy.
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
    onStep('wal-merged');
    plain.exec(`VACUUM INTO '${part.replace(/'/g, "''")}'`);
  } finally {
    plain.close();
  }
  onStep('copied');
  const enc = new Database(part);
  try {
    encryptInPlace(enc, key);
  } finally {
    enc.close();
  }
  onStep('encrypted');
  const check = new Database(part, { fileMustExist: true });
  try {
    keyConnection(check, key);
    const qc = check.pragma('quick_check', { simple: true });
    if (qc !== 'ok') throw new StoreError('STORE_CONVERT_BAD', `Bản mã hoá của dữ liệu không toàn vẹn (${String(qc)}); dữ liệu cũ giữ nguyên.`);
  } finally {
    check.close();
  }
  makePrivate(part);
  renameSync(part, file);
  syncDir(dirname(file));
  removeIfThere(`${file}-wal`, `${file}-shm`);
  onStep('replaced');
}

/** Converts plain backups and quarantine copies; one that cannot be read is left to the retention. */
function convertPlainCopies(dataDir: string, key: StoreKey): void {
  for (const f of storedCopies(dataDir)) {
    if (!isPlainDatabase(f)) continue;
    try {
      convertPlainFile(f, key);
    } catch {
      removeIfThere(`${f}.encrypting`, `${f}.encrypting-journal`);
    }
  }
}

/**
 * The key of the store in `dataDir`, made and sealed on first use, with a plain store (and its plain
 * copies) converted first. Throws StoreError STORE_KEY_MISSING when an encrypted store has no key
 * here, and KeyStoreError when the OS key store is unavailable or sealed the key elsewhere.
 */
export function prepareStoreKey(dataDir: string, keyStore: OsKeyStore, opts: PrepareKeyOptions = {}): StoreKey {
  const step = opts.onStep ?? (() => undefined);
  ensurePrivateDir(dataDir);
  const file = storeFile(dataDir);
  const sealed = readStoreKey(dataDir, keyStore);
  const plainStore = existsSync(file) && isPlainDatabase(file);
  if (existsSync(file) && !plainStore && !sealed) throw new StoreError('STORE_KEY_MISSING', STORE_KEY_MISSING_MESSAGE);
  const key = sealed ?? randomBytes(KEY_BYTES);
  if (!sealed) {
    writeStoreKey(dataDir, keyStore, key, opts.now);
    step('key-written');
  }
  if (plainStore && (existsSync(`${file}-wal`) || statSync(file).size > 0)) convertPlainFile(file, key, step);
  else if (plainStore) removeIfThere(file);
  convertPlainCopies(dataDir, key);
  step('copies-converted');
  return key;
}
