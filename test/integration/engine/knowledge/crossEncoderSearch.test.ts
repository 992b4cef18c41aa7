import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { CrossEncoderReranker } from '../../../../main/ml/crossEncoderReranker.js';
import type { Reranker } from '../../../../main/ml/reranker.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';
import { writeTinyCrossEncoder } from '../../../support/tinyCrossEncoder.js';

let engine: Engine;
let dataDir: string;
let modelsDir: string;
let crossEncoder: CrossEncoderReranker;

// Words from the tiny model's vocabulary, so the model's scores depend on what each chunk says.
const DOCS: Record<string, string> = {
  'refunds.md': '# Refund policy\n\nA refund is made to the card within 5 days of the return.',
  'shipping.md': '# Shipping\n\nWhere is my package? A late package is delivered within 7 days.',
  'account.md': '# Account\n\nHow do I reset my password? Reset the password of the account.',
  'billing.md': '# Billing\n\nA charge on my card is billing for the order.',
  'products.md': '# Product size\n\nThe size and color of a product are on the order.',
};
const QUERY = 'where is my order package and refund';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tandem-cross-encoder-search-'));
  modelsDir = mkdtempSync(join(tmpdir(), 'tandem-cross-encoder-models-'));
  const model = writeTinyCrossEncoder(modelsDir);
  crossEncoder = await CrossEncoderReranker.start({ modelDir: modelsDir, modelId: model.modelId });
  engine = openEngine({ dataDir, clock: new FixedClock(), embedder: hashEmbedder() });
  await engine.knowledgeReady;
  const folder = mkdtempSync(join(tmpdir(), 'tandem-cross-encoder-docs-'));
  for (const [name, text] of Object.entries(DOCS)) writeFileSync(join(folder, name), text);
  const report = await engine.knowledge.startImport([folder]).done;
  expect(report.imported).toBe(5);
  rmSync(folder, { recursive: true, force: true });
}, 60_000);

afterAll(async () => {
  engine?.close();
  await crossEncoder?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(modelsDir, { recursive: true, force: true });
});

const failing = (id: string, score: Reranker['score']): Reranker => ({ id, score, close: async () => undefined });

describe('knowledge search with a cross-encoder from the models folder', () => {
  it('without one, the feature reranker orders the hits', async () => {
    engine.knowledge.attachReranker(null);
    const result = await engine.knowledge.search(QUERY, { limit: 5 });
    expect(result.reranker).toEqual({ kind: 'features', id: null, fallbackReason: null });
    expect(engine.knowledge.status().reranker).toBeNull();
  });

  it('orders the hits by the model’s scores, which it carries as scores.rerank', async () => {
    const features = await engine.knowledge.search(QUERY, { limit: 5 });
    engine.knowledge.attachReranker(crossEncoder);
    const result = await engine.knowledge.search(QUERY, { limit: 5 });
    expect(result.reranker).toEqual({ kind: 'cross-encoder', id: 'cross-encoder:test/tiny-cross-encoder', fallbackReason: null });
    expect(engine.knowledge.status().reranker).toBe('cross-encoder:test/tiny-cross-encoder');
    expect(result.hits).toHaveLength(5);
    // The same passages scored directly: the search's order and scores are the model's.
    const direct = await crossEncoder.score(QUERY, result.hits.map((h) => `${h.citation.section || h.citation.documentTitle}\n${h.text}`));
    result.hits.forEach((hit, i) => {
      expect(hit.score).toBeCloseTo(direct[i]!, 6);
      expect(hit.scores.rerank).toBe(hit.score);
    });
    const scores = result.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // And it is a different order from the feature reranker's, so the model did change something.
    expect(result.hits.map((h) => h.chunkId)).not.toEqual(features.hits.map((h) => h.chunkId));
  });

  it('falls back to the feature reranker when the model fails, and records why', async () => {
    const features = await (async () => {
      engine.knowledge.attachReranker(null);
      return engine.knowledge.search(QUERY, { limit: 3 });
    })();
    engine.knowledge.attachReranker(failing('cross-encoder:broken', async () => Promise.reject(new Error('ONNX session crashed'))));
    const result = await engine.knowledge.search(QUERY, { limit: 3 });
    expect(result.reranker).toEqual({ kind: 'features', id: null, fallbackReason: 'cross-encoder:broken: ONNX session crashed' });
    expect(result.hits.map((h) => [h.chunkId, h.score])).toEqual(features.hits.map((h) => [h.chunkId, h.score]));
  });

  it('falls back when the model returns the wrong number of scores', async () => {
    engine.knowledge.attachReranker(failing('cross-encoder:short', async () => [0.5]));
    const result = await engine.knowledge.search(QUERY, { limit: 3 });
    expect(result.reranker?.kind).toBe('features');
    expect(result.reranker?.fallbackReason).toMatch(/returned 1 scores for 5 passages/);
  });

  it('falls back after the timeout, cancels the model’s request, and tries the model again next time', async () => {
    let aborted: unknown = null;
    let calls = 0;
    const slow = failing('cross-encoder:slow', (_query, _passages, options) => {
      calls++;
      return new Promise<number[]>((_, reject) => {
        options?.signal?.addEventListener('abort', () => {
          aborted = options.signal?.reason;
          reject(options.signal?.reason);
        });
      });
    });
    engine.knowledge.attachReranker(slow, { timeoutMs: 50 });
    const started = performance.now();
    const result = await engine.knowledge.search(QUERY, { limit: 3 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.reranker?.kind).toBe('features');
    expect(result.reranker?.fallbackReason).toBe('cross-encoder:slow: the cross-encoder took longer than 50 ms');
    expect(String(aborted)).toMatch(/longer than 50 ms/);
    await engine.knowledge.search(QUERY, { limit: 3 });
    expect(calls).toBe(2); // a fallback result is not remembered
  });

  it('rerank: false keeps the fused order and does not call the model', async () => {
    let calls = 0;
    engine.knowledge.attachReranker(failing('cross-encoder:counted', async (_q, passages) => (calls++, passages.map(() => 0.5))));
    const result = await engine.knowledge.search(QUERY, { limit: 3, rerank: false });
    expect(calls).toBe(0);
    expect(result.reranker).toEqual({ kind: 'fused', id: null, fallbackReason: null });
  });
});
