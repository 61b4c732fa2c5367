/**
 * Files and folders the application writes are readable by its user only: folders 0700, files 0600
 * (POSIX modes; on Windows the data folder lives in the user's profile, whose ACL already limits it
 * to that account, and chmod only toggles read-only, so these calls change nothing there).
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

const posix = process.platform !== 'win32';

/** Makes `dir` (and missing parents) and sets it to 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (posix) chmodSync(dir, PRIVATE_DIR);
}

/** Sets an existing file to 0600 (nothing when it is gone). */
export function makePrivate(file: string): void {
  if (posix && existsSync(file)) chmodSync(file, PRIVATE_FILE);
}

/** Writes `data` to a new file with mode 0600; leaves an existing one as it is (first writer wins). */
export function writePrivateFileOnce(file: string, data: Buffer): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', PRIVATE_FILE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw err;
  }
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename inside it) to disk; not possible on Windows. */
export function syncDir(dir: string): void {
  if (!posix) return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `file` with `data` atomically (a flushed temporary file renamed over it), mode 0600. */
export function writePrivateFileAtomic(file: string, data: Buffer | string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', PRIVATE_FILE);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  makePrivate(tmp);
  renameSync(tmp, file);
  syncDir(dirname(file));
}
