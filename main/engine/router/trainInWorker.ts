import { startSiblingWorker } from '../../ml/worker/startWorker.js';
import type { IntentModel } from './intentModel.js';
import type { TrainingWorkerMessage, TrainingWorkerRequest } from './trainingWorker.js';

/**
 * Trains off the main thread, so the UI and the routing of other messages never wait on it.
 * One short-lived worker per training run: an abort terminates it and nothing half-trained escapes.
 */
export function trainInWorker(
  request: TrainingWorkerRequest,
  options: { signal?: AbortSignal; onProgress?: (stage: string, done: number, total: number) => void } = {},
): Promise<IntentModel> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new Error('Training was cancelled.'));
    const worker = startSiblingWorker(import.meta.url, 'trainingWorker');
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      action();
    };
    const onAbort = (): void => finish(() => reject(new Error('Training was cancelled.')));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: TrainingWorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.stage, message.done, message.total);
      else if (message.type === 'done') finish(() => resolve(message.model));
      else finish(() => reject(new Error(message.message)));
    });
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`The training worker stopped (exit code ${code}).`))));
    worker.postMessage(request);
  });
}
