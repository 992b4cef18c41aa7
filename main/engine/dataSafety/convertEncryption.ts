import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { createPrivateFile } from '../store/privateFiles.js';
import { join } from 'node:path';
import type { AuditVerification } from '../actions/auditLog.js';
import { TandemError } from '../errors.js';
import { connect, databaseFileKind, databaseKeyHex, decryptInPlace, encryptInPlace, type DatabaseKey } from '../store/connection.js';
import { openDatabase, type Database } from '../store/database.js';
import type { Migration } from '../store/migration.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { listBackups } from './backupCatalog.js';
import { assertDatabaseNotInUse } from './databaseInUse.js';
import { fileStamp } from './fileStamp.js';
import { DATABASE_FILE_NAME } from './restoreBackup.js';
import { verifyBackup } from './verifyBackup.js';

const SIDE_FILES = ['-wal', '-shm'] as const;

export interface EncryptionConversionReport {
  readonly databaseFile: string;
  /** The workspace's state after the conversion. */
  readonly encrypted: boolean;
  readonly tables: number;
  /** Rows in all ordinary tables, identical before and after (checked table by table). */
  readonly rows: number;
  readonly conversations: number;
  readonly audit: AuditVerification | null;
  /** Where the previous database was kept while the new one was verified; it has been deleted since. */
  readonly previousDatabaseRemoved: string;
  /**
   * Backups in backups/ left in the old state: plaintext copies after encrypting (delete them, or keep
   * them only on encrypted storage), encrypted ones after decrypting (they still need the key).
   */
  readonly backupsInOldState: readonly string[];
  readonly migrated: readonly string[];
  readonly durationMs: number;
}

export interface ConversionOptions {
  readonly dataDir: string;
  readonly key: DatabaseKey;
  readonly now: number;
  readonly migrations?: readonly Migration[];
}

/** Encrypts a plaintext workspace with the key, offline (see convert). */
export function encryptWorkspace(options: ConversionOptions): EncryptionConversionReport {
  return convert({ ...options, to: 'encrypted' });
}

/** Turns an encrypted workspace back into plaintext, offline (see convert). */
export function decryptWorkspace(options: ConversionOptions): EncryptionConversionReport {
  return convert({ ...options, to: 'plaintext' });
}

/**
 * Converts the data directory's database between plaintext and encrypted, offline, in the same careful
 * order as a restore:
 *
 * 1. the database is checked (integrity, audit chain) and must not be open anywhere;
 * 2. a copy is written next to it with VACUUM INTO (one consistent snapshot, WAL content included), and
 *    that copy (never the live file) is re-keyed in place with PRAGMA rekey;
 * 3. the copy is verified: integrity check, the audit chain, every ordinary table's row count equal to
 *    the source's, and its first bytes really encrypted (or really plaintext);
 * 4. the live file and its WAL side files are renamed aside, the copy is renamed into place and opened
 *    once with the new key setting (which also migrates an older schema); only then is the previous file
 *    deleted. If any step after the move fails, the previous database is put back.
 *
 * Before step 4 nothing in the data directory changes but the temporary copy, which is removed on failure.
 */
