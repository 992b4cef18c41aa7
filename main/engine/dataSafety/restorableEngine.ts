import { basename } from 'node:path';
import type { Engine } from '../engine.js';
import { TandemError } from '../errors.js';
import type { EngineEventListener } from '../events.js';
import type { RestoreReport } from './restoreBackup.js';

export interface InAppRestoreReport {
  readonly backupName: string;
  readonly restoredAt: number;
  /** File name (next to tandem.db) of the database that was live before; never deleted. */
  readonly previousDatabase: string | null;
  readonly schemaVersion: number;
  readonly conversations: number;
  /** Migrations applied to bring an older backup up to this build's schema. */
  readonly migrated: readonly string[];
  /** The 'backup.restored' entry appended to the restored database's audit log (null without one). */
  readonly auditSeq: number | null;
}

export interface RestorableEngineOptions {
  /** The engine the host opened. */
  readonly engine: Engine;
  /** Opens the engine again on the same data folder, with the host's embedder, models and connector. */
  readonly reopen: () => Engine;
  /** Host work to redo on every reopened engine (attach the reranker, warm the intent model…). */
  readonly afterReopen?: (engine: Engine) => void;
}

/**
 * The engine a host serves, which can swap its database for a backup while the host keeps running.
 *
 * A restore never writes under an open connection. It verifies the chosen backup while the workspace is
 * still live (a bad file is refused and nothing else happens), then stops serving calls, waits for queued
 * assist runs, closes the engine (the only connection to tandem.db), and runs the same offline restore
 * as `tandem backup restore`: refuse if any other process still has the file open, move the live
 * database and its WAL files aside, copy the backup in under a temporary name, rename it into place and
 * migrate it. Whatever happened, the engine is then reopened on what is in place: the backup, or the
 * untouched previous database when a step failed. Every service, cache and model in memory is rebuilt
 * from the restored file, which an in-place page copy under live services could not promise.
 *
 * While the swap runs, `engine` throws E_RESTORE_IN_PROGRESS so the API answers every call with it.
 * Event listeners subscribe here, not on one engine's bus, so they follow the swap.
 */
export class RestorableEngine {
  private current: Engine | null;
  private restoring = false;
  private unavailable: string | null = null;
  private readonly listeners = new Set<EngineEventListener>();
  private detach: () => void;

  constructor(private readonly options: RestorableEngineOptions) {
    this.current = options.engine;
    this.detach = this.forwardEvents(options.engine);
  }

  get engine(): Engine {
    if (this.restoring) throw new TandemError('E_RESTORE_IN_PROGRESS');
    if (!this.current) throw new TandemError('E_INTERNAL', this.unavailable ?? 'The workspace is closed.');
    return this.current;
  }

  get isRestoring(): boolean {
    return this.restoring;
  }

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the workspace's database with the backup of that name (from the backups list, never a path). */
  async restore(name: string, actor: string): Promise<InAppRestoreReport> {
    const engine = this.engine;
    const entry = engine.dataSafety.backupEntry(name);
    const verdict = engine.dataSafety.verifyBackup(name);
    if (!verdict.ok) throw new TandemError('E_BACKUP_INVALID', `${name} was refused: ${verdict.reason}.`);

    this.restoring = true;
    try {
      await engine.assist.idle();
      this.detach();
      engine.close();
      this.current = null;
      let report: RestoreReport | null = null;
      let failure: unknown = null;
      try {
        report = engine.dataSafety.restoreWhileClosed(entry.file, engine.clock.now());
      } catch (error) {
        failure = error;
      }
      const reopened = this.reopen(engine);
      if (!report) throw explain(failure);

      const restoredAt = reopened.clock.now();
      const previousDatabase = report.previousDatabase ? basename(report.previousDatabase) : null;
      const auditSeq = reopened.actions.audit.append({
        workspaceId: reopened.workspace.id,
        actor,
        kind: 'backup.restored',
        data: { backup: name, previousDatabase, schemaVersion: report.schemaVersion, migrated: [...report.migrated] },
      }).seq;
      reopened.log.info('backup restored in the app', { backup: name, previousDatabase, conversations: report.conversations });
      reopened.events.emit({ type: 'workspace.restored', backupName: name, restoredAt, previousDatabase, conversations: report.conversations });
      return { backupName: name, restoredAt, previousDatabase, schemaVersion: report.schemaVersion, conversations: report.conversations, migrated: report.migrated, auditSeq };
    } finally {
      this.restoring = false;
    }
  }

  /** Closes the engine for good (the host is shutting down). */
  close(): void {
    this.detach();
    this.current?.close();
    this.current = null;
    this.unavailable = 'Tandem is shutting down.';
  }

  private reopen(previous: Engine): Engine {
    let reopened: Engine;
    try {
      reopened = this.options.reopen();
    } catch (error) {
      this.unavailable = `The workspace could not be reopened after the restore: ${(error as Error).message} Quit Tandem and start it again.`;
      previous.log.error('the workspace could not be reopened after a restore', { error: String(error) });
      throw new TandemError('E_INTERNAL', this.unavailable);
    }
    this.current = reopened;
    this.detach = this.forwardEvents(reopened);
    this.options.afterReopen?.(reopened);
    return reopened;
  }

  private forwardEvents(engine: Engine): () => void {
    return engine.events.subscribe((event) => {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // one broken subscriber (a closed socket) must not stop the others
        }
      }
    });
  }
}

/** The offline restore's "quit the app" advice does not fit here: another process holds the file. */
function explain(failure: unknown): unknown {
  if (failure instanceof TandemError && failure.code === 'E_DB_IN_USE') {
    return new TandemError(
      'E_DB_IN_USE',
      'Another process (a `tandem` command, or a second Tandem on this data folder) has the database open, so nothing was restored and the workspace is unchanged. Close it and restore again.',
    );
  }
  return failure;
}
