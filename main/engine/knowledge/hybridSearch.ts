import type { Embedder } from '../../ml/embedder.js';
import type { Database } from '../store/database.js';
import type { BinaryVectorIndex } from './binaryVectorIndex.js';
import { CHUNK_SIZE, splitRecursive } from './chunker.js';
import { categoriesForIntent } from './intentCategories.js';
import type { KnowledgeRepository } from './knowledgeRepository.js';
import { ftsQuery, queryTerms } from './queryTerms.js';
import { rerankScore } from './reranker.js';
import type { SearchHit, SearchResult } from './types.js';

export interface SearchIndex {
  readonly generation: number;
  readonly vectors: BinaryVectorIndex;
  readonly embedder: Embedder;
}

export interface SearchOptions {
  readonly workspaceId: string;
  readonly query: string;
  readonly intent?: string | null;
  readonly limit?: number;
  /** How deep each retriever goes before fusion. */
  readonly depth?: number;
  /** 'hybrid' (default) or 'lexical' (BM25 only: the evaluation baseline). */
  readonly mode?: 'hybrid' | 'lexical';
  /** false ranks by the fused score alone (for evaluating what the reranker adds). */
  readonly rerank?: boolean;
  readonly signal?: AbortSignal;
}

/** Reciprocal rank fusion constant (the usual 60: ranks matter, raw scores of the two retrievers do not). */
const RRF_K = 60;
/** Sign-bit candidates per exact vector hit kept: enough that rescoring recovers the float ranking. */
const OVERSAMPLE = 4;

interface Candidate {
  chunkId: number;
  cosine: number | null;
  bm25: number | null;
  fused: number;
}

/**
 * Hybrid retrieval: sign-bit candidates rescored exactly (sqlite-vec cosine) + FTS5 BM25, fused by
 * reciprocal rank, filtered by the intent's categories (falling back to every category when the
 * filter leaves fewer results than asked for), reranked, top `limit` with citations.
 */
export async function hybridSearch(
  db: Database,
  repository: KnowledgeRepository,
  index: SearchIndex | null,
  options: SearchOptions,
): Promise<SearchResult> {
  const limit = options.limit ?? 3;
  const depth = Math.max(options.depth ?? 50, limit);
  const mode = options.mode === 'lexical' || !index ? 'lexical' : 'hybrid';
  const terms = queryTerms(options.query);

  let embedMs = 0;
  let queryVectors: Float32Array[] = [];
  if (mode === 'hybrid' && index) {
    const started = performance.now();
    queryVectors = await index.embedder.embed(querySegments(options.query), { signal: options.signal });
    embedMs = performance.now() - started;
  }

  const searchStarted = performance.now();
  const categories = categoriesForIntent(options.intent);
  let candidates = retrieve(db, index, queryVectors, terms, options.workspaceId, categories, depth);
  let filterFellBack = false;
  if (categories && candidates.length < limit) {
    const seen = new Set(candidates.map((c) => c.chunkId));
    const unfiltered = retrieve(db, index, queryVectors, terms, options.workspaceId, null, depth).filter((c) => !seen.has(c.chunkId));
    candidates = [...candidates, ...unfiltered.map((c) => ({ ...c, fused: c.fused / 2 }))];
    filterFellBack = true;
  }
  const searchMs = performance.now() - searchStarted;

  const rerankStarted = performance.now();
  const pool = candidates.sort((a, b) => b.fused - a.fused).slice(0, Math.max(20, limit * 4));
  const chunks = repository.chunksByIds(pool.map((c) => c.chunkId));
  const bestBm25 = Math.max(0, ...pool.map((c) => c.bm25 ?? 0));
  const hits: SearchHit[] = [];
  for (const candidate of pool) {
    const chunk = chunks.get(candidate.chunkId);
    if (!chunk) continue;
    const haystack = `${chunk.title} ${chunk.headingPath.join(' ')} ${chunk.text}`.toLowerCase();
    const matchedTerms = terms.filter((term) => haystack.includes(term));
    const coverage = terms.length > 0 ? matchedTerms.length / terms.length : 0;
    const rerank = mode === 'lexical' || options.rerank === false ? candidate.fused : rerankScore({ ...candidate, coverage }, bestBm25);
    hits.push({
      chunkId: chunk.id,
      text: chunk.text,
      category: chunk.category,
      score: rerank,
      scores: { vector: candidate.cosine, bm25: candidate.bm25, fused: candidate.fused, rerank },
      matchedTerms,
      lastUpdated: chunk.lastUpdated,
      citation: {
        documentId: chunk.documentId,
        documentTitle: chunk.title,
        source: chunk.source,
        section: chunk.headingPath.join(' › '),
        chunkIndex: chunk.chunkIndex,
        chunkId: chunk.id,
      },
    });
  }
  hits.sort((a, b) => b.score - a.score);
  const rerankMs = performance.now() - rerankStarted;
  return {
    hits: hits.slice(0, limit),
    categories: filterFellBack ? null : categories,
    filterFellBack,
    mode,
    timings: { embedMs, searchMs, rerankMs },
  };
}

