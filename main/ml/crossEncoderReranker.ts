import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Reranker } from './reranker.js';
import { WorkerClient } from './workerClient.js';
import type { RerankModelConfig, RerankRequest, RerankResponse } from './worker/rerankProtocol.js';

/**
 * A cross-encoder ONNX model from the models folder, run by transformers.js in its own worker thread.
 * The main thread only checks the answers: one finite score per passage, in order.
 */
export class CrossEncoderReranker implements Reranker {
  private constructor(
    private readonly client: WorkerClient<RerankRequest, RerankResponse>,
    readonly id: string,
  ) {}

  static async start(model: RerankModelConfig): Promise<CrossEncoderReranker> {
    const folder = join(model.modelDir, model.modelId);
    for (const file of ['config.json', 'tokenizer.json']) {
      if (!existsSync(join(folder, file))) throw new Error(`${join(folder, file)} is missing; copy the whole model folder into models/.`);
    }
    const { client, ready } = await WorkerClient.start<RerankRequest, RerankResponse>({
      callerUrl: import.meta.url,
      baseName: 'worker/rerankWorker',
      init: { type: 'init', id: 0, model },
      names: { worker: 'reranker worker', client: 'reranker', cancelled: 'reranking cancelled' },
      cancel: (id) => ({ type: 'cancel', id }),
    }).catch((error: Error) => {
      throw new Error(`Could not load the reranker model ${model.modelId}: ${error.message}`);
    });
    return new CrossEncoderReranker(client, `cross-encoder:${ready.modelId}`);
  }

  async score(query: string, passages: readonly string[], options: { signal?: AbortSignal } = {}): Promise<number[]> {
    if (this.client.closed) throw new Error('the reranker is closed');
    options.signal?.throwIfAborted();
    if (passages.length === 0) return [];
    const response = await this.client.request((id) => ({ type: 'score', id, query, passages: [...passages] }), { signal: options.signal });
    if (response.type === 'error') throw new Error(response.message);
    if (response.type !== 'scores') throw new Error(`unexpected worker reply ${response.type}`);
    if (response.scores.length !== passages.length || response.scores.some((s) => !Number.isFinite(s))) {
      throw new Error(`the reranker returned ${response.scores.length} usable scores for ${passages.length} passages`);
    }
    return response.scores;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
