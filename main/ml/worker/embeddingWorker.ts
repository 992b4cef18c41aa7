import { parentPort } from 'node:worker_threads';
import { loadBackend, type EmbeddingBackend } from './embeddingBackends.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

/**
 * Runs one embedding model off the main thread. Batches are split into small slices so that a
 * cancellation or a progress report is never more than one slice away.
 */
const SLICE = 16;
const port = parentPort;
if (!port) throw new Error('embeddingWorker must run in a worker thread');

let backend: EmbeddingBackend | null = null;
const cancelled = new Set<number>();
let queue: Promise<void> = Promise.resolve();

const send = (message: WorkerResponse): void => port.postMessage(message);

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  // One request at a time: the model is not re-entrant and the two cores are shared anyway.
  queue = queue.then(() => handle(request)).catch(() => undefined);
});

async function handle(request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<void> {
  try {
    if (request.type === 'init') {
      backend = await loadBackend(request.backend);
      const [probe] = await backend.embedBatch(['dimension probe']);
      if (!probe) throw new Error('the model returned no vector for a probe sentence');
      send({ type: 'ready', id: request.id, modelId: backend.modelId, dimension: probe.length });
      return;
    }
    if (!backend) throw new Error('the embedding model is not loaded');
    const texts = request.texts;
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += SLICE) {
      // The model computes synchronously; yielding a macrotask lets a queued 'cancel' message arrive.
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelled.delete(request.id)) {
        send({ type: 'error', id: request.id, message: 'embedding cancelled', cancelled: true });
        return;
      }
      const slice = texts.slice(start, start + SLICE);
      const out = await backend.embedBatch(slice);
      if (out.length !== slice.length) {
        throw new Error(`the model returned ${out.length} vectors for ${slice.length} texts`);
      }
      vectors.push(...out);
      if (texts.length > SLICE) send({ type: 'progress', id: request.id, done: vectors.length, total: texts.length });
    }
    cancelled.delete(request.id);
    send({ type: 'result', id: request.id, vectors });
  } catch (error) {
    send({ type: 'error', id: request.id, message: (error as Error).message ?? String(error) });
  }
}
