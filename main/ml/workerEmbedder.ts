import type { EmbedPriority, Embedder } from './embedder.js';
import { WorkerClient } from './workerClient.js';
import type { EmbedBackendConfig, WorkerRequest, WorkerResponse } from './worker/protocol.js';

export interface WorkerEmbedOptions {
  readonly signal?: AbortSignal;
  readonly priority?: EmbedPriority;
  /** Called as the worker finishes slices of a long batch (texts done so far, total texts sent). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The main-thread side of an embedding worker. It owns the input guards the models need:
 * empty or whitespace texts never reach the model (USE lite throws on [""] and silently drops
 * vectors for several empty strings) and get a zero vector; every batch's count is checked;
 * every vector is re-normalised to unit length.
 */
export class WorkerEmbedder implements Embedder {
  private constructor(
    private readonly client: WorkerClient<WorkerRequest, WorkerResponse>,
    readonly id: string,
    readonly dimension: number,
  ) {}

  /** `coalesce: false` makes one model call per request even where sharing calls is safe (for comparisons). */
  static async start(backend: EmbedBackendConfig, idPrefix: string, options: { coalesce?: boolean } = {}): Promise<WorkerEmbedder> {
    const { client, ready } = await WorkerClient.start<WorkerRequest, WorkerResponse>({
      callerUrl: import.meta.url,
      baseName: 'worker/embeddingWorker',
      init: { type: 'init', id: 0, backend, coalesce: options.coalesce },
      names: { worker: 'embedding worker', client: 'embedder', cancelled: 'embedding cancelled' },
      cancel: (id) => ({ type: 'cancel', id }),
    }).catch((error: Error) => {
      throw new Error(`Could not load the embedding model: ${error.message}`);
    });
    return new WorkerEmbedder(client, `${idPrefix}${ready.modelId}`, ready.dimension);
  }

  async embed(texts: readonly string[], options: WorkerEmbedOptions = {}): Promise<Float32Array[]> {
    if (this.client.closed) throw new Error('the embedder is closed');
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

    const response = await this.client.request((id) => ({ type: 'embed', id, texts: inputs, priority: options.priority ?? 'interactive' }), {
      signal: options.signal,
      isUpdate: (message) => message.type === 'progress',
      onUpdate: (message) => message.type === 'progress' && options.onProgress?.(message.done, message.total),
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
    const response = await this.client.request((id) => ({ type: 'stats', id }));
    if (response.type !== 'stats') throw new Error(`unexpected worker reply ${response.type}`);
    return response.lanes;
  }

  close(): Promise<void> {
    return this.client.close();
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
