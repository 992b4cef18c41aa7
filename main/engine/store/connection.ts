import BetterSqlite3, { type Database } from 'better-sqlite3-multiple-ciphers';
import { TandemError } from '../errors.js';
import { databaseFileKind, databaseKeyHex, type DatabaseKey } from './databaseKey.js';

export { databaseFileKind, databaseKeyHex, DATABASE_KEY_BYTES, type DatabaseFileKind, type DatabaseKey } from './databaseKey.js';

export interface ConnectOptions {
  /** The key of an encrypted database (or of a new one to create encrypted); null or absent for plaintext. */
  readonly key?: DatabaseKey | null;
  readonly readonly?: boolean;
  readonly fileMustExist?: boolean;
  readonly timeout?: number;
}

/**
 * The one way Tandem opens a database file: the file's kind is checked against the key before SQLite
 * reads it (an encrypted file without a key, or a plaintext file with one, is refused with a clear
 * error and never touched), the cipher is configured, and a wrong key is caught on the first read
 * (nothing is written before that read succeeds). An in-memory database is never encrypted.
 */
export function connect(file: string, options: ConnectOptions = {}): Database {
  const hex = options.key == null ? null : databaseKeyHex(options.key);
  const kind = file === ':memory:' ? 'new' : databaseFileKind(file);
  if (kind === 'encrypted' && !hex) {
    throw new TandemError('E_DB_ENCRYPTED', `${file} is encrypted and no key was given.`);
  }
  if (kind === 'plaintext' && hex) {
    throw new TandemError('E_DB_NOT_ENCRYPTED', `${file} is not encrypted, but a key was given.`);
  }
  const db = new BetterSqlite3(file, {
    ...(options.readonly !== undefined ? { readonly: options.readonly } : {}),
    ...(options.fileMustExist !== undefined ? { fileMustExist: options.fileMustExist } : {}),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
  });
  if (!hex || file === ':memory:') return db;
  try {
    applyCipher(db);
    db.pragma(`key = "x'${hex}'"`);
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new TandemError('E_DB_WRONG_KEY', `The key does not open ${file}.`);
    }
    throw error;
  }
}

/** SQLCipher 4's parameters; must run before the key (or rekey) pragma on every connection. */
export function applyCipher(db: Database): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
}

/** Encrypts a plaintext database that no one else has open, in place (rollback-journal mode only). */
export function encryptInPlace(db: Database, key: DatabaseKey): void {
  applyCipher(db);
  db.pragma(`rekey = "x'${databaseKeyHex(key)}'"`);
}

/** Removes the encryption of a database opened with its key, in place (rollback-journal mode only). */
export function decryptInPlace(db: Database): void {
  db.pragma(`rekey = ''`);
}
