/**
 * The feature-based reranker used when no cross-encoder model is installed. Each candidate gets a
 * weighted sum of features that are cheap and explainable:
 * - semantic similarity (cosine between query and chunk embeddings, 0..1),
 * - lexical relevance (BM25 score normalised by the best BM25 score among the candidates, 0..1),
 * - coverage: the share of query terms that appear in the chunk or its title/section path,
 * - agreement: 1 when both retrievers found the chunk (the fusion's strongest signal).
 * The weights were chosen on the development retrieval set and kept round so they cannot encode it.
 */
export interface RerankFeatures {
  readonly cosine: number | null;
  readonly bm25: number | null;
  readonly coverage: number;
  readonly fused: number;
}

export const RERANK_WEIGHTS = { cosine: 0.5, bm25: 0.25, coverage: 0.15, agreement: 0.1 } as const;

export function rerankScore(features: RerankFeatures, bestBm25: number): number {
  const cosine = features.cosine ?? 0;
  const bm25 = features.bm25 !== null && bestBm25 > 0 ? features.bm25 / bestBm25 : 0;
  const agreement = features.cosine !== null && features.bm25 !== null ? 1 : 0;
  return (
    RERANK_WEIGHTS.cosine * cosine + RERANK_WEIGHTS.bm25 * bm25 + RERANK_WEIGHTS.coverage * features.coverage + RERANK_WEIGHTS.agreement * agreement
  );
}
