import type { EmbedOptions, Embedder } from './embedder.js';

const DEFAULT_CAPACITY = 1024;

/** One request to the inner embedder that several callers may be waiting on. */
interface Flight {
  readonly vectors: Promise<Float32Array[]>;
  readonly texts: readonly string[];
  /** Aborts the inner request; used only once every caller waiting on it has given up. */
  readonly controller: AbortController;
  waiters: number;
  settled: boolean;
}

/**
 * Remembers the vectors of recent texts. One customer message is embedded by the router and again by
 * knowledge search; with this in front of the worker, the second costs nothing. A text that is still
 * being embedded is not sent twice: a later call joins the request already running (so the assist
 * pipeline can start a message's embedding early and the router's and search's calls wait on it).
 * A joined request is cancelled only when every caller waiting on it has aborted; a failed one is
 * forgotten, so the next call asks again.
 */
export class CachedEmbedder implements Embedder {
  private readonly cache = new Map<string, Float32Array>();
  private readonly inFlight = new Map<string, { flight: Flight; index: number }>();

  constructor(
    readonly inner: Embedder,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  get dimension(): number {
    return this.inner.dimension;
  }

  async embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]> {
    // Ingest text is embedded once and never asked for again: it would only push messages out.
    if (options?.priority === 'bulk') return this.inner.embed(texts, options);
    const signal = options?.signal;
    signal?.throwIfAborted();
    const found = new Map<string, Float32Array>();
    const joined = new Map<string, { flight: Flight; index: number }>();
    const missing: string[] = [];
    for (const text of new Set(texts)) {
      const vector = this.cache.get(text);
      if (vector) found.set(text, vector);
      else {
        const running = this.inFlight.get(text);
        if (running) joined.set(text, running);
        else missing.push(text);
      }
    }
    if (missing.length > 0) {
      const flight = this.launch(missing, options);
      missing.forEach((text, index) => joined.set(text, { flight, index }));
    }
    if (joined.size > 0) {
      const flights = [...new Set([...joined.values()].map((entry) => entry.flight))];
      const results = await this.wait(flights, signal);
      for (const [text, { flight, index }] of joined) found.set(text, results.get(flight)![index]!);
    }
    // Re-inserting moves an entry to the back of the Map's order: least recently used entries leave first.
    for (const [text, vector] of found) this.remember(text, vector);
    return texts.map((text) => found.get(text)!);
  }

  /** Sends texts nobody is waiting on yet to the inner embedder, detached from any one caller's signal. */
  private launch(texts: string[], options?: EmbedOptions): Flight {
    const controller = new AbortController();
    const vectors = this.inner.embed(texts, { priority: options?.priority, signal: controller.signal }).then((vectors) => {
      if (vectors.length !== texts.length) throw new Error(`Embedder returned ${vectors.length} vectors for ${texts.length} texts.`);
      return vectors;
    });
    const flight: Flight = { vectors, texts, controller, waiters: 0, settled: false };
    texts.forEach((text, index) => this.inFlight.set(text, { flight, index }));
    const land = (): void => {
      flight.settled = true;
      this.forget(flight);
    };
    vectors.then((result) => {
      // Cached even if its callers have gone: the text was asked for and is likely asked again.
      if (!controller.signal.aborted) texts.forEach((text, index) => this.remember(text, result[index]!));
      land();
    }, land);
    return flight;
  }

  /** Waits for every flight, or rejects at once when this caller's signal aborts (the flights go on for others). */
  private wait(flights: Flight[], signal: AbortSignal | undefined): Promise<Map<Flight, Float32Array[]>> {
    for (const flight of flights) flight.waiters++;
    let release = (): void => {
      release = () => {};
      for (const flight of flights) {
        flight.waiters--;
        if (flight.waiters === 0 && !flight.settled) {
          // Nobody else waits for it: stop the work, and never hand its texts to a later caller.
          this.forget(flight);
          flight.controller.abort(new Error('embedding cancelled'));
        }
      }
    };
    return new Promise<Map<Flight, Float32Array[]>>((resolve, reject) => {
      const onAbort = (): void => {
        release();
        reject(signal?.reason ?? new Error('embedding cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      Promise.all(flights.map((flight) => flight.vectors)).then(
        (all) => {
          signal?.removeEventListener('abort', onAbort);
          release();
          resolve(new Map(flights.map((flight, i) => [flight, all[i]!])));
        },
        (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          release();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private forget(flight: Flight): void {
    for (const text of flight.texts) {
      if (this.inFlight.get(text)?.flight === flight) this.inFlight.delete(text);
    }
  }

  private remember(text: string, vector: Float32Array): void {
    this.cache.delete(text);
    this.cache.set(text, vector);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
  }

  close(): Promise<void> {
    this.cache.clear();
    this.inFlight.clear();
    return this.inner.close();
  }
}
