import { resolve, sep } from 'node:path';
import { isTandemError, TandemError } from '../../engine/errors.js';
import { findModelFiles } from '../modelFiles.js';
import type { ChatModel, LoadedModelInfo } from './chatModel.js';
import { inspectGgufFile } from './ggufFile.js';
import type { ModelListing, ModelStatus } from './modelTypes.js';
import { realCoreCount, WorkerChatModel, type LoadChatModelOptions } from './workerChatModel.js';

export type { ModelListing, ModelStatus };

export interface ModelManagerOptions {
  /** The app's models/ folder. */
  readonly modelsDir: string;
  /** A folder the user picked in Settings → Models, if any. */
  readonly userFolder?: string | null;
  readonly threads?: number;
  readonly freeMemory?: () => number;
  readonly onStatus?: (status: ModelStatus) => void;
  /** Swappable for tests; defaults to the worker-thread llama.cpp model. */
  readonly loadModel?: (path: string, options: LoadChatModelOptions) => Promise<ChatModel>;
}

/**
 * Finds GGUF files and keeps at most one model loaded. Loading takes a lock: a second load while one
 * is in flight is refused with E_MODEL_BUSY rather than queued, so the UI never ends up with a model
 * the agent did not pick last. Only files inside the known folders can be loaded.
 */
export class ModelManager {
  private userFolder: string | null;
  private active: ChatModel | null = null;
  private status_: ModelStatus;
  private loading: AbortController | null = null;
  private readonly threads: number;
  private readonly listeners = new Set<(status: ModelStatus) => void>();

  constructor(private readonly options: ModelManagerOptions) {
    this.userFolder = options.userFolder ?? null;
    this.threads = options.threads ?? realCoreCount();
    this.status_ = { state: 'none', threads: this.threads };
  }

  get model(): ChatModel | null {
    return this.active;
  }

  status(): ModelStatus {
    return this.status_;
  }

  /** Another subscriber besides options.onStatus (the engine forwards status to the UI this way). */
  onStatusChange(listener: (status: ModelStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setUserFolder(folder: string | null): void {
    this.userFolder = folder ? resolve(folder) : null;
  }

  folders(): string[] {
    const folders = [resolve(this.options.modelsDir)];
    if (this.userFolder && !folders.includes(this.userFolder)) folders.push(this.userFolder);
    return folders;
  }

  async list(): Promise<ModelListing[]> {
    const listings: ModelListing[] = [];
    for (const folder of this.folders()) {
      for (const relativePath of findModelFiles(folder).gguf.sort()) {
        const path = resolve(folder, relativePath);
        try {
          listings.push({ path, folder, usable: true, file: await inspectGgufFile(path, { freeMemory: this.options.freeMemory }) });
        } catch (error) {
          const failure = isTandemError(error)
            ? { code: error.code, message: error.message }
            : { code: 'E_MODEL_LOAD_FAILED' as const, message: String(error) };
          listings.push({ path, folder, usable: false, error: failure });
        }
      }
    }
    return listings;
  }

  private assertInKnownFolder(path: string): string {
    const absolute = resolve(path);
    if (!this.folders().some((folder) => absolute.startsWith(folder + sep))) {
      throw new TandemError('E_MODEL_NOT_FOUND', 'Only files in the models folder or the folder chosen in Settings can be loaded.');
    }
    return absolute;
  }

  async load(path: string): Promise<LoadedModelInfo> {
    if (this.loading) throw new TandemError('E_MODEL_BUSY');
    const absolute = this.assertInKnownFolder(path);
    const controller = new AbortController();
    this.loading = controller;
    try {
      await this.closeActive();
      this.setStatus({ state: 'loading', threads: this.threads, path: absolute, fraction: 0 });
      const load = this.options.loadModel ?? ((p, o) => WorkerChatModel.load(p, o));
      const model = await load(absolute, {
        threads: this.threads,
        freeMemory: this.options.freeMemory,
        signal: controller.signal,
        onProgress: (fraction) => this.setStatus({ state: 'loading', threads: this.threads, path: absolute, fraction }),
      });
      if (controller.signal.aborted) {
        await model.close();
        throw new TandemError('E_MODEL_NOT_LOADED', 'Loading was cancelled.');
      }
      this.active = model;
      this.setStatus({ state: 'loaded', threads: this.threads, model: model.info });
      return model.info;
    } catch (error) {
      if (controller.signal.aborted) {
        this.setStatus({ state: 'none', threads: this.threads });
        throw isTandemError(error) ? error : new TandemError('E_MODEL_NOT_LOADED', 'Loading was cancelled.');
      }
      const failure = isTandemError(error)
        ? { code: error.code, message: error.message }
        : { code: 'E_MODEL_LOAD_FAILED' as const, message: new TandemError('E_MODEL_LOAD_FAILED').message };
      this.setStatus({ state: 'failed', threads: this.threads, path: absolute, error: failure });
      throw isTandemError(error) ? error : new TandemError('E_MODEL_LOAD_FAILED');
    } finally {
      if (this.loading === controller) this.loading = null;
    }
  }

  /** Unloads the model, or cancels a load in flight. */
  async unload(): Promise<void> {
    this.loading?.abort(new TandemError('E_MODEL_NOT_LOADED', 'Loading was cancelled.'));
    await this.closeActive();
    this.setStatus({ state: 'none', threads: this.threads });
  }

  private async closeActive(): Promise<void> {
    const model = this.active;
    this.active = null;
    await model?.close();
  }

  private setStatus(status: ModelStatus): void {
    this.status_ = status;
    this.options.onStatus?.(status);
    for (const listener of this.listeners) listener(status);
  }
}
