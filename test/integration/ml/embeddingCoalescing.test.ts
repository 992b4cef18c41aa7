import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerEmbedder } from '../../../main/ml/workerEmbedder.js';
import { writeTinyOnnxModel } from '../../support/tinyOnnxModel.js';
import { tempDir } from '../../support/tempDir.js';

let builtin: WorkerEmbedder;

beforeAll(async () => {
  builtin = await WorkerEmbedder.start({ kind: 'builtin' }, 'builtin:');
});

afterAll(async () => {
  await builtin?.close();
});

const messages = Array.from({ length: 12 }, (_, i) => `customer message ${i}: where is my order ${'#W' + (1000 + i * 37)}?`);
const maxDifference = (a: Float32Array, b: Float32Array): number => a.reduce((max, x, i) => Math.max(max, Math.abs(x - b[i]!)), 0);

describe('embedding worker coalescing of waiting interactive requests', () => {
  it('warms the model up in the bulk lane after it reports ready, without answering anyone', async () => {
    const fresh = await WorkerEmbedder.start({ kind: 'builtin' }, 'builtin:');
    try {
      const [vector] = await fresh.embed(['first customer message']);
      expect(vector).toHaveLength(512);
      let stats = await fresh.stats();
      for (let i = 0; i < 100 && stats.bulk.items < 8; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stats = await fresh.stats();
      }
      expect(stats.bulk.items).toBe(8);
      expect(stats.interactive.items).toBe(1);
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('embeds single-text requests that wait together in fewer model calls, each getting the vector it gets alone', async () => {
    const alone: Float32Array[] = [];
    for (const text of messages) alone.push((await builtin.embed([text]))[0]!);
    const before = await builtin.stats();
    // A bulk slice keeps the model busy while the conversations' messages arrive.
    const ingest = builtin.embed(messages.map((text) => `policy ${text}`), { priority: 'bulk' });
    const together = await Promise.all(messages.map((text) => builtin.embed([text])));
    await ingest;
    const after = await builtin.stats();
    const calls = after.interactive.calls - before.interactive.calls;
    expect(after.interactive.items - before.interactive.items).toBe(messages.length);
    expect(calls).toBeLessThanOrEqual(3);
    together.forEach(([vector], i) => expect(maxDifference(vector!, alone[i]!)).toBeLessThan(1e-5));
  }, 60_000);

  it('still answers each request on its own: an aborted one rejects, the others resolve', async () => {
    const controller = new AbortController();
    const ingest = builtin.embed(messages.map((text) => `catalogue ${text}`), { priority: 'bulk' });
    const kept = builtin.embed([messages[0]!]);
    const dropped = builtin.embed([messages[1]!], { signal: controller.signal });
    const alsoKept = builtin.embed([messages[2]!]);
    controller.abort(new Error('conversation closed'));
    await expect(dropped).rejects.toThrow('conversation closed');
    expect(await kept).toHaveLength(1);
    expect(await alsoKept).toHaveLength(1);
    await ingest;
  }, 60_000);

  it('does not coalesce for a model whose vectors depend on their batch (a quantized transformers model)', async () => {
    const model = writeTinyOnnxModel(tempDir('tandem-coalesce-model', { scope: 'file' }), { dimension: 8 });
    const embedder = await WorkerEmbedder.start({ kind: 'transformers', modelDir: model.modelDir, modelId: model.modelId }, 'transformers:');
    try {
      const before = await embedder.stats();
      await Promise.all(['refund', 'order', 'password reset', 'late package'].map((text) => embedder.embed([text])));
      const after = await embedder.stats();
      expect(after.interactive.calls - before.interactive.calls).toBe(4);
    } finally {
      await embedder.close();
    }
  }, 60_000);
});
