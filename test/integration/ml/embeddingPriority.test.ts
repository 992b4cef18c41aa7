import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../../main/ml/embedder.js';
import { CachedEmbedder } from '../../../main/ml/cachedEmbedder.js';
import { createTransformersEmbedder } from '../../../main/ml/transformersEmbedder.js';
import { writeTinyOnnxModel } from '../../support/tinyOnnxModel.js';
import { tempDir } from '../../support/tempDir.js';

let embedder: Embedder;

beforeAll(async () => {
  const model = writeTinyOnnxModel(tempDir('tandem-priority-model', { scope: 'file' }), { dimension: 8 });
  embedder = await createTransformersEmbedder({ modelDir: model.modelDir, modelId: model.modelId });
}, 60_000);

afterAll(async () => {
  await embedder?.close();
});

const words = ['refund', 'order', 'shipping', 'package', 'delivered', 'late', 'password', 'reset', 'account', 'card'];
const bulkTexts = (n: number, salt: string): string[] => Array.from({ length: n }, (_, i) => `${words[i % 10]} ${words[(i * 7) % 10]} ${salt} ${i}`);

describe('embedding worker lanes', () => {
  it('serves a query sent during a long ingest batch before the batch, and both get the right vectors', async () => {
    const finished: string[] = [];
    const bulk = embedder.embed(bulkTexts(3000, 'policy'), { priority: 'bulk' }).then((v) => (finished.push('bulk'), v));
    const query = embedder.embed(['where is my order'], { priority: 'interactive' }).then((v) => (finished.push('query'), v));
    const [bulkVectors, [queryVector]] = await Promise.all([bulk, query]);
    expect(finished).toEqual(['query', 'bulk']);
    expect(bulkVectors).toHaveLength(3000);
    // Slicing and interleaving change nothing about the vectors themselves.
    const [alone] = await embedder.embed([bulkTexts(3000, 'policy')[2999]!]);
    expect(Array.from(bulkVectors[2999]!)).toEqual(Array.from(alone!));
    const [queryAgain] = await embedder.embed(['where is my order']);
    expect(Array.from(queryVector!)).toEqual(Array.from(queryAgain!));
  }, 120_000);

  it('keeps bulk requests in the order they were sent', async () => {
    const finished: number[] = [];
    await Promise.all([1, 2, 3].map((n) => embedder.embed(bulkTexts(40, `batch${n}`), { priority: 'bulk' }).then(() => finished.push(n))));
    expect(finished).toEqual([1, 2, 3]);
  });

  it('cancels a bulk request between slices without disturbing a query', async () => {
    const controller = new AbortController();
    const bulk = embedder.embed(bulkTexts(3000, 'cancelled'), { priority: 'bulk', signal: controller.signal });
    const query = embedder.embed(['reset my password']);
    controller.abort(new Error('stop'));
    await expect(bulk).rejects.toThrow('stop');
    expect(await query).toHaveLength(1);
  }, 60_000);

  it('does not let ingest text push customer messages out of the shared cache', async () => {
    const cached = new CachedEmbedder(embedder, 4);
    const [first] = await cached.embed(['my card was charged twice']);
    await cached.embed(bulkTexts(20, 'ingest'), { priority: 'bulk' });
    const [again] = await cached.embed(['my card was charged twice']);
    expect(again).toBe(first);
  });
});
