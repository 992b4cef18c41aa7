import { parentPort } from 'node:worker_threads';
import { loadBackend, type EmbeddingBackend } from './embeddingBackends.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

/**
 * Runs one embedding model off the main thread, one slice of texts at a time (the model is not
 * re-entrant and the two cores are shared anyway). Two lanes: interactive requests (a customer
 * message, a search) are served before bulk ones (ingest, re-index), and a bulk request is cut into
 * small slices with a yield between them, so a query that arrives during an ingest waits for at most
 * one bulk slice. Between slices a queued 'cancel' message can arrive too.
 */
const SLICE = { interactive: 16, bulk: 8 } as const;
const port = parentPort;
if (!port) throw new Error('embeddingWorker must run in a worker thread');

interface Job {
  readonly id: number;
  readonly texts: readonly string[];
  readonly lane: keyof typeof SLICE;
  readonly vectors: Float32Array[];
}

let backend: EmbeddingBackend | null = null;
let initialised: Promise<void> = Promise.resolve();
const lanes: Record<keyof typeof SLICE, Job[]> = { interactive: [], bulk: [] };
const cancelled = new Set<number>();
let pumping = false;

const send = (message: WorkerResponse): void => port.postMessage(message);

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  if (request.type === 'init') {
    initialised = initialised.then(() => init(request.id, request.backend));
    return;
  }
  const lane = request.priority === 'bulk' ? 'bulk' : 'interactive';
  lanes[lane].push({ id: request.id, texts: request.texts, lane, vectors: [] });
  void pump();
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

/** Works through the lanes slice by slice until both are empty; only one pump runs at a time. */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    await initialised;
    for (;;) {
      // The model computes synchronously; yielding a macrotask lets queued messages (a new
      // interactive request, a cancel) arrive before the next slice is chosen.
      await new Promise((resolve) => setImmediate(resolve));
      const job = lanes.interactive[0] ?? lanes.bulk[0];
      if (!job) return;
      const finish = (message: WorkerResponse): void => {
        lanes[job.lane].shift();
        cancelled.delete(job.id);
        send(message);
      };
      if (cancelled.has(job.id)) {
        finish({ type: 'error', id: job.id, message: 'embedding cancelled', cancelled: true });
        continue;
      }
      try {
        if (!backend) throw new Error('the embedding model is not loaded');
        const slice = job.texts.slice(job.vectors.length, job.vectors.length + SLICE[job.lane]);
        const out = await backend.embedBatch(slice);
        if (out.length !== slice.length) throw new Error(`the model returned ${out.length} vectors for ${slice.length} texts`);
        job.vectors.push(...out);
      } catch (error) {
        finish({ type: 'error', id: job.id, message: (error as Error).message ?? String(error) });
        continue;
      }
      if (job.vectors.length >= job.texts.length) finish({ type: 'result', id: job.id, vectors: job.vectors });
      else send({ type: 'progress', id: job.id, done: job.vectors.length, total: job.texts.length });
    }
  } finally {
    pumping = false;
  }
}
