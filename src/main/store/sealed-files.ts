/**
 * The files a counter keeps in its data folder besides the store — `documents/`: handover records,
 * the day's and periodic reports, the overdue list, the audit export, a citizen's export (PDF,
 * XLSX, JSON) — are sealed like the store: unreadable without the store key (issue #15).
 *
 * Envelope (one file, written atomically, mode 0600):
 *   "QHCCSEAL" (8 bytes) | version 1 (1 byte) | nonce (12 bytes) | ciphertext | GCM tag (16 bytes)
 * AES-256-GCM; the key is derived from the store key with HKDF-SHA256 (info "quay-hcc documents v1"),
 * so the store key itself never encrypts anything else and the recovery code opens these files too.
 * The header bytes are authenticated (AAD): a file cut short, altered or sealed by another counter's
 * key is refused, never shown half.
 *
 * The application opens them when it shows, prints or hands them over (`openSealedFile`): a
 * readable copy goes to the renderer by the document's name (services/document-copies.ts, Ctrl+S on
 * the screen that made it) and becomes a download; `npm run document -- <file> --out <copy>` writes
 * one outside the data folder for IT, without the application. A plain store (the benchmarks' baseline only) has no key: its
 * documents are written as they are.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { DomainError } from '../../shared/errors';
import { KEY_BYTES, type StoreKey } from './cipher';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE, syncDir, writePrivateFileAtomic } from './private-files';

const MAGIC = Buffer.from('QHCCSEAL', 'latin1');
const VERSION = 1;
const HEADER = MAGIC.length + 1;
const NONCE = 12;
const TAG = 16;

export class SealedFileError extends DomainError {}

/** The documents key: HKDF-SHA256 of the store key, bound to its use. */
export function documentsKey(storeKey: StoreKey): Buffer {
  return Buffer.from(hkdfSync('sha256', storeKey, Buffer.from('quay-hcc', 'utf8'), Buffer.from('quay-hcc documents v1', 'utf8'), 32));
}

/** Whether `bytes` are a sealed envelope (by its header; only opening proves the key). */
export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER + NONCE + TAG && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC);
}

/** Seals `plain` with the documents key of `storeKey`. */
export function seal(storeKey: StoreKey, plain: Uint8Array): Buffer {
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION])]);
  const nonce = randomBytes(NONCE);
  const c = createCipheriv('aes-256-gcm', documentsKey(storeKey), nonce);
  c.setAAD(header);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([header, nonce, body, c.getAuthTag()]);
}

/** Opens an envelope; throws SealedFileError SEALED_FILE_BAD when it is not one, or not this key's. */
export function unseal(storeKey: StoreKey, sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed);
  if (!isSealed(bytes) || bytes[MAGIC.length] !== VERSION) throw new SealedFileError('SEALED_FILE_BAD', 'Tệp này không phải tài liệu được mã hoá của Quầy HCC.');
  const header = bytes.subarray(0, HEADER);
  const nonce = bytes.subarray(HEADER, HEADER + NONCE);
  const tag = bytes.subarray(bytes.length - TAG);
  const d = createDecipheriv('aes-256-gcm', documentsKey(storeKey), nonce);
  d.setAAD(header);
  d.setAuthTag(tag);
  try {
    return Buffer.concat([d.update(bytes.subarray(HEADER + NONCE, bytes.length - TAG)), d.final()]);
  } catch {
    throw new SealedFileError('SEALED_FILE_WRONG_KEY', 'Không mở được tài liệu: tệp bị hỏng hoặc được mã hoá bằng khoá của quầy khác.');
  }
}

/** The readable content of a document file: unsealed with `storeKey`, or as it is when it was never sealed. */
export function openSealedFile(file: string, storeKey: StoreKey): Buffer {
  const bytes = readFileSync(file);
  return isSealed(bytes) ? unseal(storeKey, bytes) : bytes;
}

/** The data folder's `documents/`: where A4 documents, exports and spreadsheets are kept, sealed. */
export interface DocumentFolder {
  readonly dir: string;
  /** Writes `name` (sealed when the store is encrypted) and returns its path. */
  save(name: string, content: Uint8Array | string): string;
  /** The readable content of a file saved here. */
  open(file: string): Buffer;
}

export function documentFolder(dir: string, storeKey: StoreKey | null): DocumentFolder {
  const key = storeKey && storeKey.length === KEY_BYTES ? storeKey : null;
  return {
    dir,
    save(name, content) {
      ensurePrivateDir(dir);
      const file = join(dir, name);
      const plain = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      writePrivateFileAtomic(file, key ? seal(key, plain) : Buffer.from(plain));
      return file;
    },
    open: (file) => (key ? openSealedFile(file, key) : readFileSync(file)),
  };
}

/**
 * A readable copy of a sealed document at `out`, for a manager who hands it over (a citizen's
 * export on a USB stick): never inside the data folder, whose files all stay sealed.
 */
export function writeReadableCopy(file: string, out: string, storeKey: StoreKey, dataDir: string): string {
  const target = resolve(out);
  const inside = relative(resolve(dataDir), target);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new SealedFileError('DOCUMENT_COPY_IN_DATA_FOLDER', 'Bản đọc được của tài liệu không được ghi vào thư mục dữ liệu của quầy: hãy chọn nơi khác (ví dụ USB trao cho công dân).');
  }
  writeFileSync(target, openSealedFile(file, storeKey), { mode: 0o600 });
  return target;
}

/** The moments of sealing one older document that a crash may land between (crash test). */
export type SealingStep = 'sealed-written' | 'replaced';

/** Suffix of the sealed copy being written beside a plain document. */
const SEALING = '.sealing';

/** Whether the file begins as an envelope does (its first bytes only). */
function startsSealed(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(HEADER + NONCE + TAG);
    return isSealed(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
  } finally {
    closeSync(fd);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/**
 * Seals, once, the documents an older version wrote before sealing existed (they stay plain on disk
 * otherwise: a citizen's name readable in a handover record's PDF). Each plain file in `dir` (and its
 * folders) is sealed beside itself (`<name>.sealing`, flushed), then renamed over the plain one and
 * the folder flushed: a crash at any moment leaves either the plain file or the sealed one under the
 * document's name, both readable (`openSealedFile` takes either), never neither. A sealed copy left by
 * a crash before its rename is removed and made again. Returns how many files were sealed.
 */
export function sealPlainDocuments(dir: string, storeKey: StoreKey, onStep: (step: SealingStep, file: string) => void = () => undefined): number {
  if (storeKey.length !== KEY_BYTES || !existsSync(dir)) return 0;
  const files = filesUnder(dir);
  for (const f of files.filter((f) => f.endsWith(SEALING))) rmSync(f, { force: true });
  let sealed = 0;
  for (const file of files.filter((f) => !f.endsWith(SEALING))) {
    // Only the header is read of a sealed file: the check runs at every start, over years of documents.
    if (startsSealed(file)) continue;
    const bytes = readFileSync(file);
    const tmp = `${file}${SEALING}`;
    const fd = openSync(tmp, 'w', PRIVATE_FILE);
    try {
      writeSync(fd, seal(storeKey, bytes));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    makePrivate(tmp);
    onStep('sealed-written', file);
    renameSync(tmp, file);
    syncDir(dirname(file));
    onStep('replaced', file);
    sealed++;
  }
  return sealed;
}
