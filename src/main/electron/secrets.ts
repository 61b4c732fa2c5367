/**
 * The hub token sealed with the operating system's protection through Electron's safeStorage
 * (DPAPI on Windows). Where Linux has no keyring Electron would fall back to a fixed key, which
 * protects nothing, so the token is then stored plainly and marked so (sync/secrets.ts).
 */
import { safeStorage } from 'electron';
import { osSecretBox, plainSecretBox } from '../sync/secrets';
import type { SecretBox } from '../../shared/ports';
import type { OsKeyStore } from '../store/key-store';
import { fileKeyStore, osKeyStore } from '../store/key-store';

export function electronSecretBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return plainSecretBox;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return plainSecretBox;
  return osSecretBox({ encrypt: (s) => safeStorage.encryptString(s), decrypt: (b) => safeStorage.decryptString(b) });
}

/**
 * The OS key store that seals the store key. safeStorage where it protects something (DPAPI on
 * Windows, the counters' system; the keychain on macOS; a keyring on Linux); where it is
 * unavailable on Windows or macOS the store refuses to open with a Vietnamese message
 * (store/key-store.ts). A Linux desktop without a keyring (developers' machines, never a counter)
 * gets the file-backed key store of browser mode instead of safeStorage's fixed key.
 */
export function electronKeyStore(): OsKeyStore {
  if (process.platform === 'linux' && (!safeStorage.isEncryptionAvailable() || safeStorage.getSelectedStorageBackend() === 'basic_text')) return fileKeyStore();
  return osKeyStore({ available: () => safeStorage.isEncryptionAvailable(), encrypt: (s) => safeStorage.encryptString(s), decrypt: (b) => safeStorage.decryptString(b) });
}
