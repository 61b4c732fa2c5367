/**
 * Reading the store's wal-index header (pure, no SQLite): the store worker's checkpoint decisions
 * (store-thread.ts) rest on it.
 */
import { endianness } from 'node:os';

/** Bytes of the wal-index header that say how far the log goes and how much of it was copied back. */
export const WAL_INDEX_HEADER = 136;

/**
 * What the log holds, from the wal-index (the store's -shm file, shared memory that every
 * connection maps; https://sqlite.org/walformat.html): its last frame and how many frames were
 * already copied back into the database. The WAL file's size says nothing about that: the writer
 * restarts the log from the beginning of the file without shrinking it, so once the file had grown
 * past the threshold every commit looked like a full log, and each quiet moment copied a few pages
 * back and made the next commit restart the log (one more fsync, on the clerk's commit).
 */
export interface WalState {
  /** Changes with every commit and every restart of the log. */
  key: string;
  /** Bytes of frames not yet copied back. */
  pendingBytes: number;
}

/** Reads the first 136 bytes of the -shm file; null when the index is not set up or was being written. */
export function walStateOf(header: Buffer): WalState | null {
  if (header.length < WAL_INDEX_HEADER) return null;
  // Two copies of the 48-byte header, written one after the other: unequal while a writer updates them.
  if (!header.subarray(0, 48).equals(header.subarray(48, 96))) return null;
  // The wal-index is in the machine's own byte order.
  const le = endianness() === 'LE';
  const u32 = (at: number) => (le ? header.readUInt32LE(at) : header.readUInt32BE(at));
  const u16 = (at: number) => (le ? header.readUInt16LE(at) : header.readUInt16BE(at));
  const isInit = header[12];
  if (!isInit) return null;
  const rawPage = u16(14);
  const pageSize = rawPage === 1 ? 65536 : rawPage;
  const mxFrame = u32(16);
  const nBackfill = u32(96);
  const pending = Math.max(0, mxFrame - nBackfill);
  return { key: `${u32(8)}:${u32(32)}:${mxFrame}`, pendingBytes: pending * (pageSize + 24) };
}
