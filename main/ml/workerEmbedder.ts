import type { Worker } from 'node:worker_threads';
import type { EmbedPriority, Embedder } from './embedder.js';
import type { EmbedBackendConfig, WorkerRequest, WorkerResponse } from './worker/protocol.js';
import { startSiblingWorker } from './worker/startWorker.js';

export interface WorkerEmbedOptions {
  readonly signal?: AbortSignal;
  readonly priority?: EmbedPriority;
  /** Called as the worker finishes slices of a long batch (texts done so far, total texts sent). */
  readonly onProgress?: (done: number, total: number) => void;
}

interface Pending {
  resolve(response: WorkerResponse): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The main-thread side of an embedding worker. It owns the input guards the models need:
 * empty or whitespace texts never reach the model (USE lite throws on [""] and silently drops
 * vectors for several empty strings) and get a zero vector; every batch's count is checked;
 * every vector is re-normalised to unit length.
 */
export class WorkerEmbedder implements Embedder {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    readonly id: string,
    readonly dimension: number,
  ) {}

  static async start(backend: EmbedBackendConfig, idPrefix: string, options: { coalesce?: boolean } = {}): Promise<WorkerEmbedder> {
    const worker = startSiblingWorker(import.meta.url, 'worker/embeddingWorker');
    worker.unref();
    const ready = await new Promise<Extract<WorkerResponse, { type: 'ready' }>>((resolve, reject) => {
      const onMessage = (message: WorkerResponse): void => {
        if (message.id !== 0) return;
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (message.type === 'ready') resolve(message);
        else reject(new Error(message.type === 'error' ? message.message : 'unexpected worker reply'));
      };
      const onError = (error: Error): void => reject(error);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage({ type: 'init', id: 0, backend, coalesce: options.coalesce } satisfies WorkerRequest);
    }).catch(async (error: Error) => {
      await worker.terminate();
      throw new Error(`Could not load the embedding model: ${error.message}`);
    });
    const embedder = new WorkerEmbedder(worker, `${idPrefix}${ready.modelId}`, ready.dimension);
    embedder.listen();
    return embedder;
  }

  private listen(): void {
    this.worker.on('message', (message: WorkerResponse) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      if (message.type === 'progress') pending.onProgress?.(message.done, message.total);
      else pending.resolve(message);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`the embedding worker stopped (exit code ${code})`));
    });
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  async embed(texts: readonly string[], options: WorkerEmbedOptions = {}): Promise<Float32Array[]> {
    if (this.closed) throw new Error('the embedder is closed');
    options.signal?.throwIfAborted();
    const result: Float32Array[] = texts.map(() => new Float32Array(this.dimension));
    const positions: number[] = [];
    const inputs: string[] = [];
    texts.forEach((text, index) => {
      if (text.trim().length > 0) {
        positions.push(index);
        inputs.push(text);
      }
    });
    if (inputs.length === 0) return result;

    const id = this.nextId++;
    const response = await new Promise<WorkerResponse>((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(id);
        this.worker.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
        reject(options.signal?.reason ?? new Error('embedding cancelled'));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (message) => {
          options.signal?.removeEventListener('abort', onAbort);
          this.pending.delete(id);
          resolve(message);
        },
        reject: (error) => {
          options.signal?.removeEventListener('abort', onAbort);
          this.pending.delete(id);
          reject(error);
        },
        onProgress: options.onProgress,
      });
      this.worker.postMessage({ type: 'embed', id, texts: inputs, priority: options.priority ?? 'interactive' } satisfies WorkerRequest);
    });
    if (response.type === 'error') throw new Error(response.message);
    if (response.type !== 'result') throw new Error(`unexpected worker reply ${response.type}`);
    if (response.vectors.length !== inputs.length) {
      throw new Error(`the embedding model returned ${response.vectors.length} vectors for ${inputs.length} texts`);
    }
    response.vectors.forEach((vector, k) => {
      if (vector.length !== this.dimension) throw new Error(`vector of dimension ${vector.length}, expected ${this.dimension}`);
      result[positions[k]!] = normalise(vector);
    });
    return result;
  }

  /** Model calls and texts per lane since the worker started: how many waiting requests shared a call. */
  async stats(): Promise<Extract<WorkerResponse, { type: 'stats' }>['lanes']> {
    if (this.closed) throw new Error('the embedder is closed');
    const id = this.nextId++;
    const response = await new Promise<WorkerResponse>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (message) => {
          this.pending.delete(id);
          resolve(message);
        },
        reject: (error) => {
          this.pending.delete(id);
          reject(error);
        },
      });
      this.worker.postMessage({ type: 'stats', id } satisfies WorkerRequest);
    });
    if (response.type !== 'stats') throw new Error(`unexpected worker reply ${response.type}`);
    return response.lanes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new Error('the embedder was closed'));
    await this.worker.terminate();
  }
}

function normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm === 0 || Math.abs(norm - 1) < 1e-6) return vector;
  for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
