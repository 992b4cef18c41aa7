import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnnxModels, isCrossEncoderFolder } from '../../../main/ml/crossEncoderFiles.js';
import { CrossEncoderReranker } from '../../../main/ml/crossEncoderReranker.js';
import { relevance } from '../../../main/ml/worker/crossEncoderBackend.js';
import { writeTinyCrossEncoder, type TinyCrossEncoder } from '../../support/tinyCrossEncoder.js';
import { writeTinyOnnxModel } from '../../support/tinyOnnxModel.js';

let dir: string;
let model: TinyCrossEncoder;
let reranker: CrossEncoderReranker;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-tiny-cross-encoder-'));
  model = writeTinyCrossEncoder(dir);
  reranker = await CrossEncoderReranker.start({ modelDir: dir, modelId: model.modelId });
}, 60_000);

afterAll(async () => {
  await reranker?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** [CLS] query [SEP] (type 0) passage [SEP] (type 1), summed rows · classifier + bias, then sigmoid. */
function expectedScore(query: string[], passage: string[]): number {
  const d = model.dimension;
  const pooled = new Float64Array(d);
  const add = (token: string, type: number): void => {
    const id = model.vocabulary.indexOf(token);
    expect(id, token).toBeGreaterThanOrEqual(0);
    for (let k = 0; k < d; k++) pooled[k]! += model.wordWeights[id * d + k]! + model.typeWeights[type * d + k]!;
  };
  for (const token of ['[CLS]', ...query, '[SEP]']) add(token, 0);
  for (const token of [...passage, '[SEP]']) add(token, 1);
  let logit = model.classifierBias;
  for (let k = 0; k < d; k++) logit += pooled[k]! * model.classifierWeights[k]!;
  return 1 / (1 + Math.exp(-logit));
}

describe('cross-encoder reranker on a generated tiny ONNX sequence classifier', () => {
  it('loads from the models folder with remote loading off', () => {
    expect(reranker.id).toBe('cross-encoder:test/tiny-cross-encoder');
  });

  it('tokenizes query and passage as one pair and scores sigmoid(logit) per passage, in order', async () => {
    const passages = ['The package is late.', 'Refund policy: within 30 days', 'how do I reset my password?'];
    const scores = await reranker.score('Where is my ORDER?', passages);
    const query = ['where', 'is', 'my', 'order', '?'];
    const expected = [
      expectedScore(query, ['the', 'package', 'is', 'late', '.']),
      expectedScore(query, ['refund', 'policy', '[UNK]', 'within', '[UNK]', 'days']), // ':' and '30' are not in the vocabulary
      expectedScore(query, ['how', 'do', 'i', 'reset', 'my', 'password', '?']),
    ];
    expect(scores).toHaveLength(3);
    scores.forEach((score, i) => expect(score).toBeCloseTo(expected[i]!, 5));
    // The fixture is only useful if the passages score differently.
    expect(new Set(expected.map((x) => x.toFixed(4))).size).toBe(3);
  });

  it('scores the same pair the same alone and inside a padded batch of more than one slice', async () => {
    const [alone] = await reranker.score('refund', ['the return policy']);
    const many = Array.from({ length: 11 }, (_, i) => (i === 9 ? 'the return policy' : `the order ${'is late '.repeat(i)}`));
    const batched = await reranker.score('refund', many);
    expect(batched).toHaveLength(11);
    expect(batched[9]).toBeCloseTo(alone!, 6);
  });

  it('rejects at once when the signal is already aborted, and an abort mid-way', async () => {
    await expect(reranker.score('refund', ['a'], { signal: AbortSignal.abort(new Error('too slow')) })).rejects.toThrow('too slow');
    const controller = new AbortController();
    const pending = reranker.score('refund', Array.from({ length: 200 }, () => 'the order is late'), { signal: controller.signal });
    controller.abort(new Error('search timed out'));
    await expect(pending).rejects.toThrow('search timed out');
    // The worker is still usable afterwards.
    expect(await reranker.score('refund', ['refund'])).toHaveLength(1);
  });

  it('maps two-logit models to the softmax probability of the relevant class', () => {
    expect(relevance([0])).toBeCloseTo(0.5, 10);
    expect(relevance([2, 2])).toBeCloseTo(0.5, 10);
    expect(relevance([0, Math.log(3)])).toBeCloseTo(0.75, 10);
  });

  it('tells a cross-encoder folder from an embedder folder by config.json', () => {
    const models = mkdtempSync(join(tmpdir(), 'tandem-models-'));
    try {
      writeTinyOnnxModel(models);
      writeTinyCrossEncoder(models, { modelId: 'acme/reranker' });
      mkdirSync(join(models, 'broken', 'onnx'), { recursive: true });
      writeFileSync(join(models, 'broken', 'config.json'), '{not json');
      expect(findOnnxModels(models)).toEqual({ crossEncoders: ['acme/reranker'], embedders: ['broken', 'test/tiny-bert'] });
      expect(isCrossEncoderFolder(join(models, 'test/tiny-bert'))).toBe(false);
    } finally {
      rmSync(models, { recursive: true, force: true });
    }
  });

  it('refuses a model folder without a tokenizer with a message that says what to copy', async () => {
    await expect(CrossEncoderReranker.start({ modelDir: dir, modelId: 'missing/model' })).rejects.toThrow(/copy the whole model folder/);
  });
});
