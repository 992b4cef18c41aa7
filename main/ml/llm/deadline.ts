import { TandemError } from '../../engine/errors.js';
import type { ChatMessage, ChatModel, GenerateOptions, GenerateResult } from './chatModel.js';

/**
 * A generation with a wall-clock deadline that counts from the call, not from when the model's queue
 * reaches it: a structured call queued behind a long draft fails with E_MODEL_TIMEOUT on time (and
 * is dropped from the queue) instead of keeping the agent waiting.
 */
export async function generateWithin(model: ChatModel, messages: readonly ChatMessage[], deadlineMs: number, options: Omit<GenerateOptions, 'timeoutMs' | 'signal'>): Promise<GenerateResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TandemError('E_MODEL_TIMEOUT', `No answer within ${deadlineMs} ms.`));
    }, deadlineMs);
  });
  const run = model.generate(messages, { ...options, timeoutMs: deadlineMs, signal: controller.signal });
  run.catch(() => undefined); // settled after the deadline: nobody is waiting any more
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(timer);
  }
}
