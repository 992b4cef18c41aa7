import type { DocumentFormat } from './extract/types.js';

export interface KnowledgeDocument {
  readonly id: number;
  readonly workspaceId: string;
  readonly sourceKey: string;
  readonly title: string;
  readonly source: string;
  readonly format: DocumentFormat;
  readonly category: string;
  readonly contentHash: string;
  readonly lastUpdated: number;
  readonly importedAt: number;
  readonly chunkCount: number;
  readonly warning: string | null;
}

export interface StoredChunk {
  readonly id: number;
  readonly documentId: number;
  readonly chunkIndex: number;
  readonly category: string;
  readonly headingPath: readonly string[];
  readonly offset: number;
  readonly text: string;
}

/** Where an answer came from, precise enough for the UI to open the document at that chunk. */
export interface Citation {
  readonly documentId: number;
  readonly documentTitle: string;
  readonly source: string;
  readonly section: string;
  readonly chunkIndex: number;
  readonly chunkId: number;
}

export interface SearchHit {
  readonly chunkId: number;
  readonly text: string;
  readonly category: string;
  readonly score: number;
  readonly scores: { readonly vector: number | null; readonly bm25: number | null; readonly fused: number; readonly rerank: number };
  /** Query terms found in the chunk, for highlighting. */
  readonly matchedTerms: readonly string[];
  readonly lastUpdated: number;
  readonly citation: Citation;
}

/** Time per search step, summed over the steps a search ran (segments, filter fallback). */
export interface SearchStageTimings {
  /** Sign-bit Hamming scan over the in-memory index. */
  readonly vectorCandidatesMs: number;
  /** int8 cosine over the candidates. */
  readonly vectorRescoreMs: number;
  /** Document frequencies of the query terms, for the BM25 postings budget. */
  readonly bm25TermsMs: number;
  /** The FTS5 query and the workspace/category check of its rows. */
  readonly bm25Ms: number;
  /** Reciprocal rank fusion of the rankings. */
  readonly fusionMs: number;
  /** Reading the pooled chunks (text, title, citation) from SQLite. */
  readonly fetchMs: number;
  /** Reranking features and the final sort. */
  readonly rerankMs: number;
}

/**
 * Which reranker ordered the hits: 'cross-encoder' (a model from the models folder), 'features' (the
 * feature-based reranker), or 'fused' (fusion order kept: lexical mode, long queries, rerank off).
 * fallbackReason says why a cross-encoder that was present did not order this result.
 */
export interface RerankerUsed {
  readonly kind: 'cross-encoder' | 'features' | 'fused';
  readonly id: string | null;
  readonly fallbackReason: string | null;
}

export interface SearchResult {
  readonly hits: readonly SearchHit[];
  /** Categories the intent filter applied, or null when the search ran unfiltered. */
  readonly categories: readonly string[] | null;
  readonly filterFellBack: boolean;
  readonly mode: 'hybrid' | 'lexical';
  /** Set by every search; absent only from results made without one (e.g. benchmark stubs). */
  readonly reranker?: RerankerUsed;
  readonly timings: {
    /** Time spent waiting for the query's embedding after the lexical work was done (0 when it was ready). */
    readonly embedMs: number;
    readonly searchMs: number;
    readonly rerankMs: number;
    /** Wall-clock time of the whole search, embedding included (absent from results that did not run one). */
    readonly wallMs?: number;
    /** From the start of the search until the query's embedding was ready (0 for lexical searches). */
    readonly embeddingReadyMs?: number;
    /** Where the search time went (ms); absent from results that did not run a search. */
    readonly stages?: SearchStageTimings;
  };
}

export interface ImportFileReport {
  readonly path: string;
  readonly status: 'imported' | 'updated' | 'unchanged' | 'duplicate' | 'failed' | 'cancelled';
  readonly chunks: number;
  readonly documentId?: number;
  readonly message?: string;
}

export interface ImportReport {
  readonly taskId: string;
  readonly files: readonly ImportFileReport[];
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly cancelled: boolean;
  readonly chunks: number;
  readonly durationMs: number;
}
