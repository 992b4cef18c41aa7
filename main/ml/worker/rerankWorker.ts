import { parentPort } from 'node:worker_threads';
import { loadCrossEncoder, type CrossEncoderBackend } from './crossEncoderBackend.js';
import type { RerankRequest, RerankResponse } from './rerankProtocol.js';

/**
 * Runs one cross-encoder off the main thread. It has its own thread rather than a lane in the
 * embedding worker: every rerank is interactive (a person is waiting for a search), so it must never
 * queue behind an ingest's bulk embedding slices. Requests are served in order, a few pairs at a
 * time, with a yield between slices so a 'cancel' (a search that timed out) stops the rest.
 */
const SLICE = 8;
const port = parentPort;
if (!port) throw new Error('rerankWorker must run in a worker thread');

interface Job {
  readonly id: number;
  readonly query: string;
  readonly passages: readonly string[];
  readonly scores: number[];
}

let backend: CrossEncoderBackend | null = null;
let initialised: Promise<void> = Promise.resolve();
const queue: Job[] = [];
const cancelled = new Set<number>();
let pumping = false;

const send = (message: RerankResponse): void => port.postMessage(message);

port.on('message', (request: RerankRequest) => {
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  if (request.type === 'init') {
    initialised = initialised.then(() => init(request.id, request.model));
    return;
  }
  queue.push({ id: request.id, query: request.query, passages: request.passages, scores: [] });
  void pump();
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

async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    await initialised;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const job = queue[0];
      if (!job) return;
      const finish = (message: RerankResponse): void => {
        queue.shift();
        cancelled.delete(job.id);
        send(message);
      };
      if (cancelled.has(job.id)) {
        finish({ type: 'error', id: job.id, message: 'reranking cancelled', cancelled: true });
        continue;
      }
      try {
        if (!backend) throw new Error('the reranker model is not loaded');
        const slice = job.passages.slice(job.scores.length, job.scores.length + SLICE);
        const out = await backend.scorePairs(job.query, slice);
        if (out.length !== slice.length) throw new Error(`the model returned ${out.length} scores for ${slice.length} passages`);
        job.scores.push(...out);
      } catch (error) {
        finish({ type: 'error', id: job.id, message: (error as Error).message ?? String(error) });
        continue;
      }
      if (job.scores.length >= job.passages.length) finish({ type: 'scores', id: job.id, scores: job.scores });
    }
  } finally {
    pumping = false;
  }
}
