import { existsSync, rmSync, statSync } from 'node:fs';
import { AuditLog, type AuditVerification } from '../actions/auditLog.js';
import { TandemError } from '../errors.js';
import { connect, databaseFileKind, type DatabaseKey } from '../store/connection.js';
import type { Database } from '../store/database.js';
import { assertNotNewer } from '../store/migrate.js';
import type { Migration } from '../store/migration.js';
import { MIGRATIONS } from '../store/migrations/index.js';

export type BackupVerdict =
  | {
      readonly ok: true;
      readonly file: string;
      readonly schemaVersion: number;
      readonly integrity: 'ok';
      readonly audit: AuditVerification | null;
      readonly conversations: number;
      /** Encrypted at rest (it was opened with the key given). */
      readonly encrypted: boolean;
    }
  | { readonly ok: false; readonly file: string; readonly reason: string };

export interface VerifyOptions {
  readonly migrations?: readonly Migration[];
  /**
   * The workspace's key: needed for an encrypted backup. A plaintext backup is still read (and reported
   * as not encrypted) when a key is given, so a caller can tell the two apart.
   */
  readonly key?: DatabaseKey | null;
}

/**
 * Checks a backup without changing a byte of it: the SQLite header (or, for an encrypted backup, that the
 * key opens it), a schema this build can read, PRAGMA integrity_check, and the audit log's hash chain.
 * A backup that passes can be restored.
 */
export function verifyBackup(file: string, options: VerifyOptions = {}): BackupVerdict {
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Database | null = null;
  // A WAL-mode file (a raw copy of tandem.db) makes even a read-only open create -wal/-shm next to it.
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((side) => !existsSync(side));
  try {
    if (!existsSync(file)) return { ok: false, file, reason: 'the file does not exist' };
    const encrypted = databaseFileKind(file) === 'encrypted';
    db = connect(file, { key: encrypted ? (options.key ?? null) : null, readonly: true, fileMustExist: true });
    const schemaVersion = assertNotNewer(db, migrations);
    if (schemaVersion === 0) return { ok: false, file, reason: 'it holds no Tandem schema' };
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      return { ok: false, file, reason: `integrity check failed: ${integrity.slice(0, 3).join('; ')}` };
    }
    const hasAudit = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`).get() !== undefined;
    const audit = hasAudit ? new AuditLog(db, { now: () => 0 }).verify() : null;
    if (audit && !audit.ok) return { ok: false, file, reason: `its audit log is broken at entry ${audit.brokenSeq}: ${audit.reason}` };
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number };
    return { ok: true, file, schemaVersion, integrity: 'ok', audit, conversations: n, encrypted };
  } catch (error) {
    if (error instanceof TandemError && error.code === 'E_DB_ENCRYPTED') {
      return { ok: false, file, reason: 'it is encrypted; give the workspace key with TANDEM_DB_KEY or --key-file' };
    }
    if (error instanceof TandemError && error.code === 'E_DB_WRONG_KEY') {
      return { ok: false, file, reason: 'it is encrypted and the key given does not open it' };
    }
    if (error instanceof TandemError) return { ok: false, file, reason: error.message };
    return { ok: false, file, reason: (error as Error).message };
  } finally {
    db?.close();
    removeEmptySideFiles(sideFiles);
  }
}

/** Removes the side files this check created, and only while the WAL holds nothing (it never does for a read-only open). */
function removeEmptySideFiles(created: readonly string[]): void {
  const wal = created.find((f) => f.endsWith('-wal'));
  if (wal && existsSync(wal) && statSync(wal).size > 0) return;
  for (const side of created) rmSync(side, { force: true });
}
