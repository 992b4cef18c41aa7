import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLog } from '../actions/auditLog.js';
import type { Clock } from '../clock.js';
import { TandemError } from '../errors.js';
import type { Log } from '../log.js';
import type { DatabaseKey } from '../store/connection.js';
import type { Database } from '../store/database.js';
import type { WorkspaceRepository } from '../workspace/workspaceRepository.js';
import { BACKUP_FOLDER, BACKUP_PREFIX, listBackups, type BackupEntry } from './backupCatalog.js';
import { checkOf, rememberCheck, type BackupCheck } from './backupChecks.js';
import { backupDatabase, type BackupReport } from './backupFile.js';
import { conversationExportFileName, exportConversation, type ConversationExport } from './conversationExport.js';
import { fileStamp } from './fileStamp.js';
import { restoreBackup, type RestoreReport } from './restoreBackup.js';
import { purgeConversations, type PurgeReport } from './retentionPurge.js';
import { readRetention, RetentionDays, writeRetention, type RetentionSettings } from './retentionSettings.js';
import { verifyBackup, type BackupVerdict } from './verifyBackup.js';

/** Restoring in the app closes and reopens the workspace; the command line does the same with Tandem closed. */
export const RESTORE_INSTRUCTIONS =
  'Restore… verifies the backup, keeps the current database next to it as tandem.db.before-restore-<time>, and reloads the workspace. ' +
  'Without the app: quit Tandem, then run `tandem backup restore <backup file> --data-dir <data folder>`.';

/** An encrypted workspace's backups are encrypted with the same key, which the restore needs too. */
export const ENCRYPTED_RESTORE_NOTE =
  'This workspace is encrypted: its backups are encrypted with the same key, which Restore… uses; on the command line give it with TANDEM_DB_KEY or --key-file.';

const RETENTION_INTERVAL_MS = 6 * 3_600_000;

export interface DataSafetyDeps {
  readonly db: Database;
  readonly dataDir: string;
  readonly workspaceId: string;
  readonly workspaces: WorkspaceRepository;
  readonly audit: AuditLog | null;
  readonly clock: Clock;
  readonly log: Log;
  /** The key of an encrypted workspace (its backups are encrypted with it too); null when plaintext. */
  readonly key?: DatabaseKey | null;
}

