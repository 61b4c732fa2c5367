/**
 * The hub token at rest. Electron seals it with the operating system's protection (DPAPI on Windows,
 * the keychain on macOS, the secret service on Linux — see electron/secrets.ts), so a copy of the
 * data folder or a backup taken to another machine or account does not carry a usable token. Where no
 * such protection exists (browser mode, tests, a Linux box without a keyring) it is stored as is,
 * marked so.
 *
 * Stored forms: `os:<base64>` (sealed by the OS), `plain:<token>`, or an unmarked token written by
 * an earlier version. The SecretBox port itself is in src/shared/ports.ts.
 */
import type { SecretBox } from '../../shared/ports';

export const plainSecretBox: SecretBox = {
  kind: 'plain',
  seal: (plain) => `plain:${plain}`,
  open: (sealed) => (sealed.startsWith('os:') ? null : sealed.startsWith('plain:') ? sealed.slice('plain:'.length) : sealed),
};

/** A box over an OS encryption pair (Electron's safeStorage); falls back to `plain` for plain tokens. */
export function osSecretBox(os: { encrypt(s: string): Buffer; decrypt(b: Buffer): string }): SecretBox {
  return {
    kind: 'os',
    seal: (plain) => `os:${os.encrypt(plain).toString('base64')}`,
    open: (sealed) => {
      if (!sealed.startsWith('os:')) return plainSecretBox.open(sealed);
      try {
        return os.decrypt(Buffer.from(sealed.slice(3), 'base64'));
      } catch {
        return null;
      }
    },
  };
}

export const UNREADABLE_TOKEN_MESSAGE =
  'Không đọc được khoá truy cập máy chủ tỉnh trên máy này (dữ liệu được chép từ máy hoặc tài khoản khác?). Hãy đăng ký lại quầy bằng mã mới.';
