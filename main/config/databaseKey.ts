import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { TandemError } from '../engine/errors.js';
import { databaseKeyHex, DATABASE_KEY_BYTES } from '../engine/store/databaseKey.js';

export const DATABASE_KEY_ENV = 'TANDEM_DB_KEY';

export interface ResolvedKey {
  /** 64 hex characters. */
  readonly key: string;
  readonly source: 'environment' | 'key file' | 'keychain';
}

/**
 * The workspace key for the CLI and the headless host: TANDEM_DB_KEY, else the --key-file, else none
 * (a plaintext workspace). Both at once is refused: it is unclear which one the user meant.
 */
export function resolveDatabaseKey(keyFile: string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedKey | null {
  const fromEnv = env[DATABASE_KEY_ENV];
  const hasEnv = fromEnv !== undefined && fromEnv.trim() !== '';
  if (hasEnv && keyFile) {
    throw new TandemError('E_KEY_INVALID', `Both ${DATABASE_KEY_ENV} and --key-file are set; use one of them.`);
  }
  if (hasEnv) {
    try {
      return { key: databaseKeyHex(fromEnv), source: 'environment' };
    } catch (error) {
      throw new TandemError('E_KEY_INVALID', `${DATABASE_KEY_ENV} is not a usable key: ${firstSentence(error)}`);
    }
  }
  if (keyFile) return { key: readKeyFile(keyFile), source: 'key file' };
  return null;
}

/**
 * Reads a key file: 64 hex characters (surrounding whitespace ignored). On Linux and macOS the file must
 * be readable and writable by its owner only: a key others can read protects nothing, and one others can
 * change could lock the owner out.
 */
export function readKeyFile(file: string, platform: NodeJS.Platform = process.platform): string {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    throw new TandemError('E_KEY_INVALID', `The key file ${file} does not exist.`);
  }
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new TandemError(
      'E_KEY_INVALID',
      `The key file ${file} can be read or changed by other users (permissions ${(mode & 0o777).toString(8).padStart(4, '0')}); run \`chmod 600 ${file}\` and try again.`,
    );
  }
  try {
    return databaseKeyHex(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TandemError('E_KEY_INVALID', `The key file ${file} does not hold a usable key: ${firstSentence(error)}`);
  }
}

/** Writes a new random 256-bit key as hex to a file that must not exist yet, readable by its owner only. */
export function createKeyFile(file: string): string {
  const key = randomBytes(DATABASE_KEY_BYTES).toString('hex');
  try {
    writeFileSync(file, `${key}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new TandemError('E_KEY_INVALID', code === 'EEXIST' ? `The key file ${file} already exists; a key is never overwritten.` : `The key file ${file} could not be written: ${(error as Error).message}.`);
  }
  return key;
}

function firstSentence(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  const end = message.indexOf('. ');
  return end === -1 ? message : message.slice(0, end + 1);
}