function convert(options: ConversionOptions & { readonly to: 'encrypted' | 'plaintext' }): EncryptionConversionReport {
  const started = Date.now();
  const migrations = options.migrations ?? MIGRATIONS;
  const encrypting = options.to === 'encrypted';
  const key = databaseKeyHex(options.key);
  const live = join(options.dataDir, DATABASE_FILE_NAME);
  if (!existsSync(live) || statSync(live).size === 0) {
    throw new TandemError('E_NOT_FOUND', `There is no database at ${live}${encrypting ? '; a new workspace started with a key is created encrypted' : ''}.`);
  }
  const kind = databaseFileKind(live);
  if (encrypting && kind === 'encrypted') throw new TandemError('E_DB_ALREADY_ENCRYPTED', `${live} is already encrypted.`);
  if (!encrypting && kind === 'plaintext') throw new TandemError('E_DB_NOT_ENCRYPTED', `${live} is not encrypted; there is nothing to decrypt.`);
  const sourceKey = encrypting ? null : key;
  const targetKey = encrypting ? key : null;
  assertDatabaseNotInUse(live);
  // A wrong key is reported as such (E_DB_WRONG_KEY), not as a failed check.
  if (sourceKey) withConnection(live, sourceKey, true, () => undefined);

  const before = verifyBackup(live, { migrations, key: sourceKey });
  if (!before.ok) throw new TandemError('E_ENCRYPTION_FAILED', `${live} did not pass its check before the conversion: ${before.reason}.`);

  const incoming = `${live}.converting`;
  for (const suffix of ['', '-journal', ...SIDE_FILES]) rmSync(incoming + suffix, { force: true });
  let sourceCounts: Map<string, number>;
  try {
    sourceCounts = withConnection(live, sourceKey, true, (db) => {
      createPrivateFile(incoming);
      db.prepare('VACUUM INTO ?').run(incoming);
      return rowCounts(db);
    });
    withConnection(incoming, sourceKey, false, (db) => (encrypting ? encryptInPlace(db, key) : decryptInPlace(db)));
    const after = verifyBackup(incoming, { migrations, key: targetKey });
    if (!after.ok) throw new TandemError('E_ENCRYPTION_FAILED', `The converted copy did not verify: ${after.reason}.`);
    if (databaseFileKind(incoming) !== (encrypting ? 'encrypted' : 'plaintext')) {
      throw new TandemError('E_ENCRYPTION_FAILED', `The converted copy is not ${encrypting ? 'encrypted' : 'plaintext'}.`);
    }
    const copyCounts = withConnection(incoming, targetKey, true, rowCounts);
    const differences = [...new Set([...sourceCounts.keys(), ...copyCounts.keys()])].filter((t) => sourceCounts.get(t) !== copyCounts.get(t));
    if (differences.length > 0) {
      throw new TandemError('E_ENCRYPTION_FAILED', `The converted copy's row counts differ from the database's in ${differences.slice(0, 5).join(', ')}.`);
    }
    if ((after.audit?.entries ?? null) !== (before.audit?.entries ?? null)) {
      throw new TandemError('E_ENCRYPTION_FAILED', 'The converted copy does not hold the same audit log.');
    }
  } catch (error) {
    for (const suffix of ['', '-journal', ...SIDE_FILES]) rmSync(incoming + suffix, { force: true });
    throw error;
  }

  const aside = `${live}.before-${encrypting ? 'encrypt' : 'decrypt'}-${fileStamp(options.now)}`;
  if (existsSync(aside)) {
    rmSync(incoming, { force: true });
    throw new TandemError('E_CONFLICT', `${aside} already exists.`);
  }
  renameSync(live, aside);
  for (const suffix of SIDE_FILES) if (existsSync(live + suffix)) renameSync(live + suffix, aside + suffix);
  let migrated: readonly string[] = [];
  let conversations = 0;
  let audit: AuditVerification | null = null;
  try {
    renameSync(incoming, live);
    const opened = openDatabase(live, { migrations, key: targetKey });
    migrated = opened.migration.applied;
    opened.db.close();
    const verdict = verifyBackup(live, { migrations, key: targetKey });
    if (!verdict.ok) throw new TandemError('E_ENCRYPTION_FAILED', `The converted database did not verify after it was put in place: ${verdict.reason}.`);
    conversations = verdict.conversations;
    audit = verdict.audit;
  } catch (error) {
    rmSync(incoming, { force: true });
    for (const suffix of ['', ...SIDE_FILES]) rmSync(live + suffix, { force: true });
    renameSync(aside, live);
    for (const suffix of SIDE_FILES) if (existsSync(aside + suffix)) renameSync(aside + suffix, live + suffix);
    throw error;
  }
  for (const suffix of ['', ...SIDE_FILES]) rmSync(aside + suffix, { force: true });

  const backupsInOldState = listBackups(options.dataDir)
    .filter((backup) => {
      try {
        return databaseFileKind(backup.file) !== options.to;
      } catch {
        return false;
      }
    })
    .map((backup) => backup.file);
  return {
    databaseFile: live,
    encrypted: encrypting,
    tables: sourceCounts.size,
    rows: [...sourceCounts.values()].reduce((sum, n) => sum + n, 0),
    conversations,
    audit,
    previousDatabaseRemoved: aside,
    backupsInOldState,
    migrated,
    durationMs: Date.now() - started,
  };
}

function withConnection<T>(file: string, key: string | null, readonly: boolean, use: (db: Database) => T): T {
  // A read-only open of a WAL-mode file creates -wal/-shm next to it; they are removed again when empty.
  const created = readonly ? [`${file}-wal`, `${file}-shm`].filter((side) => !existsSync(side)) : [];
  const db = connect(file, { key, readonly, fileMustExist: true });
  try {
    return use(db);
  } finally {
    db.close();
    const wal = created.find((side) => side.endsWith('-wal'));
    if (!(wal && existsSync(wal) && statSync(wal).size > 0)) for (const side of created) rmSync(side, { force: true });
  }
}

/** Row counts of every ordinary table (virtual tables are counted through their shadow tables). */
function rowCounts(db: Database): Map<string, number> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return new Map(tables.map((name) => [name, (db.prepare(`SELECT COUNT(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number)]));
}
