import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Reranker } from './reranker.js';
import type { RerankModelConfig, RerankRequest, RerankResponse } from './worker/rerankProtocol.js';
import { startSiblingWorker } from './worker/startWorker.js';

interface Pending {
  resolve(response: RerankResponse): void;
  reject(error: Error): void;
}

/**
 * A cross-encoder ONNX model from the models folder, run by transformers.js in its own worker thread.
 * The main thread only checks the answers: one finite score per passage, in order.
 */
export class CrossEncoderReranker implements Reranker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    readonly id: string,
  ) {}

  static async start(model: RerankModelConfig): Promise<CrossEncoderReranker> {
    const folder = join(model.modelDir, model.modelId);
    for (const file of ['config.json', 'tokenizer.json']) {
      if (!existsSync(join(folder, file))) throw new Error(`${join(folder, file)} is missing; copy the whole model folder into models/.`);
    }
    const worker = startSiblingWorker(import.meta.url, 'worker/rerankWorker');
    worker.unref();
    const ready = await new Promise<Extract<RerankResponse, { type: 'ready' }>>((resolve, reject) => {
      const onMessage = (message: RerankResponse): void => {
        if (message.id !== 0) return;
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (message.type === 'ready') resolve(message);
        else reject(new Error(message.type === 'error' ? message.message : 'unexpected worker reply'));
      };
      const onError = (error: Error): void => reject(error);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage({ type: 'init', id: 0, model } satisfies RerankRequest);
    }).catch(async (error: Error) => {
      await worker.terminate();
      throw new Error(`Could not load the reranker model ${model.modelId}: ${error.message}`);
    });
    const reranker = new CrossEncoderReranker(worker, `cross-encoder:${ready.modelId}`);
    reranker.listen();
    return reranker;
  }

  private listen(): void {
    this.worker.on('message', (message: RerankResponse) => this.pending.get(message.id)?.resolve(message));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`the reranker worker stopped (exit code ${code})`));
    });
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  async score(query: string, passages: readonly string[], options: { signal?: AbortSignal } = {}): Promise<number[]> {
    if (this.closed) throw new Error('the reranker is closed');
    options.signal?.throwIfAborted();
    if (passages.length === 0) return [];
    const id = this.nextId++;
    const response = await new Promise<RerankResponse>((resolve, reject) => {
      const settle = (): void => {
        options.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      const onAbort = (): void => {
        settle();
        this.worker.postMessage({ type: 'cancel', id } satisfies RerankRequest);
        reject(options.signal?.reason ?? new Error('reranking cancelled'));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (message) => {
          settle();
          resolve(message);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.worker.postMessage({ type: 'score', id, query, passages: [...passages] } satisfies RerankRequest);
    });
    if (response.type === 'error') throw new Error(response.message);
    if (response.type !== 'scores') throw new Error(`unexpected worker reply ${response.type}`);
    if (response.scores.length !== passages.length || response.scores.some((s) => !Number.isFinite(s))) {
      throw new Error(`the reranker returned ${response.scores.length} usable scores for ${passages.length} passages`);
    }
    return response.scores;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new Error('the reranker was closed'));
    await this.worker.terminate();
  }
}
