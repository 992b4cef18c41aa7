import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from './embedder.js';
import { WorkerEmbedder } from './workerEmbedder.js';

export interface TransformersEmbedderOptions {
  /** The models folder (e.g. <app>/models). */
  readonly modelDir: string;
  /** The model's folder under modelDir, e.g. 'Xenova/all-MiniLM-L6-v2'. */
  readonly modelId: string;
}

/**
 * A sentence-transformers model in ONNX form, run by transformers.js with remote loading disabled:
 * mean pooling over the attention mask, then L2 normalisation.
 */
export function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const folder = join(options.modelDir, options.modelId);
  for (const file of ['config.json', 'tokenizer.json']) {
    if (!existsSync(join(folder, file))) {
      return Promise.reject(new Error(`${join(folder, file)} is missing; copy the whole model folder into models/.`));
    }
  }
  return WorkerEmbedder.start({ kind: 'transformers', modelDir: options.modelDir, modelId: options.modelId }, 'transformers:');
}
