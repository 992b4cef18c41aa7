import { useEffect, useSyncExternalStore } from 'react';
import type { ApiEvent, Output } from '../../../../main/api/contract.js';
import type { TandemClient } from '../../api/client.js';
import { useClient } from '../../state/clientContext.js';
import { readBase64, type PickedFile } from './pickedFiles.js';
import { planUploadBatches } from './uploadBatches.js';

type ProgressEvent = Extract<ApiEvent, { type: 'progress' }>;
type ImportReport = NonNullable<Output<'knowledge.status'>['imports'][number]['report']>;
export type FileReport = ImportReport['files'][number];

/** One import the agent started from this window: possibly several requests, reported as one. */
export interface ImportRun {
  readonly state: 'running' | 'cancelling' | 'finished' | 'cancelled';
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly category: string | null;
  readonly totalFiles: number;
  readonly filesDone: number;
  readonly chunks: number;
  readonly embeddings: number;
  readonly etaSeconds: number | null;
  readonly label: string;
  readonly files: readonly FileReport[];
}

/** An import or re-index this window did not start (the demo knowledge base, another window). */
export interface BackgroundTask {
  readonly taskId: string;
  readonly kind: string;
  readonly label: string;
  readonly done: number;
  readonly total: number;
  readonly detail: Readonly<Record<string, number>>;
}

export interface ViewerTarget {
  readonly documentId: number;
  readonly chunkId: number | null;
  /** Search terms to mark inside the cited chunk. */
  readonly terms: readonly string[];
}

export interface KnowledgeState {
  readonly run: ImportRun | null;
  readonly background: readonly BackgroundTask[];
  /** Bumps whenever an import finished, so lists, searches and the open document reload. */
  readonly revision: number;
  /** Bumps (at most every 1.5 s) while an import adds files, so the document list fills in as it goes. */
  readonly listRevision: number;
  readonly viewer: ViewerTarget | null;
  readonly query: string;
  readonly intent: string;
}

/**
 * Import progress, the open document and the search box live here, above the screens, so leaving the
 * Knowledge screen neither stops an import nor loses its progress bar, and the assist panel can open a
 * cited chunk. One store per page: there is one client per page.
 */
