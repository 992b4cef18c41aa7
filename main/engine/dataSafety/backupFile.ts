import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { TandemError } from '../errors.js';
import type { Database } from '../store/database.js';
import { createPrivateFile, ensurePrivateFolder } from '../store/privateFiles.js';

const PAGES_PER_STEP = 1000;

export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
  readonly pages: number;
  readonly durationMs: number;
}

/**
 * Copies the live database with SQLite's online backup API: readers and writers keep going while pages
 * are copied, and a write during the copy makes SQLite restart the copy from a consistent point, so the
 * result is always one transaction-consistent snapshot. The copy is written next to its destination
 * under a temporary name and renamed into place only once complete, and it is switched to a single-file
 * (rollback journal) database so the .db file alone is the whole backup.
 *
 * An encrypted database is copied with VACUUM INTO instead: SQLite's backup API refuses to copy between
 * an encrypted source and the unkeyed destination it opens, while VACUUM INTO writes the copy with the
 * source connection's cipher and key, so the backup is encrypted with the same key and no plaintext page
 * ever reaches the disk. It is one synchronous step (the snapshot is consistent; other requests wait for
 * it), and the copy comes out compacted and already in rollback-journal mode.
 */
export async function backupDatabase(
  db: Database,
  destFile: string,
  now: () => number = Date.now,
  options: { readonly encrypted?: boolean } = {},
): Promise<BackupReport> {
  if (existsSync(destFile)) throw new TandemError('E_BACKUP_FAILED', `${destFile} already exists; a backup never overwrites a file.`);
  // A new folder (the data folder's backups/) is made private; a folder the user chose with --out is theirs.
  if (!existsSync(dirname(destFile))) ensurePrivateFolder(dirname(destFile));
  const partial = `${destFile}.partial`;
  rmSync(partial, { force: true });
  // Created empty and owner-only first: SQLite keeps an existing file's mode (and gives its journal the same).
  createPrivateFile(partial);
  const started = now();
  try {
    // 1,000 pages (4 MB) per step: large enough that a busy event loop between steps does not stretch the
    // copy out (the default 100 made a 35 MB workspace take seconds), small enough to keep requests flowing.
    let pages: number;
    if (options.encrypted) {
      db.prepare('VACUUM INTO ?').run(partial);
      pages = Math.round(statSync(partial).size / (db.pragma('page_size', { simple: true }) as number));
    } else {
      const progress = await db.backup(partial, { progress: () => PAGES_PER_STEP });
      const copy = new BetterSqlite3(partial);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
      pages = progress.totalPages;
    }
    renameSync(partial, destFile);
    return { file: destFile, bytes: statSync(destFile).size, pages, durationMs: now() - started };
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    if (error instanceof TandemError) throw error;
    throw new TandemError('E_BACKUP_FAILED', `Backup to ${destFile} failed: ${(error as Error).message}.`);
  }
}
