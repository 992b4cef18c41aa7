import { describe, expect, it } from 'vitest';
import { CachedEmbedder } from '../../../main/ml/cachedEmbedder.js';
import type { EmbedOptions, Embedder } from '../../../main/ml/embedder.js';

interface Call {
  readonly texts: readonly string[];
  readonly options: EmbedOptions | undefined;
  resolve(): void;
  reject(error: Error): void;
}

/** An inner embedder whose requests finish only when the test says so; it records every call. */
class ControlledEmbedder implements Embedder {
  readonly id = 'fake';
  readonly dimension = 2;
  readonly calls: Call[] = [];

  /** honoursAbort false: an embedder that answers even after its request was cancelled. */
  constructor(private readonly honoursAbort = true) {}

  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]> {
    return new Promise((resolve, reject) => {
      const call: Call = {
        texts: [...texts],
        options,
        resolve: () => resolve(texts.map((text) => vectorOf(text))),
        reject,
      };
      if (this.honoursAbort) options?.signal?.addEventListener('abort', () => reject(options.signal!.reason as Error), { once: true });
      this.calls.push(call);
    });
  }

  async close(): Promise<void> {}
}

/** A distinct vector per text, so a result can be traced back to the text it was computed for. */
const vectorOf = (text: string): Float32Array => Float32Array.from([text.length, text.charCodeAt(0)]);
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('CachedEmbedder in-flight sharing', () => {
  it('sends one request for two concurrent calls asking for the same text, and both get its vector', async () => {
    const inner = new ControlledEmbedder();
    const cached = new CachedEmbedder(inner);
    const first = cached.embed(['where is my order']);
    const second = cached.embed(['where is my order']);
    expect(inner.calls).toHaveLength(1);
    inner.calls[0]!.resolve();
    const [[a], [b]] = await Promise.all([first, second]);
    expect(a).toEqual(vectorOf('where is my order'));
    expect(b).toBe(a);
    // Finished: later calls are served from the cache without a request.
    const [c] = await cached.embed(['where is my order']);
    expect(c).toBe(a);
    expect(inner.calls).toHaveLength(1);
  });

  it('asks only for the texts not already on their way, and returns every vector in input order', async () => {
    const inner = new ControlledEmbedder();
    const cached = new CachedEmbedder(inner);
    const first = cached.embed(['refund', 'shipping']);
    const second = cached.embed(['shipping', 'password', 'refund', 'password']);
    expect(inner.calls.map((call) => call.texts)).toEqual([['refund', 'shipping'], ['password']]);
    inner.calls[1]!.resolve();
    inner.calls[0]!.resolve();
    expect(await first).toEqual([vectorOf('refund'), vectorOf('shipping')]);
    expect(await second).toEqual([vectorOf('shipping'), vectorOf('password'), vectorOf('refund'), vectorOf('password')]);
  });

  it('gives a failed request to everyone waiting on it, caches nothing, and asks again next time', async () => {
    const inner = new ControlledEmbedder();
    const cached = new CachedEmbedder(inner);
    const first = cached.embed(['reset my password']);
    const second = cached.embed(['reset my password']);
    inner.calls[0]!.reject(new Error('the embedding worker stopped'));
    await expect(first).rejects.toThrow('the embedding worker stopped');
    await expect(second).rejects.toThrow('the embedding worker stopped');
    const third = cached.embed(['reset my password']);
    expect(inner.calls).toHaveLength(2);
    inner.calls[1]!.resolve();
    expect(await third).toEqual([vectorOf('reset my password')]);
  });

  it("does not cancel the shared request when one caller aborts: the other caller's wait goes on", async () => {
    const inner = new ControlledEmbedder();
    const cached = new CachedEmbedder(inner);
    const controller = new AbortController();
    const early = cached.embed(['card charged twice'], { signal: controller.signal });
    const later = cached.embed(['card charged twice']);
    controller.abort(new Error('conversation closed'));
    await expect(early).rejects.toThrow('conversation closed');
    expect(inner.calls).toHaveLength(1);
    expect(inner.calls[0]!.options?.signal?.aborted).toBe(false);
    inner.calls[0]!.resolve();
    expect(await later).toEqual([vectorOf('card charged twice')]);
  });

  it('a caller that joins a request started by a caller with a signal is not cancelled by that signal', async () => {
    const inner = new ControlledEmbedder();
    const cached = new CachedEmbedder(inner);
    const controller = new AbortController();
    const later = cached.embed(['late delivery'], { signal: controller.signal });
    const early = cached.embed(['late delivery']);
    controller.abort(new Error('search timed out'));
    await expect(later).rejects.toThrow('search timed out');
    inner.calls[0]!.resolve();
    expect(await early).toEqual([vectorOf('late delivery')]);
  });

  it('cancels the request once every caller waiting on it has aborted, and does not hand it to later callers', async () => {
    const inner = new ControlledEmbedder();
    const cached = new CachedEmbedder(inner);
    const one = new AbortController();
    const two = new AbortController();
    const a = cached.embed(['cancel my subscription'], { signal: one.signal });
    const b = cached.embed(['cancel my subscription'], { signal: two.signal });
    one.abort(new Error('first gave up'));
    expect(inner.calls[0]!.options?.signal?.aborted).toBe(false);
    two.abort(new Error('second gave up'));
    expect(inner.calls[0]!.options?.signal?.aborted).toBe(true);
    await expect(a).rejects.toThrow('first gave up');
    await expect(b).rejects.toThrow('second gave up');
    await flush();
    const c = cached.embed(['cancel my subscription']);
    expect(inner.calls).toHaveLength(2);
    inner.calls[1]!.resolve();
    expect(await c).toEqual([vectorOf('cancel my subscription')]);
  });

  it('does not cache the vectors of a request that was cancelled, even if the embedder answers anyway', async () => {
    const inner = new ControlledEmbedder(false);
    const cached = new CachedEmbedder(inner);
    const controller = new AbortController();
    const pending = cached.embed(['gift card'], { signal: controller.signal });
    const call = inner.calls[0]!;
    controller.abort(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
    call.resolve();
    await flush();
    const again = cached.embed(['gift card']);
    expect(inner.calls).toHaveLength(2);
    inner.calls[1]!.resolve();
    await again;
  });

  it('rejects at once without a request when the signal is already aborted', async () => {
    const inner = new ControlledEmbedder();
    const cached = new CachedEmbedder(inner);
    await expect(cached.embed(['hello'], { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
    expect(inner.calls).toHaveLength(0);
  });

  it('rejects a wrong vector count from the inner embedder for every caller', async () => {
    const inner: Embedder = {
      id: 'short',
      dimension: 2,
      embed: async () => [Float32Array.from([1, 0])],
      close: async () => {},
    };
    const cached = new CachedEmbedder(inner);
    const a = cached.embed(['one', 'two']);
    const b = cached.embed(['two']);
    await expect(a).rejects.toThrow('Embedder returned 1 vectors for 2 texts.');
    await expect(b).rejects.toThrow('Embedder returned 1 vectors for 2 texts.');
  });

  it('passes bulk requests straight through: not shared, not cached', async () => {
    const inner = new ControlledEmbedder();
    const cached = new CachedEmbedder(inner);
    const a = cached.embed(['policy text'], { priority: 'bulk' });
    const b = cached.embed(['policy text'], { priority: 'bulk' });
    expect(inner.calls).toHaveLength(2);
    expect(inner.calls[0]!.options?.priority).toBe('bulk');
    inner.calls.forEach((call) => call.resolve());
    await Promise.all([a, b]);
    const c = cached.embed(['policy text']);
    expect(inner.calls).toHaveLength(3);
    inner.calls[2]!.resolve();
    await c;
  });

  it('keeps at most `capacity` vectors, dropping the least recently used', async () => {
    const inner = new ControlledEmbedder();
    const cached = new CachedEmbedder(inner, 2);
    const ask = async (text: string): Promise<void> => {
      const pending = cached.embed([text]);
      inner.calls.at(-1)!.resolve();
      await pending;
    };
    await ask('a');
    await ask('b');
    await cached.embed(['a']); // touch: 'b' is now the oldest
    await ask('c');
    expect(inner.calls).toHaveLength(3);
    await cached.embed(['a']);
    expect(inner.calls).toHaveLength(3);
    const b = cached.embed(['b']);
    expect(inner.calls).toHaveLength(4);
    inner.calls[3]!.resolve();
    await b;
  });
});
