import { parentPort } from 'node:worker_threads';
import { loadBackend, type EmbeddingBackend } from './embeddingBackends.js';
import { LaneQueue, type LaneJob } from './laneQueue.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

/**
 * Runs one embedding model off the main thread (see LaneQueue for the lanes, slices and coalescing).
 * Slices: 16 texts for interactive requests (up to 4 waiting customer messages share one model call),
 * 8 for bulk ones (a query arriving during an ingest waits for at most one bulk slice).
 */
const SLICE = { interactive: 16, bulk: 8 } as const;
/**
 * Most texts in a call shared by separate waiting requests. A shared call answers all of its requests
 * when it ends, so a large one holds back the first of them and everything arriving meanwhile.
 * Measured on USE lite: ≈ 4 ms per call plus ≈ 0.4 ms per token per text (≈ 10 ms for one 15-token
 * message). A backlog of 16 messages is then answered at 10, 20 … 160 ms one by one (mean 85),
 * all at ≈ 100 ms in one call (mean 100), and at 28, 56, 84, 112 ms in calls of 4 (mean 70), each
 * call short enough that a message arriving during it waits at most ≈ 28 ms.
 */
const SHARED_CALL_TEXTS = 4;
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
    coalesce: (lane) => (coalescing && lane === 'interactive' && backend?.batchInvariant === true ? SHARED_CALL_TEXTS : 0),
    run: async (parts) => {
      if (!backend) throw new Error('the embedding model is not loaded');
      const texts = parts.flatMap((part) => part.items);
      const vectors = await backend.embedBatch(texts);
      if (vectors.length !== texts.length) throw new Error(`the model returned ${vectors.length} vectors for ${texts.length} texts`);
      let offset = 0;
      return parts.map((part) => vectors.slice(offset, (offset += part.items.length)));
    },
    // Warm-up jobs (negative ids) have nobody to answer.
    done: (job: LaneJob<string, Float32Array>) => job.id > 0 && send({ type: 'result', id: job.id, vectors: job.outputs }),
    failed: (job, message, cancelled) => job.id > 0 && send({ type: 'error', id: job.id, message, ...(cancelled ? { cancelled } : {}) }),
    progress: (job) => job.id > 0 && send({ type: 'progress', id: job.id, done: job.outputs.length, total: job.items.length }),
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

/**
 * The first calls after loading run slower while the engine compiles its hot code (measured on USE
 * lite: first customer message ≈ 35 ms against ≈ 12 ms steady; 8 warm-up calls bring it to ≈ 12–24 ms).
 * A few short calls are queued in the bulk lane once the model reports ready, so they never delay a
 * real request by more than one of them.
 */
const WARM_UP = ['hello', 'where is my order, it should have arrived two days ago', 'refund', 'please help me reset the password on my account'];
function warmUp(): void {
  for (let i = 0; i < 8; i++) queue.submit({ id: -(i + 1), lane: 'bulk', items: [`${WARM_UP[i % WARM_UP.length]!} ${i}`], outputs: [], cancelled: false });
}

async function init(id: number, config: Extract<WorkerRequest, { type: 'init' }>['backend']): Promise<void> {
  try {
    backend = await loadBackend(config);
    const [probe] = await backend.embedBatch(['dimension probe']);
    if (!probe) throw new Error('the model returned no vector for a probe sentence');
    send({ type: 'ready', id, modelId: backend.modelId, dimension: probe.length });
    warmUp();
  } catch (error) {
    send({ type: 'error', id, message: (error as Error).message ?? String(error) });
  }
}
