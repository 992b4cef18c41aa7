import { parentPort } from 'node:worker_threads';
import { loadCrossEncoder, type CrossEncoderBackend } from './crossEncoderBackend.js';
import { LaneQueue, type LaneJob } from './laneQueue.js';
import type { RerankRequest, RerankResponse } from './rerankProtocol.js';

/**
 * Runs one cross-encoder off the main thread. It has its own thread rather than a lane in the
 * embedding worker: every rerank is interactive (a person is waiting for a search), so it must never
 * queue behind an ingest's bulk embedding slices. Requests are served in order, a few pairs at a
 * time, with a yield between slices so a 'cancel' (a search that timed out) stops the rest. Requests
 * are never coalesced: each pairs its own query with its passages.
 */
const SLICE = 8;
const port = parentPort;
if (!port) throw new Error('rerankWorker must run in a worker thread');

interface RerankJob extends LaneJob<string, number> {
  readonly query: string;
}

let backend: CrossEncoderBackend | null = null;
let initialised: Promise<void> = Promise.resolve();

const send = (message: RerankResponse): void => port.postMessage(message);

const queue = new LaneQueue<string, number, RerankJob>(
  {
    slice: { interactive: SLICE, bulk: SLICE },
    coalesce: () => 0,
    run: async ([part]) => {
      if (!backend) throw new Error('the reranker model is not loaded');
      const scores = await backend.scorePairs(part!.job.query, part!.items);
      if (scores.length !== part!.items.length) throw new Error(`the model returned ${scores.length} scores for ${part!.items.length} passages`);
      return [scores];
    },
    done: (job) => send({ type: 'scores', id: job.id, scores: job.outputs }),
    failed: (job, message, cancelled) => send({ type: 'error', id: job.id, message, ...(cancelled ? { cancelled } : {}) }),
  },
  'reranking cancelled',
);

port.on('message', (request: RerankRequest) => {
  switch (request.type) {
    case 'cancel':
      queue.cancel(request.id);
      return;
    case 'init':
      initialised = initialised.then(() => init(request.id, request.model));
      queue.waitFor(initialised);
      return;
    case 'score':
      queue.submit({ id: request.id, lane: 'interactive', query: request.query, items: request.passages, outputs: [], cancelled: false });
      return;
  }
});

async function init(id: number, model: Extract<RerankRequest, { type: 'init' }>['model']): Promise<void> {
  try {
    backend = await loadCrossEncoder(model);
    const probe = await backend.scorePairs('probe question', ['probe passage']);
    if (probe.length !== 1 || !Number.isFinite(probe[0])) throw new Error('the model gave no score for a probe pair');
    send({ type: 'ready', id, modelId: backend.modelId, labels: backend.labels });
  } catch (error) {
    send({ type: 'error', id, message: (error as Error).message ?? String(error) });
  }
}
