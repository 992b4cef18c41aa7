/**
 * A cross-encoder: reads the query and one passage together and says how well the passage answers
 * the query. Slower than comparing embeddings, so it only reorders the few candidates retrieval found.
 * Higher is better; scores are on 0..1 (sigmoid of one logit, or the "relevant" class of two).
 */
export interface Reranker {
  readonly id: string;
  /** One score per passage, in passage order. Rejects when aborted. */
  score(query: string, passages: readonly string[], options?: { readonly signal?: AbortSignal }): Promise<number[]>;
  close(): Promise<void>;
}
