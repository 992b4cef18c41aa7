import { describe, expect, it } from 'vitest';
import { decodeIntentModel, encodeIntentModel } from '../../../../main/engine/router/modelCodec.js';
import { predictIntent } from '../../../../main/engine/router/intentModel.js';
import { trainInWorker } from '../../../../main/engine/router/trainInWorker.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';

const DATA: [string, string][] = [
  ...['where is my parcel', 'track my package', 'when will my parcel arrive', 'package tracking update', 'has my parcel shipped', 'parcel delivery date'].map(
    (t): [string, string] => [t, 'order_status'],
  ),
  ...['refund my money', 'i want a refund', 'money back please', 'refund the charge', 'return for a refund', 'give me my money back'].map(
    (t): [string, string] => [t, 'refund_request'],
  ),
  ...['hello', 'thanks bye', 'what is the weather', 'tell me a joke', 'good morning', 'who are you'].map((t): [string, string] => [t, 'other']),
];

describe('training in a worker thread', () => {
  it('returns a calibrated model that survives storage as a blob', async () => {
    const embedder = hashEmbedder({ dimension: 64 });
    const texts = DATA.map(([t]) => t);
    const vectors = await embedder.embed(texts);
    const progress: string[] = [];
    const model = await trainInWorker(
      { texts, vectors, labels: DATA.map(([, l]) => l), fallbackLabel: 'other', embedderId: embedder.id },
      { onProgress: (stage) => progress.push(stage) },
    );
    expect(progress).toContain('training');
    expect(model.labels).toEqual(['order_status', 'other', 'refund_request']);
    expect(model.temperature).toBeGreaterThan(0);
    const restored = decodeIntentModel(encodeIntentModel(model));
    const [query] = await embedder.embed(['i want my money back']);
    const a = predictIntent(model, 'i want my money back', query!);
    const b = predictIntent(restored, 'i want my money back', query!);
    expect(b).toEqual(a);
    expect(a.ranked[0]!.intent).toBe('refund_request');
  });

  it('can be cancelled, and reports a training error instead of crashing', async () => {
    const controller = new AbortController();
    const pending = trainInWorker({ texts: ['a', 'b'], vectors: [new Float32Array(2), new Float32Array(2)], labels: ['x', 'y'], fallbackLabel: 'x', embedderId: 't' }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow(/cancelled/);
    await expect(
      trainInWorker({ texts: ['a'], vectors: [new Float32Array(2)], labels: ['x'], fallbackLabel: 'x', embedderId: 't' }),
    ).rejects.toThrow(/At least two intents/);
  });
});
