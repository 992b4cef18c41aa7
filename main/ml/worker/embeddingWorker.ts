import { parentPort } from 'node:worker_threads';
import { loadBackend, type EmbeddingBackend } from './embeddingBackends.js';
import { LaneQueue, type LaneJob } from './laneQueue.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

/**
 * Runs one embedding model off the main thread (see LaneQueue for the lanes, slices and coalescing).
 * Slices: 16 texts for interactive requests (several waiting customer messages share one model call),
 * 8 for bulk ones (a query arriving during an ingest waits for at most one bulk slice).
 */
const SLICE = { interactive: 16, bulk: 8 } as const;
const port = parentPort;
if (!port) throw new Error('embeddingWorker must run in a worker thread');

let backend: EmbeddingBackend | null = null;
let initialised: Promise<void> = Promise.resolve();
let coalescing = true;

const send = (message: WorkerResponse): void => port.postMessage(message);

const queue = new LaneQueue<string, Float32Array>(
  {
    slice: SLICE,
    // Only where a text's vector does not depend on the texts batched with it.
    coalesce: (lane) => coalescing && lane === 'interactive' && backend?.batchInvariant === true,
    run: async (parts) => {
      if (!backend) throw new Error('the embedding model is not loaded');
      const texts = parts.flatMap((part) => part.items);
      const vectors = await backend.embedBatch(texts);
      if (vectors.length !== texts.length) throw new Error(`the model returned ${vectors.length} vectors for ${texts.length} texts`);
      let offset = 0;
      return parts.map((part) => vectors.slice(offset, (offset += part.items.length)));
    },
    done: (job: LaneJob<string, Float32Array>) => send({ type: 'result', id: job.id, vectors: job.outputs }),
    failed: (job, message, cancelled) => send({ type: 'error', id: job.id, message, ...(cancelled ? { cancelled } : {}) }),
    progress: (job) => send({ type: 'progress', id: job.id, done: job.outputs.length, total: job.items.length }),
  },
  'embedding cancelled',
);

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'cancel':
      queue.cancel(request.id);
      return;
    case 'init':
      coalescing = request.coalesce !== false;
      initialised = initialised.then(() => init(request.id, request.backend));
      queue.waitFor(initialised);
      return;
    case 'stats':
      send({ type: 'stats', id: request.id, lanes: queue.stats() });
      return;
    case 'embed': {
      const lane = request.priority === 'bulk' ? 'bulk' : 'interactive';
      queue.submit({ id: request.id, lane, items: request.texts, outputs: [], cancelled: false });
      return;
    }
  }
});

async function init(id: number, config: Extract<WorkerRequest, { type: 'init' }>['backend']): Promise<void> {
  try {
    backend = await loadBackend(config);
    const [probe] = await backend.embedBatch(['dimension probe']);
    if (!probe) throw new Error('the model returned no vector for a probe sentence');
    send({ type: 'ready', id, modelId: backend.modelId, dimension: probe.length });
  } catch (error) {
    send({ type: 'error', id, message: (error as Error).message ?? String(error) });
  }
}
