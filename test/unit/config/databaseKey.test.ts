import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyFile, readKeyFile, resolveDatabaseKey } from '../../../main/config/databaseKey.js';
import { TandemError } from '../../../main/engine/errors.js';
import { tempDir } from '../../support/tempDir.js';

const KEY = 'a1'.repeat(32);

function failure(run: () => unknown): TandemError {
  try {
    run();
  } catch (error) {
    if (error instanceof TandemError) return error;
    throw error;
  }
  throw new Error('expected a TandemError');
}

function keyFile(content: string, mode: number): string {
  const file = join(tempDir(), 'tandem.key');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

describe('workspace key for the CLI and the headless host', () => {
  it('reads a key file readable by its owner only', () => {
    expect(readKeyFile(keyFile(`${KEY.toUpperCase()}\n`, 0o600))).toBe(KEY);
    expect(readKeyFile(keyFile(KEY, 0o400))).toBe(KEY);
  });

  it('refuses a key file that group or others can read or change, saying how to fix it', () => {
    for (const mode of [0o644, 0o640, 0o604, 0o620]) {
      const file = keyFile(KEY, mode);
      const error = failure(() => readKeyFile(file));
      expect(error.code).toBe('E_KEY_INVALID');
      expect(error.message).toContain(`chmod 600 ${file}`);
      expect(error.message).toContain(`0${mode.toString(8)}`);
      expect(error.message).not.toContain(KEY);
    }
    // Windows has no POSIX permission bits to check.
    expect(readKeyFile(keyFile(KEY, 0o644), 'win32')).toBe(KEY);
  });

  it('refuses a missing file and one that does not hold 64 hex characters', () => {
    expect(failure(() => readKeyFile(join(tempDir(), 'absent.key'))).message).toMatch(/does not exist/);
    expect(failure(() => readKeyFile(keyFile('correct horse battery staple', 0o600))).message).toMatch(/64 hexadecimal/);
    expect(failure(() => readKeyFile(keyFile(`${KEY}00`, 0o600))).code).toBe('E_KEY_INVALID');
  });

  it('takes TANDEM_DB_KEY, else the key file, else none; both at once is refused', () => {
    const file = keyFile('b2'.repeat(32), 0o600);
    expect(resolveDatabaseKey(undefined, { TANDEM_DB_KEY: KEY })).toEqual({ key: KEY, source: 'environment' });
    expect(resolveDatabaseKey(file, {})).toEqual({ key: 'b2'.repeat(32), source: 'key file' });
    expect(resolveDatabaseKey(undefined, { TANDEM_DB_KEY: '  ' })).toBeNull();
    expect(resolveDatabaseKey(undefined, {})).toBeNull();
    expect(failure(() => resolveDatabaseKey(file, { TANDEM_DB_KEY: KEY })).message).toMatch(/use one of them/);
    const bad = failure(() => resolveDatabaseKey(undefined, { TANDEM_DB_KEY: 'secret' }));
    expect(bad.code).toBe('E_KEY_INVALID');
    expect(bad.message).toMatch(/TANDEM_DB_KEY is not a usable key/);
    expect(bad.message).not.toContain('secret');
  });

  it('creates a new random key file with mode 0600 and never overwrites one', () => {
    const file = join(tempDir(), 'new.key');
    const key = createKeyFile(file);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8').trim()).toBe(key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readKeyFile(file)).toBe(key);
    expect(createKeyFile(join(tempDir(), 'other.key'))).not.toBe(key);
    expect(failure(() => createKeyFile(file)).message).toMatch(/already exists/);
    expect(readFileSync(file, 'utf8').trim()).toBe(key);
  });
});
