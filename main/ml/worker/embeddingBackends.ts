import type { EmbedBackendConfig } from './protocol.js';
import { loadUniversalSentenceEncoder } from './useLiteBackend.js';

/** One loaded model inside the worker: raw (unguarded) batch embedding. */
export interface EmbeddingBackend {
  readonly modelId: string;
  /**
   * True when a text's vector does not depend on the other texts in its batch, so separate requests
   * may share one model call without changing anyone's vectors.
   */
  readonly batchInvariant: boolean;
  embedBatch(texts: string[]): Promise<Float32Array[]>;
}

/** Universal Sentence Encoder lite (see useLiteBackend.ts), or a transformers.js model from the models folder. */
export async function loadBackend(config: EmbedBackendConfig): Promise<EmbeddingBackend> {
  if (config.kind === 'builtin') return loadUniversalSentenceEncoder();
  return loadTransformersModel(config.modelDir, config.modelId);
}

/** A transformers.js ONNX model from the user's models folder; remote loading is switched off. */
async function loadTransformersModel(modelDir: string, modelId: string): Promise<EmbeddingBackend> {
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelDir.endsWith('/') ? modelDir : `${modelDir}/`;
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  // Prefer the quantized file most model repos ship; fall back to full precision.
  const quantized = existsSync(join(modelDir, modelId, 'onnx', 'model_quantized.onnx'));
  const extractor = await pipeline('feature-extraction', modelId, {
    dtype: quantized ? 'q8' : 'fp32',
    local_files_only: true,
    device: 'cpu',
  });
  return {
    modelId,
    // Padding is masked in the pooling, but dynamically quantized (q8) models pick one activation
    // scale for the whole batch, so there a text's vector shifts with its batch-mates.
    batchInvariant: !quantized,
    embedBatch: async (texts) => {
      const output = await extractor(texts, { pooling: 'mean', normalize: true });
      const [rows, dimension] = output.dims as [number, number];
      const data = output.data as Float32Array;
      const vectors: Float32Array[] = [];
      for (let row = 0; row < rows; row++) vectors.push(Float32Array.from(data.subarray(row * dimension, (row + 1) * dimension)));
      return vectors;
    },
  };
}
