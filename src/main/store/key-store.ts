/**
 * The operating system's key protection, as a port: the store key (store-key.ts) is kept on disk
 * only sealed by it, so a copy of the data folder (or of a backup) taken to another machine or
 * Windows account does not carry a usable key.
 *
 * - Electron: safeStorage (DPAPI on Windows, the keychain on macOS, the secret service on Linux),
 *   electron/secrets.ts.
 * - Browser mode, scripts and tests: `fileKeyStore`, a stand-in that behaves like the real one: one
 *   secret per "machine" (a folder outside the data folder, made once, readable by its user only),
 *   sealing authenticated (AES-256-GCM) so that what another machine sealed does not open here, and
 *   the same faults: unavailable (no key store on this machine) and foreign (sealed elsewhere).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../../shared/errors';
import { ensurePrivateDir, writePrivateFileOnce } from './private-files';

export interface OsKeyStore {
  /** 'os': the real protection; 'file': the stand-in of browser mode and tests. */
  readonly kind: 'os' | 'file';
  /** Seals bytes; throws KeyStoreError OS_KEYSTORE_UNAVAILABLE when the machine has no key store. */
  seal(plain: Buffer): Buffer;
  /** Opens what this machine sealed; throws KeyStoreError OS_KEYSTORE_FOREIGN otherwise. */
  open(sealed: Buffer): Buffer;
}

export class KeyStoreError extends DomainError {}

export const KEYSTORE_UNAVAILABLE_MESSAGE =
  'Máy này không có kho khoá bảo vệ của hệ điều hành (hoặc kho khoá đang bị khoá), nên không thể mã hoá dữ liệu công dân. Hãy đăng nhập Windows bằng tài khoản của quầy rồi mở lại; nếu vẫn lỗi, báo bộ phận CNTT.';

export const KEYSTORE_FOREIGN_MESSAGE =
  'Khoá mã hoá dữ liệu trong thư mục này được niêm phong trên máy hoặc tài khoản khác, máy này không mở được.';

const MAGIC = Buffer.from('QKS1', 'latin1');

/**
 * Default folder of the stand-in key store: one per user of this machine, outside every data folder
 * ($QUAY_OS_KEYSTORE_DIR overrides it; tests give each "machine" its own).
 */
export function defaultKeyStoreDir(): string {
  return process.env['QUAY_OS_KEYSTORE_DIR'] ?? join(homedir(), '.config', 'quay-hcc', 'os-keystore');
}

/**
 * The stand-in key store in `dir`. `unavailable` (or a file named UNAVAILABLE in the folder) makes it
 * behave like a machine without a key store.
 */
export function fileKeyStore(dir: string = defaultKeyStoreDir(), opts: { unavailable?: boolean } = {}): OsKeyStore {
  const unavailable = () => opts.unavailable === true || existsSync(join(dir, 'UNAVAILABLE'));
  let secret: Buffer | undefined;
  const machineSecret = (): Buffer => {
    if (secret) return secret;
    ensurePrivateDir(dir);
    const file = join(dir, 'machine.key');
    writePrivateFileOnce(file, randomBytes(32));
    secret = readFileSync(file);
    return secret;
  };
  return {
    kind: 'file',
    seal(plain) {
      if (unavailable()) throw new KeyStoreError('OS_KEYSTORE_UNAVAILABLE', KEYSTORE_UNAVAILABLE_MESSAGE);
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', machineSecret(), iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([MAGIC, iv, c.getAuthTag(), body]);
    },
    open(sealed) {
      if (unavailable()) throw new KeyStoreError('OS_KEYSTORE_UNAVAILABLE', KEYSTORE_UNAVAILABLE_MESSAGE);
      if (sealed.length < 32 || !sealed.subarray(0, 4).equals(MAGIC)) throw new KeyStoreError('OS_KEYSTORE_FOREIGN', KEYSTORE_FOREIGN_MESSAGE);
      try {
        const d = createDecipheriv('aes-256-gcm', machineSecret(), sealed.subarray(4, 16));
        d.setAuthTag(sealed.subarray(16, 32));
        return Buffer.concat([d.update(sealed.subarray(32)), d.final()]);
      } catch {
        throw new KeyStoreError('OS_KEYSTORE_FOREIGN', KEYSTORE_FOREIGN_MESSAGE);
      }
    },
  };
}

/** A key store over an OS encryption pair on strings (Electron's safeStorage), errors translated. */
export function osKeyStore(os: { available(): boolean; encrypt(s: string): Buffer; decrypt(b: Buffer): string }): OsKeyStore {
  return {
    kind: 'os',
    seal(plain) {
      if (!os.available()) throw new KeyStoreError('OS_KEYSTORE_UNAVAILABLE', KEYSTORE_UNAVAILABLE_MESSAGE);
      return os.encrypt(plain.toString('base64'));
    },
    open(sealed) {
      if (!os.available()) throw new KeyStoreError('OS_KEYSTORE_UNAVAILABLE', KEYSTORE_UNAVAILABLE_MESSAGE);
      try {
        return Buffer.from(os.decrypt(sealed), 'base64');
      } catch {
        throw new KeyStoreError('OS_KEYSTORE_FOREIGN', KEYSTORE_FOREIGN_MESSAGE);
      }
    },
  };
}
