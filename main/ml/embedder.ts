/**
 * Who waits for the vectors. 'interactive' (the default): a person is waiting — a customer message, a
 * search box. 'bulk': ingest and re-indexing. Workers serve interactive requests first, so a query
 * never waits behind a long ingest batch (at most behind the one small slice already running).
 */
export type EmbedPriority = 'interactive' | 'bulk';

export interface EmbedOptions {
  readonly signal?: AbortSignal;
  readonly priority?: EmbedPriority;
}

/**
 * A sentence embedder. Implementations run their model in a worker thread; callers only await vectors.
 * `id` and `dimension` are stored with every vector so that a model change is detected and re-indexed.
 */
export interface Embedder {
  readonly id: string;
  readonly dimension: number;
  /** One unit-length vector per input, in input order. Empty or whitespace inputs get a zero vector. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
  close(): Promise<void>;
}
