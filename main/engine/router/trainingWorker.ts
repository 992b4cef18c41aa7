import { parentPort } from 'node:worker_threads';
import { trainIntentModel, type IntentModel, type TrainingInput } from './intentModel.js';

/** Worker-thread side of training: one request in, progress messages, one model (or error) out. */
export type TrainingWorkerRequest = Omit<TrainingInput, 'onProgress'>;
export type TrainingWorkerMessage =
  | { readonly type: 'progress'; readonly stage: string; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly model: IntentModel }
  | { readonly type: 'error'; readonly message: string };

parentPort?.once('message', (request: TrainingWorkerRequest) => {
  try {
    const model = trainIntentModel({
      ...request,
      onProgress: (stage, done, total) => parentPort!.postMessage({ type: 'progress', stage, done, total } satisfies TrainingWorkerMessage),
    });
    parentPort!.postMessage({ type: 'done', model } satisfies TrainingWorkerMessage);
  } catch (error) {
    parentPort!.postMessage({ type: 'error', message: (error as Error).message } satisfies TrainingWorkerMessage);
  }
});
