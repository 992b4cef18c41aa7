import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { TandemError } from '../errors.js';

/**
 * Refuses to go on while any other process has the database open. Every WAL connection keeps a shared
 * lock for as long as it is open, even when idle, so an exclusive-locking-mode transaction fails at once
 * if a host (the desktop app, `tandem serve`, another CLI run) still holds the file. No lock file is
 * needed, and a crashed host leaves nothing stale behind. It works on an encrypted file without the key:
 * the lock is taken before any page is read.
 */
export function assertDatabaseNotInUse(file: string): void {
  if (!existsSync(file)) return;
  let probe: BetterSqlite3.Database | null = null;
  try {
    probe = new BetterSqlite3(file, { timeout: 0, fileMustExist: true });
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('ROLLBACK');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new TandemError('E_DB_IN_USE', `${file} is open in another process.`);
    }
    // An encrypted file read without its key: the exclusive lock was granted before the first page
    // could not be decrypted, so no one else holds the file (and nothing was written).
    if (code === 'SQLITE_NOTADB') return;
    throw error;
  } finally {
    probe?.close();
  }
}
