import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { TandemError } from '../errors.js';

/**
 * A workspace database is either plaintext (the default) or encrypted at rest with a 256-bit key, in
 * SQLCipher 4's format (AES-256 pages, HMAC-SHA512, a random 16-byte salt at the start of the file). The
 * key is given as 32 bytes or as 64 hexadecimal characters; the engine never looks for one itself.
 * (No SQLite import here: hosts check keys before the native module is loaded.)
 */
export type DatabaseKey = Buffer | string;

export const DATABASE_KEY_BYTES = 32;

/** The key as 64 lowercase hex characters, or a clear error (the key itself never appears in a message). */
export function databaseKeyHex(key: DatabaseKey): string {
  if (Buffer.isBuffer(key)) {
    if (key.length !== DATABASE_KEY_BYTES) throw new TandemError('E_KEY_INVALID', `The key has ${key.length} bytes, not ${DATABASE_KEY_BYTES}.`);
    return key.toString('hex');
  }
  const text = key.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new TandemError('E_KEY_INVALID', `The key is ${text.length} characters long and must be exactly 64 hexadecimal characters.`);
  }
  return text.toLowerCase();
}

/** What a database file is, judged from its first bytes without SQLite touching it. */
export type DatabaseFileKind = 'new' | 'plaintext' | 'encrypted';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Plaintext SQLite starts with its magic string. An encrypted file starts with a random salt and is made
 * of whole pages; a structurally intact SQLite header with another magic string (bytes 21–23 are always
 * 64, 32, 32) or a run of one repeated byte is damage, not encryption.
 */
export function databaseFileKind(file: string): DatabaseFileKind {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return 'new';
  }
  if (size === 0) return 'new';
  const header = Buffer.alloc(24);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 24, 0);
  } finally {
    closeSync(fd);
  }
  if (size >= 100 && header.subarray(0, 16).toString('latin1') === SQLITE_HEADER) return 'plaintext';
  const looksLikeSqliteHeader = header[21] === 64 && header[22] === 32 && header[23] === 32;
  const oneRepeatedByte = header.subarray(0, 16).every((byte) => byte === header[0]);
  if (size >= 512 && size % 512 === 0 && !looksLikeSqliteHeader && !oneRepeatedByte) return 'encrypted';
  throw new TandemError('E_DB_NOT_SQLITE', `${file} is not a SQLite database.`);
}