class KnowledgeStore {
  private state: KnowledgeState = { run: null, background: [], revision: 0, listRevision: 0, viewer: null, query: '', intent: '' };
  private listTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private client: TandemClient | null = null;
  /** Latest progress event of every task seen, including ones that finished before their id came back. */
  private readonly latest = new Map<string, ProgressEvent>();
  private readonly ownTasks = new Set<string>();
  private readonly waiters = new Map<string, () => void>();
  private currentTask: string | null = null;
  private cancelRequested = false;
  /** Totals of the requests of the current run that already finished. */
  private base = { files: 0, chunks: 0, embeddings: 0 };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): KnowledgeState => this.state;

  private set(patch: Partial<KnowledgeState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private patchRun(patch: Partial<ImportRun>): void {
    if (this.state.run) this.set({ run: { ...this.state.run, ...patch } });
  }

  attach(client: TandemClient): void {
    if (this.client === client) return;
    this.client = client;
    client.onEvent((event) => {
      if (event.type === 'progress' && (event.kind === 'knowledge.import' || event.kind === 'knowledge.reindex')) this.onProgress(event);
    });
    // Imports already running when this page loaded (the demo knowledge base on first start).
    void client.call('knowledge.status', {}).then((result) => {
      if (!result.ok) return;
      for (const task of result.value.imports) {
        if (task.running && !this.latest.has(task.taskId)) {
          this.latest.set(task.taskId, { type: 'progress', taskId: task.taskId, kind: 'knowledge.import', label: 'Importing…', done: 0, total: 0, finished: false });
        }
      }
      this.refreshBackground();
    });
  }

  private onProgress(event: ProgressEvent): void {
    const previous = this.latest.get(event.taskId);
    this.latest.set(event.taskId, event);
    if (!event.finished && event.kind === 'knowledge.import' && previous && previous.done !== event.done && this.listTimer === null) {
      this.listTimer = setTimeout(() => {
        this.listTimer = null;
        this.set({ listRevision: this.state.listRevision + 1 });
      }, 1500);
    }
    if (event.finished) {
      this.waiters.get(event.taskId)?.();
      this.set({ revision: this.state.revision + 1 });
    }
    if (event.taskId === this.currentTask) this.applyOwnProgress(event);
    this.refreshBackground();
  }

  private refreshBackground(): void {
    const background: BackgroundTask[] = [];
    for (const event of this.latest.values()) {
      if (event.finished || this.ownTasks.has(event.taskId)) continue;
      background.push({ taskId: event.taskId, kind: event.kind, label: event.label, done: event.done, total: event.total, detail: event.detail ?? {} });
    }
    this.set({ background });
  }

  private applyOwnProgress(event: ProgressEvent): void {
    const run = this.state.run;
    if (!run) return;
    const d = event.detail ?? {};
    const filesDone = this.base.files + (d.files ?? event.done);
    const elapsed = (Date.now() - run.startedAt) / 1000;
    // The engine's ETA covers this request only; across requests it is estimated from the rate so far.
    const remaining = run.totalFiles - filesDone;
    const eta = remaining <= 0 ? 0 : filesDone > 0 ? Math.round((elapsed / filesDone) * remaining) : (d.etaSeconds ?? null);
    this.patchRun({
      filesDone: Math.min(filesDone, run.totalFiles),
      chunks: this.base.chunks + (d.chunks ?? 0),
      embeddings: this.base.embeddings + (d.embeddings ?? 0),
      etaSeconds: eta,
      label: event.label,
    });
  }

  showDocument(target: ViewerTarget | null): void {
    this.set({ viewer: target });
  }

  setSearch(query: string, intent: string): void {
    this.set({ query, intent });
  }

  dismissRun(): void {
    if (this.state.run && (this.state.run.state === 'finished' || this.state.run.state === 'cancelled')) this.set({ run: null });
  }

  isImporting(): boolean {
    const s = this.state.run?.state;
    return s === 'running' || s === 'cancelling';
  }

  async cancel(): Promise<string | null> {
    if (!this.isImporting() || !this.client) return null;
    this.cancelRequested = true;
    this.patchRun({ state: 'cancelling', label: 'Cancelling…' });
    if (!this.currentTask) return null;
    const result = await this.client.call('knowledge.cancelImport', { taskId: this.currentTask });
    return result.ok ? null : result.error.message;
  }

  /** Uploads the files in as many requests as the size cap needs, one after another. */
  async startImport(picked: readonly PickedFile[], category: string | null): Promise<void> {
    const client = this.client;
    if (!client || this.isImporting() || picked.length === 0) return;
    const plan = planUploadBatches(picked.map((p) => ({ name: p.path, size: p.file.size })));
    const refused: FileReport[] = plan.refused.map((r) => ({ path: picked[r.index]!.path, status: 'failed', chunks: 0, message: r.reason }));
    this.cancelRequested = false;
    this.base = { files: refused.length, chunks: 0, embeddings: 0 };
    this.set({
      run: {
        state: 'running',
        startedAt: Date.now(),
        finishedAt: null,
        category,
        totalFiles: picked.length,
        filesDone: refused.length,
        chunks: 0,
        embeddings: 0,
        etaSeconds: null,
        label: `Reading ${picked.length} file(s)…`,
        files: refused,
      },
    });

    for (const batch of plan.batches) {
      const files = batch.map((i) => picked[i]!);
      if (this.cancelRequested) {
        this.addReports(files.map((f) => ({ path: f.path, status: 'cancelled', chunks: 0, message: 'The import was cancelled before this file was sent.' })));
        continue;
      }
      const payload: { name: string; contentBase64: string }[] = [];
      const unreadable: FileReport[] = [];
      for (const f of files) {
        try {
          payload.push({ name: uploadName(f.path), contentBase64: await readBase64(f.file) });
        } catch (error) {
          unreadable.push({ path: f.path, status: 'failed', chunks: 0, message: `The browser could not read the file (${(error as Error).message}); check it still exists and try again.` });
        }
      }
      this.addReports(unreadable);
      if (payload.length === 0) continue;
      const result = await client.call('knowledge.importFiles', { files: payload, ...(category ? { category } : {}) });
      if (!result.ok) {
        this.addReports(files.filter((f) => !unreadable.some((u) => u.path === f.path)).map((f) => ({ path: f.path, status: 'failed', chunks: 0, message: result.error.message })));
        continue;
      }
      const report = await this.follow(result.value.taskId);
      if (report) {
        // The engine labels uploads by the name sent; show the path the agent picked.
        const byName = new Map(files.map((f) => [uploadName(f.path), f.path]));
        const embedded = this.latest.get(result.value.taskId)?.detail?.embeddings ?? 0;
        this.addReports(report.files.map((f) => ({ ...f, path: byName.get(f.path) ?? f.path })), report.chunks, embedded);
      } else {
        this.addReports(payload.map((p) => ({ path: p.name, status: 'failed', chunks: 0, message: 'The engine did not report on this file; check the document list, then import it again.' })));
      }
    }
    const run = this.state.run;
    if (!run) return;
    this.patchRun({
      state: this.cancelRequested || run.files.some((f) => f.status === 'cancelled') ? 'cancelled' : 'finished',
      finishedAt: Date.now(),
      filesDone: run.totalFiles,
      etaSeconds: 0,
      label: this.cancelRequested ? 'Import cancelled' : 'Import finished',
    });
    this.set({ revision: this.state.revision + 1 });
  }

  private addReports(files: readonly FileReport[], chunks = 0, embeddings = 0): void {
    const run = this.state.run;
    if (!run || files.length === 0) return;
    this.base = { files: this.base.files + files.length, chunks: this.base.chunks + chunks, embeddings: this.base.embeddings + embeddings };
    this.patchRun({ files: [...run.files, ...files], filesDone: Math.min(run.totalFiles, this.base.files), chunks: this.base.chunks, embeddings: this.base.embeddings });
  }

  /** Waits for a task to finish (its final event, or the status when events were missed) and returns its report. */
  private async follow(taskId: string): Promise<ImportReport | null> {
    const client = this.client!;
    this.ownTasks.add(taskId);
    this.currentTask = taskId;
    this.refreshBackground();
    const seen = this.latest.get(taskId);
    if (seen) this.applyOwnProgress(seen);
    if (this.cancelRequested) void client.call('knowledge.cancelImport', { taskId });
    let report: ImportReport | null = null;
    for (;;) {
      if (!this.latest.get(taskId)?.finished) {
        await new Promise<void>((resolve) => {
          const timer = window.setTimeout(resolve, 3000);
          this.waiters.set(taskId, () => (window.clearTimeout(timer), resolve()));
        });
        this.waiters.delete(taskId);
      }
      const status = await client.call('knowledge.status', {});
      if (!status.ok) continue;
      const task = status.value.imports.find((t) => t.taskId === taskId);
      if (!task) break;
      if (!task.running && task.report) {
        report = task.report;
        break;
      }
    }
    this.currentTask = null;
    return report;
  }
}

/** Folder structure is kept in the name so the report shows it and re-imports of the same path replace. */
function uploadName(path: string): string {
  return path.length <= 255 ? path : path.slice(path.length - 255);
}

export const knowledgeStore = new KnowledgeStore();

/** The knowledge store, attached to this page's client, re-rendering on every change. */
export function useKnowledgeStore(): KnowledgeState {
  const client = useClient();
  useEffect(() => knowledgeStore.attach(client), [client]);
  return useSyncExternalStore(knowledgeStore.subscribe, knowledgeStore.snapshot);
}
