import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RerankModelConfig } from './rerankProtocol.js';

/** One loaded cross-encoder inside the worker: raw logits → relevance on 0..1 for (query, passage) pairs. */
export interface CrossEncoderBackend {
  readonly modelId: string;
  /** Number of output labels (1: one relevance logit; 2: [irrelevant, relevant]). */
  readonly labels: number;
  scorePairs(query: string, passages: readonly string[]): Promise<number[]>;
}

/**
 * A transformers.js sequence-classification model from the user's models folder, remote loading off.
 * The query and each passage are tokenized as one pair ([CLS] query [SEP] passage [SEP]), the way
 * MS MARCO cross-encoders were trained.
 */
export async function loadCrossEncoder(config: RerankModelConfig): Promise<CrossEncoderBackend> {
  const { env, AutoTokenizer, AutoModelForSequenceClassification } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = config.modelDir.endsWith('/') ? config.modelDir : `${config.modelDir}/`;
  // Prefer the quantized file most model repos ship; fall back to full precision.
  const quantized = existsSync(join(config.modelDir, config.modelId, 'onnx', 'model_quantized.onnx'));
  const tokenizer = await AutoTokenizer.from_pretrained(config.modelId, { local_files_only: true });
  const model = await AutoModelForSequenceClassification.from_pretrained(config.modelId, {
    dtype: quantized ? 'q8' : 'fp32',
    local_files_only: true,
    device: 'cpu',
  });
  const labels = Number((model.config as { num_labels?: number }).num_labels ?? 0) || 1;
  return {
    modelId: config.modelId,
    labels,
    scorePairs: async (query, passages) => {
      if (passages.length === 0) return [];
      const inputs = tokenizer(passages.map(() => query), { text_pair: [...passages], padding: true, truncation: true });
      const { logits } = (await model(inputs)) as { logits: { dims: number[]; data: Float32Array } };
      const [rows, width] = logits.dims as [number, number];
      if (rows !== passages.length) throw new Error(`the reranker returned ${rows} rows for ${passages.length} passages`);
      const scores: number[] = [];
      for (let row = 0; row < rows; row++) scores.push(relevance(logits.data.subarray(row * width, (row + 1) * width)));
      return scores;
    },
  };
}

/** One logit: sigmoid. Two or more: softmax probability of the last class ("relevant"). */
export function relevance(logits: ArrayLike<number>): number {
  if (logits.length === 1) return 1 / (1 + Math.exp(-logits[0]!));
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  return Math.exp(logits[logits.length - 1]! - max) / sum;
}
