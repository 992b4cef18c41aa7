import { describe, expect, it } from 'vitest';
import { WorkerClient } from '../../../main/ml/workerClient.js';

type Request =
  | { type: 'init'; id: number; fail?: boolean }
  | { type: 'echo'; id: number; text: string; delayMs?: number }
  | { type: 'cancel'; id: number }
  | { type: 'cancels'; id: number }
  | { type: 'crash'; id: number };
type Response =
  | { type: 'ready'; id: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'progress'; id: number; done: number }
  | { type: 'echoed'; id: number; text: string }
  | { type: 'cancels'; id: number; ids: number[] };

const start = (fail = false): Promise<{ client: WorkerClient<Request, Response> }> =>
  WorkerClient.start<Request, Response>({
    callerUrl: import.meta.url,
    baseName: '../../support/echoWorker',
    init: { type: 'init', id: 0, fail },
    names: { worker: 'echo worker', client: 'echo client', cancelled: 'echo cancelled' },
    cancel: (id) => ({ type: 'cancel', id }),
  });

describe('WorkerClient (request ids, updates, cancellation, worker failure)', () => {
  it('answers each request with the final message for its id and passes updates on', async () => {
    const { client } = await start();
    try {
      const updates: number[] = [];
      const [a, b] = await Promise.all([
        client.request((id) => ({ type: 'echo', id, text: 'first', delayMs: 30 }), {
          isUpdate: (m) => m.type === 'progress',
          onUpdate: (m) => m.type === 'progress' && updates.push(m.done),
        }),
        client.request((id) => ({ type: 'echo', id, text: 'second' }), { isUpdate: (m) => m.type === 'progress' }),
      ]);
      expect(a).toMatchObject({ type: 'echoed', text: 'first' });
      expect(b).toMatchObject({ type: 'echoed', text: 'second' });
      expect(updates).toEqual([1, 2]);
    } finally {
      await client.close();
    }
  });

  it("rejects an aborted caller at once with the signal's reason and tells the worker to drop the request", async () => {
    const { client } = await start();
    try {
      const controller = new AbortController();
      const pending = client.request((id) => ({ type: 'echo', id, text: 'slow', delayMs: 5_000 }), { signal: controller.signal, isUpdate: (m) => m.type === 'progress' });
      controller.abort(new Error('search timed out'));
      await expect(pending).rejects.toThrow('search timed out');
      const answer = await client.request((id) => ({ type: 'cancels', id }));
      expect(answer).toMatchObject({ type: 'cancels', ids: [1] });
      await expect(client.request((id) => ({ type: 'echo', id, text: 'x' }), { signal: AbortSignal.abort() })).rejects.toThrow();
    } finally {
      await client.close();
    }
  });

  it('fails every waiting caller when the worker stops, naming the exit code', async () => {
    const { client } = await start();
    try {
      const waiting = client.request((id) => ({ type: 'echo', id, text: 'never', delayMs: 5_000 }), { isUpdate: (m) => m.type === 'progress' });
      void client.request((id) => ({ type: 'crash', id })).catch(() => {});
      await expect(waiting).rejects.toThrow('the echo worker stopped (exit code 3)');
    } finally {
      await client.close();
    }
  });

  it('fails waiting callers on close and refuses requests afterwards', async () => {
    const { client } = await start();
    const waiting = client.request((id) => ({ type: 'echo', id, text: 'never', delayMs: 5_000 }), { isUpdate: (m) => m.type === 'progress' });
    const outcome = expect(waiting).rejects.toThrow('the echo client was closed');
    await client.close();
    await outcome;
    await expect(client.request((id) => ({ type: 'echo', id, text: 'late' }))).rejects.toThrow('the echo client is closed');
    expect(client.closed).toBe(true);
  });

  it("rejects start with the worker's own error when the model does not load", async () => {
    await expect(start(true)).rejects.toThrow('no model here');
  });
});
