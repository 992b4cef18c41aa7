import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discardUnusedWrappedKey, resolveDesktopKey, WRAPPED_KEY_FILE, type KeyWrapper } from '../../../main/electron/desktopKey.js';
import { TandemError } from '../../../main/engine/errors.js';
import { tempDir } from '../../support/tempDir.js';

/** Stands in for Electron's safeStorage: a reversible wrap that is not the plain key, and a chosen backend. */
function fakeKeychain(options: { available?: boolean; backend?: string } = {}): KeyWrapper & { wrapped: number } {
  const wrapper = {
    wrapped: 0,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (text: string) => {
      wrapper.wrapped += 1;
      return Buffer.from(`v11:${Buffer.from(text).reverse().toString('base64')}`);
    },
    decryptString: (data: Buffer) => {
      const text = data.toString();
      if (!text.startsWith('v11:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(4), 'base64').reverse().toString();
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
  return wrapper;
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof TandemError ? `${error.code}: ${error.message}` : `not a TandemError: ${String(error)}`;
  }
  return 'no error';
}

const base = { env: {}, keyFile: undefined, platform: 'linux' as NodeJS.Platform };

describe('desktop workspace key', () => {
  it('is none (plaintext) unless asked for, and --encrypt creates a wrapped random key once', () => {
    const dataDir = join(tempDir(), 'Tandem');
    const keychain = fakeKeychain();
    expect(resolveDesktopKey({ ...base, dataDir, encrypt: false, safeStorage: keychain })).toBeNull();
    expect(existsSync(join(dataDir, WRAPPED_KEY_FILE))).toBe(false);

    const created = resolveDesktopKey({ ...base, dataDir, encrypt: true, safeStorage: keychain })!;
    expect(created).toMatchObject({ source: 'keychain', created: true });
    expect(created.key).toMatch(/^[0-9a-f]{64}$/);
    const wrappedFile = join(dataDir, WRAPPED_KEY_FILE);
    expect(readFileSync(wrappedFile).includes(created.key)).toBe(false);
    expect(statSync(wrappedFile).mode & 0o077).toBe(0);

    // Later starts unwrap the same key, with or without --encrypt, and never make a second one.
    expect(resolveDesktopKey({ ...base, dataDir, encrypt: false, safeStorage: keychain })).toEqual({ key: created.key, source: 'keychain', created: false });
    expect(resolveDesktopKey({ ...base, dataDir, encrypt: true, safeStorage: keychain })?.key).toBe(created.key);
    expect(keychain.wrapped).toBe(1);
  });

  it('TANDEM_DB_KEY (or --key-file) comes before the keychain', () => {
    const dataDir = tempDir();
    const keychain = fakeKeychain();
    resolveDesktopKey({ ...base, dataDir, encrypt: true, safeStorage: keychain });
    const fromEnv = 'c3'.repeat(32);
    expect(resolveDesktopKey({ ...base, env: { TANDEM_DB_KEY: fromEnv }, dataDir, encrypt: false, safeStorage: keychain })).toEqual({ key: fromEnv, source: 'environment', created: false });
  });

  it('refuses the keychain route on Linux without a secret service (basic_text) or without a keychain', () => {
    const dataDir = tempDir();
    const refused = codeOf(() => resolveDesktopKey({ ...base, dataDir, encrypt: true, safeStorage: fakeKeychain({ backend: 'basic_text' }) }));
    expect(refused).toMatch(/^E_KEY_INVALID: .*no secret service/);
    expect(refused).toMatch(/TANDEM_DB_KEY or --key-file/);
    expect(existsSync(join(dataDir, WRAPPED_KEY_FILE))).toBe(false);
    expect(codeOf(() => resolveDesktopKey({ ...base, dataDir, encrypt: true, safeStorage: fakeKeychain({ available: false }) }))).toMatch(/keychain is not available/);
    // basic_text is a Linux notion; elsewhere the OS keychain is always the backend.
    expect(resolveDesktopKey({ ...base, platform: 'darwin', dataDir, encrypt: true, safeStorage: fakeKeychain({ backend: 'basic_text' }) })?.created).toBe(true);
  });

  it('says so when the wrapped key cannot be unlocked (another user or computer)', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, WRAPPED_KEY_FILE), 'v10:not from this keychain');
    expect(codeOf(() => resolveDesktopKey({ ...base, dataDir, encrypt: false, safeStorage: fakeKeychain() }))).toMatch(/could not be unlocked.*another user or computer/);
  });

  it('removes a key made for a failed --encrypt start only while the workspace is not encrypted', () => {
    const dataDir = tempDir();
    resolveDesktopKey({ ...base, dataDir, encrypt: true, safeStorage: fakeKeychain() });
    writeFileSync(join(dataDir, 'tandem.db'), Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4080, 1)]));
    expect(discardUnusedWrappedKey(dataDir)).toBe(true);
    expect(existsSync(join(dataDir, WRAPPED_KEY_FILE))).toBe(false);

    resolveDesktopKey({ ...base, dataDir, encrypt: true, safeStorage: fakeKeychain() });
    const salt = Buffer.from('0123456789abcdef0123456789', 'latin1');
    writeFileSync(join(dataDir, 'tandem.db'), Buffer.concat([salt, Buffer.alloc(4096 - salt.length, 9)]));
    expect(discardUnusedWrappedKey(dataDir)).toBe(false);
    expect(existsSync(join(dataDir, WRAPPED_KEY_FILE))).toBe(true);
  });
});
