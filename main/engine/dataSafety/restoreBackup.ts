import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { makePrivate } from '../store/privateFiles.js';
import { join } from 'node:path';
import { TandemError } from '../errors.js';
import type { DatabaseKey } from '../store/connection.js';
import { openDatabase } from '../store/database.js';
import type { Migration } from '../store/migration.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { assertDatabaseNotInUse } from './databaseInUse.js';
import { fileStamp } from './fileStamp.js';
import { verifyBackup } from './verifyBackup.js';

export const DATABASE_FILE_NAME = 'tandem.db';
const SIDE_FILES = ['-wal', '-shm'] as const;

export interface RestoreReport {
  readonly restoredFrom: string;
  readonly databaseFile: string;
  /** Where the database that was live before the restore now sits (null when there was none); never deleted. */
  readonly previousDatabase: string | null;
  readonly schemaVersion: number;
  readonly conversations: number;
  readonly migrated: readonly string[];
  readonly encrypted: boolean;
}

/**
 * Replaces the data directory's database with a backup, offline. Order matters: the backup is checked
 * first (a bad file changes nothing), then the database must not be open anywhere, then the live file
 * (with its WAL side files) is renamed aside, the backup is copied in under a temporary name and renamed
 * into place, and the result is opened once so an older backup is migrated. If any step after the move
 * fails, the previous database is put back.
 */
export function restoreBackup(options: {
  dataDir: string;
  backupFile: string;
  now: number;
  migrations?: readonly Migration[];
  /** The workspace key: an encrypted backup needs it, and with a key only an encrypted backup is accepted. */
  key?: DatabaseKey | null;
}): RestoreReport {
  const migrations = options.migrations ?? MIGRATIONS;
  const key = options.key ?? null;
  const verdict = verifyBackup(options.backupFile, { migrations, key });
  if (!verdict.ok) throw new TandemError('E_BACKUP_INVALID', `${options.backupFile} was refused: ${verdict.reason}.`);
  if (key && !verdict.encrypted) {
    throw new TandemError(
      'E_BACKUP_INVALID',
      `${options.backupFile} was refused: it is not encrypted, but a key was given (an encrypted workspace is restored only from encrypted backups). Restore it without TANDEM_DB_KEY or --key-file, then run \`tandem encrypt\`.`,
    );
  }
  const live = join(options.dataDir, DATABASE_FILE_NAME);
  assertDatabaseNotInUse(live);

  const aside = existsSync(live) ? `${live}.before-restore-${fileStamp(options.now)}` : null;
  if (aside) {
    if (existsSync(aside)) throw new TandemError('E_CONFLICT', `${aside} already exists.`);
    renameSync(live, aside);
    for (const suffix of SIDE_FILES) if (existsSync(live + suffix)) renameSync(live + suffix, aside + suffix);
  }
  const incoming = `${live}.restoring`;
  try {
    copyFileSync(options.backupFile, incoming);
    makePrivate(incoming);
    renameSync(incoming, live);
    const { db, migration } = openDatabase(live, { migrations, key });
    db.close();
    return {
      restoredFrom: options.backupFile,
      databaseFile: live,
      previousDatabase: aside,
      schemaVersion: migration.to,
      conversations: verdict.conversations,
      migrated: migration.applied,
      encrypted: verdict.encrypted,
    };
  } catch (error) {
    rmSync(incoming, { force: true });
    for (const suffix of ['', ...SIDE_FILES]) rmSync(live + suffix, { force: true });
    if (aside) {
      renameSync(aside, live);
      for (const suffix of SIDE_FILES) if (existsSync(aside + suffix)) renameSync(aside + suffix, live + suffix);
    }
    throw error;
  }
}
