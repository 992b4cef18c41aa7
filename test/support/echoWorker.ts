import { parentPort } from 'node:worker_threads';

/**
 * A stand-in model worker for WorkerClient tests. init: 'ready' (or 'error' when asked to fail);
 * 'echo': two 'progress' messages then 'echoed' with the text after `delayMs`; 'cancel': remembered;
 * 'cancels': how many cancels arrived; 'crash': the thread exits with code 3.
 */
const port = parentPort!;
const cancelled: number[] = [];

port.on('message', (message: { type: string; id: number; text?: string; delayMs?: number; fail?: boolean }) => {
  switch (message.type) {
    case 'init':
      port.postMessage(message.fail ? { type: 'error', id: 0, message: 'no model here' } : { type: 'ready', id: 0 });
      return;
    case 'echo':
      port.postMessage({ type: 'progress', id: message.id, done: 1 });
      port.postMessage({ type: 'progress', id: message.id, done: 2 });
      setTimeout(() => port.postMessage({ type: 'echoed', id: message.id, text: message.text }), message.delayMs ?? 0);
      return;
    case 'cancel':
      cancelled.push(message.id);
      return;
    case 'cancels':
      port.postMessage({ type: 'cancels', id: message.id, ids: cancelled });
      return;
    case 'crash':
      process.exit(3);
  }
});