/** Backups, conversation export and retention for one open workspace. */
export class DataSafetyService {
  private retentionTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DataSafetyDeps) {}

  /** Whether the workspace (and so every backup made from it) is encrypted at rest. */
  get encrypted(): boolean {
    return this.deps.key != null && this.deps.dataDir !== ':memory:';
  }

  get backupFolder(): string | null {
    return this.deps.dataDir === ':memory:' ? null : join(this.deps.dataDir, BACKUP_FOLDER);
  }

  /** An online, verified backup: to the backups/ folder under a timestamped name unless a file is given. */
  async createBackup(destFile?: string): Promise<BackupReport & { verdict: BackupVerdict }> {
    const folder = this.backupFolder;
    const target = destFile ?? (folder ? join(folder, `${BACKUP_PREFIX}${fileStamp(this.deps.clock.now())}.db`) : null);
    if (!target) throw new TandemError('E_BACKUP_FAILED', 'This workspace lives in memory only and has no data folder; pass a destination file.');
    const report = await backupDatabase(this.deps.db, target, () => this.deps.clock.now(), { encrypted: this.encrypted });
    const verdict = verifyBackup(report.file, { key: this.deps.key ?? null });
    const stat = statSync(report.file);
    rememberCheck({ file: report.file, bytes: stat.size, createdAt: stat.mtimeMs }, verdict, this.deps.clock.now());
    if (!verdict.ok) throw new TandemError('E_BACKUP_FAILED', `The backup at ${report.file} did not verify: ${verdict.reason}.`);
    this.deps.log.info('backup created', { file: report.file, bytes: report.bytes, durationMs: report.durationMs });
    return { ...report, verdict };
  }

  /** The backups, newest first, each with the last verdict this process reached on it (or 'unchecked'). */
  listBackups(): { folder: string | null; backups: Array<BackupEntry & { check: BackupCheck }>; restoreInstructions: string; encryptedAtRest: boolean } {
    const folder = this.backupFolder;
    const backups = folder ? listBackups(this.deps.dataDir).map((entry) => ({ ...entry, check: checkOf(entry) })) : [];
    return {
      folder,
      backups,
      restoreInstructions: this.encrypted ? `${RESTORE_INSTRUCTIONS} ${ENCRYPTED_RESTORE_NOTE}` : RESTORE_INSTRUCTIONS,
      encryptedAtRest: this.encrypted,
    };
  }

  /** One of the listed backups by name (a name, never a path: the UI cannot point Tandem at other files). */
  backupEntry(name: string): BackupEntry {
    const entry = this.backupFolder ? listBackups(this.deps.dataDir).find((b) => b.name === name) : undefined;
    if (!entry) throw new TandemError('E_NOT_FOUND', `No backup named ${name} in the backups folder.`);
    return entry;
  }

  /** Verifies one of the listed backups by name (with the workspace key); the list shows the verdict from then on. */
  verifyBackup(name: string): BackupVerdict {
    const entry = this.backupEntry(name);
    const verdict = verifyBackup(entry.file, { key: this.deps.key ?? null });
    rememberCheck(entry, verdict, this.deps.clock.now());
    return verdict;
  }

  /**
   * The offline restore (`restoreBackup`) of one backup file into this workspace's data folder, with the
   * workspace's key. Only for the in-app restore, after this engine has been closed.
   */
  restoreWhileClosed(backupFile: string, now: number): RestoreReport {
    return restoreBackup({ dataDir: this.deps.dataDir, backupFile, now, key: this.deps.key ?? null });
  }

  exportConversation(conversationId: string): { fileName: string; export: ConversationExport } {
    const data = exportConversation(this.deps.db, this.deps.workspaceId, conversationId, this.deps.clock);
    return { fileName: conversationExportFileName(conversationId, data.exportedAt), export: data };
  }

  retention(): RetentionSettings {
    return readRetention(this.deps.workspaces, this.deps.workspaceId);
  }

  setRetention(settings: RetentionSettings): RetentionSettings {
    return writeRetention(this.deps.workspaces, this.deps.workspaceId, settings, this.deps.clock.now());
  }

  /** Purges with the given period, or the workspace's setting; refuses when neither is set. */
  purge(options: { days?: number; dryRun?: boolean; actor: string; vacuum?: boolean }): PurgeReport {
    const days = options.days ?? this.retention().purgeAfterDays;
    if (days === null) throw new TandemError('E_VALIDATION', 'Retention is off for this workspace; set "purge customer data older than N days" or pass a number of days.');
    if (!RetentionDays.safeParse(days).success) throw new TandemError('E_VALIDATION', `days must be a whole number from 1 to 3650 (got ${days}).`);
    const report = purgeConversations(this.deps.db, this.deps.audit, {
      workspaceId: this.deps.workspaceId,
      olderThanDays: days,
      now: this.deps.clock.now(),
      dryRun: options.dryRun ?? false,
      actor: options.actor,
      ...(options.vacuum !== undefined ? { vacuum: options.vacuum } : {}),
    });
    if (!report.dryRun && report.conversations > 0) this.deps.log.info('retention purge', { conversations: report.conversations, days });
    return report;
  }

  /** With retention on, purges now and every six hours while the engine is open (never keeps the process alive). */
  scheduleRetention(): void {
    const tick = (): void => {
      if (this.retention().purgeAfterDays === null) return;
      try {
        this.purge({ actor: 'retention-schedule' });
      } catch (error) {
        this.deps.log.error('retention purge failed', { error: String(error) });
      }
    };
    tick();
    this.retentionTimer = setInterval(tick, RETENTION_INTERVAL_MS);
    this.retentionTimer.unref();
  }

  close(): void {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.retentionTimer = null;
  }
}