function retrieve(
  db: Database,
  index: SearchIndex | null,
  queryVectors: readonly Float32Array[],
  terms: readonly string[],
  workspaceId: string,
  categories: readonly string[] | null,
  depth: number,
): Candidate[] {
  const byId = new Map<number, Candidate>();
  const entry = (chunkId: number): Candidate => {
    let c = byId.get(chunkId);
    if (!c) {
      c = { chunkId, cosine: null, bm25: null, fused: 0 };
      byId.set(chunkId, c);
    }
    return c;
  };
  if (index) {
    // A long message is searched segment by segment; each segment's ranking adds its share to the fusion.
    const share = 1 / Math.max(queryVectors.length, 1);
    for (const queryVector of queryVectors) {
      vectorSearch(db, index, queryVector, workspaceId, categories, depth).forEach((hit, rank) => {
        const c = entry(hit.chunkId);
        c.cosine = Math.max(c.cosine ?? -1, hit.similarity);
        c.fused += share / (RRF_K + rank + 1);
      });
    }
  }
  bm25Search(db, terms, workspaceId, categories, depth).forEach((hit, rank) => {
    const c = entry(hit.chunkId);
    c.bm25 = hit.score;
    c.fused += 1 / (RRF_K + rank + 1);
  });
  return [...byId.values()];
}

/**
 * Sentence encoders summarise a short text well and a long one poorly: a message longer than one
 * chunk is split with the same rule as documents and each piece becomes a query of its own.
 */
export function querySegments(query: string): string[] {
  if (query.length <= CHUNK_SIZE) return [query];
  return splitRecursive(query).slice(0, MAX_QUERY_SEGMENTS);
}
const MAX_QUERY_SEGMENTS = 8;

/** Exact cosine similarity for the sign-bit candidates, computed by sqlite-vec over the stored floats. */
export function vectorSearch(
  db: Database,
  index: SearchIndex,
  queryVector: Float32Array,
  workspaceId: string,
  categories: readonly string[] | null,
  depth: number,
): { chunkId: number; similarity: number }[] {
  const candidateIds = index.vectors.candidates(queryVector, workspaceId, categories, depth * OVERSAMPLE);
  if (candidateIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT chunk_id, vec_distance_cosine(embedding, ?) AS distance FROM knowledge_vectors
       WHERE generation = ? AND chunk_id IN (SELECT value FROM json_each(?))
       ORDER BY distance LIMIT ?`,
    )
    .all(Buffer.from(queryVector.buffer, queryVector.byteOffset, queryVector.byteLength), index.generation, JSON.stringify(candidateIds), depth) as {
    chunk_id: number;
    distance: number;
  }[];
  return rows.map((row) => ({ chunkId: row.chunk_id, similarity: 1 - row.distance }));
}

/** FTS5 BM25 over chunk text, title and section path (title and section weigh more). Higher is better. */
export function bm25Search(
  db: Database,
  terms: readonly string[],
  workspaceId: string,
  categories: readonly string[] | null,
  depth: number,
): { chunkId: number; score: number }[] {
  const match = ftsQuery(terms);
  if (!match) return [];
  const categoryFilter = categories ? 'AND c.category IN (SELECT value FROM json_each(?))' : '';
  const params: unknown[] = [match, workspaceId];
  if (categories) params.push(JSON.stringify(categories));
  params.push(depth);
  const rows = db
    .prepare(
      `SELECT f.rowid AS chunk_id, -bm25(knowledge_fts, 2.0, 1.5, 1.0) AS score
       FROM knowledge_fts f JOIN knowledge_chunks c ON c.id = f.rowid
       WHERE knowledge_fts MATCH ? AND c.workspace_id = ? ${categoryFilter}
       ORDER BY bm25(knowledge_fts, 2.0, 1.5, 1.0) LIMIT ?`,
    )
    .all(...params) as { chunk_id: number; score: number }[];
  return rows.map((row) => ({ chunkId: row.chunk_id, score: row.score }));
}
