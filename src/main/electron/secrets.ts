/**
 * The hub token sealed with the operating system's protection through Electron's safeStorage
 * (DPAPI on Windows). Where Linux has no keyring Electron would fall back to a fixed key, which
 * protects nothing, so the token is then stored plainly and marked so (sync/secrets.ts).
 */
import { safeStorage } from 'electron';
import { osSecretBox, plainSecretBox } from '../sync/secrets';
import type { SecretBox } from '../../shared/ports';

export function electronSecretBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return plainSecretBox;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return plainSecretBox;
  return osSecretBox({ encrypt: (s) => safeStorage.encryptString(s), decrypt: (b) => safeStorage.decryptString(b) });
}
