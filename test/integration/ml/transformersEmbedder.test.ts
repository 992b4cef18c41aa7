import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../../../main/ml/embedder.js';
import { createTransformersEmbedder } from '../../../main/ml/transformersEmbedder.js';
import { writeTinyOnnxModel, type TinyModel } from '../../support/tinyOnnxModel.js';

let dir: string;
let model: TinyModel;
let embedder: Embedder;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-tiny-model-'));
  model = writeTinyOnnxModel(dir, { dimension: 12 });
  embedder = await createTransformersEmbedder({ modelDir: model.modelDir, modelId: model.modelId });
});

afterAll(async () => {
  await embedder?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Mean of the token rows ([CLS] words [SEP], token type 0), then L2-normalised: what the pipeline must compute. */
function expectedVector(tokens: string[]): Float32Array {
  const d = model.dimension;
  const sum = new Float32Array(d);
  for (const token of ['[CLS]', ...tokens, '[SEP]']) {
    const id = model.vocabulary.indexOf(token);
    for (let k = 0; k < d; k++) sum[k]! += model.wordWeights[id * d + k]! + model.typeWeights[k]!;
  }
  const norm = Math.hypot(...sum);
  return sum.map((x) => x / norm);
}

describe('transformers.js embedder on a generated tiny ONNX model', () => {
  it('loads from the models folder with remote loading off and reports id and dimension', () => {
    expect(embedder.id).toBe('transformers:test/tiny-bert');
    expect(embedder.dimension).toBe(12);
  });

  it('tokenizes with WordPiece (lower-casing, sub-words) and mean-pools to a unit vector', async () => {
    const [vector] = await embedder.embed(['Where is my ORDER shipped?']);
    // "shipped" is not in the vocabulary: WordPiece yields [UNK] for the whole word.
    const expected = expectedVector(['where', 'is', 'my', 'order', '[UNK]', '?']);
    expect(Array.from(vector!).map((x) => x.toFixed(4))).toEqual(Array.from(expected).map((x) => x.toFixed(4)));
  });

  it('pools over the attention mask only, so padding in a mixed-length batch changes nothing', async () => {
    const [alone] = await embedder.embed(['refund']);
    const [batched] = await embedder.embed(['refund', 'the return policy is within days of the order and my package']);
    expect(Array.from(batched!).map((x) => x.toFixed(5))).toEqual(Array.from(alone!).map((x) => x.toFixed(5)));
  });

  it('gives empty and whitespace inputs a zero vector and keeps the input order', async () => {
    const vectors = await embedder.embed(['', 'refund', '   ', 'password reset']);
    expect(vectors).toHaveLength(4);
    expect(Math.hypot(...vectors[0]!)).toBe(0);
    expect(Math.hypot(...vectors[2]!)).toBe(0);
    expect(Math.hypot(...vectors[1]!)).toBeCloseTo(1, 5);
    expect(Array.from(vectors[3]!)).toEqual(Array.from(expectedVector(['password', 'reset'])).map((x) => expect.closeTo(x, 5)));
  });

  it('refuses a model folder without a tokenizer with a message that says what to copy', async () => {
    await expect(createTransformersEmbedder({ modelDir: dir, modelId: 'missing/model' })).rejects.toThrow(/copy the whole model folder/);
  });
});
