import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDatabaseKey, type ResolvedKey } from '../config/databaseKey.js';
import { TandemError } from '../engine/errors.js';
import { databaseFileKind, databaseKeyHex, DATABASE_KEY_BYTES } from '../engine/store/databaseKey.js';

/** The workspace key, wrapped by the OS keychain (Electron safeStorage), next to the database. */
export const WRAPPED_KEY_FILE = 'tandem-db-key.safestorage';

/** The part of Electron's safeStorage used here (injected, so it can be checked without Electron). */
export interface KeyWrapper {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store Chromium picked ('basic_text' means none, a fixed built-in password). */
  getSelectedStorageBackend?(): string;
}

export interface DesktopKeyOptions {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly keyFile: string | undefined;
  /** --encrypt: create a keychain-wrapped key when there is none. */
  readonly encrypt: boolean;
  readonly safeStorage: KeyWrapper;
  readonly platform: NodeJS.Platform;
}

export interface DesktopKey extends ResolvedKey {
  /** A new key was generated and saved (wrapped) in the data folder by this start. */
  readonly created: boolean;
}

/**
 * The desktop's workspace key, in order: TANDEM_DB_KEY or --key-file (as for the CLI), else the key
 * saved in the data folder wrapped by the OS keychain, else (with --encrypt) a new random 256-bit key,
 * wrapped and saved there. Without any of these the workspace is plaintext. On Linux without a secret
 * service (safeStorage's 'basic_text' backend) the wrapped key would be protected by a fixed password
 * anyone can read in Chromium's source, so the keychain route is refused there with what to do instead.
 */
export function resolveDesktopKey(options: DesktopKeyOptions): DesktopKey | null {
  const explicit = resolveDatabaseKey(options.keyFile, options.env);
  if (explicit) return { ...explicit, created: false };
  const wrappedFile = join(options.dataDir, WRAPPED_KEY_FILE);
  if (existsSync(wrappedFile)) {
    assertKeychainUsable(options, `The workspace key in ${wrappedFile} cannot be unlocked`);
    let key: string;
    try {
      key = databaseKeyHex(options.safeStorage.decryptString(readFileSync(wrappedFile)));
    } catch {
      throw new TandemError(
        'E_KEY_INVALID',
        `The workspace key in ${wrappedFile} could not be unlocked with this user's OS keychain (was the data folder copied from another user or computer?). If you have the key, start with TANDEM_DB_KEY or --key-file.`,
      );
    }
    return { key, source: 'keychain', created: false };
  }
  if (!options.encrypt) return null;
  assertKeychainUsable(options, 'Encryption at rest cannot be turned on with the OS keychain');
  const key = randomBytes(DATABASE_KEY_BYTES).toString('hex');
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(wrappedFile, options.safeStorage.encryptString(key), { flag: 'wx', mode: 0o600 });
  return { key, source: 'keychain', created: true };
}

/**
 * After a failed --encrypt start: a key created for it that encrypted nothing is removed again, so the
 * next start does not find a key for a plaintext workspace.
 */
export function discardUnusedWrappedKey(dataDir: string): boolean {
  const database = join(dataDir, 'tandem.db');
  let kind: string;
  try {
    kind = databaseFileKind(database);
  } catch {
    return false;
  }
  if (kind === 'encrypted') return false;
  rmSync(join(dataDir, WRAPPED_KEY_FILE), { force: true });
  return true;
}

function assertKeychainUsable(options: DesktopKeyOptions, what: string): void {
  const instead = 'Start with TANDEM_DB_KEY or --key-file instead (see docs/decisions/0006-encryption-at-rest.md).';
  if (!options.safeStorage.isEncryptionAvailable()) {
    throw new TandemError('E_KEY_INVALID', `${what}: the OS keychain is not available. ${instead}`);
  }
  if (options.platform === 'linux' && options.safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    throw new TandemError(
      'E_KEY_INVALID',
      `${what}: no secret service (GNOME Keyring, KWallet) is running, so the key would only be hidden behind a fixed, publicly known password. Start one and log in again, or ${instead.charAt(0).toLowerCase()}${instead.slice(1)}`,
    );
  }
}
