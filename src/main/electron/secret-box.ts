import type { SecretBox } from '../core/kernel/session/offline-credentials';

/** The part of Electron's `safeStorage` the offline sign-in files need (the real one is passed in main.ts). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * A SecretBox on the OS keychain (DPAPI, Keychain, libsecret/kwallet) through safeStorage, or undefined
 * when the OS offers no encryption (the files then rely on their 0600 mode). Call after app `ready`.
 */
export function safeStorageBox(safeStorage: SafeStorageLike): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
