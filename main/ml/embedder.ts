/**
 * A sentence embedder. Implementations run their model in a worker thread; callers only await vectors.
 * `id` and `dimension` are stored with every vector so that a model change is detected and re-indexed.
 */
export interface Embedder {
  readonly id: string;
  readonly dimension: number;
  /** One unit-length vector per input, in input order. Empty or whitespace inputs get a zero vector. */
  embed(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
  close(): Promise<void>;
}
