import type { Embedder } from '../../ml/embedder.js';
import type { Database } from '../store/database.js';
import type { BinaryVectorIndex, VectorHits } from './binaryVectorIndex.js';
import { CHUNK_SIZE, splitRecursive } from './chunker.js';
import { CROSS_ENCODER_DEFAULTS, crossEncoderScores, type CrossEncoderOptions } from './crossEncoderRerank.js';
import { categoriesForIntent } from './intentCategories.js';
import type { KnowledgeRepository } from './knowledgeRepository.js';
import { focusedQueryTerms, isLongQuery, LONG_QUERY, querySentences, repeatByFrequency, type FocusInput } from './longQuery.js';
import { ftsQuery, queryTerms } from './queryTerms.js';
import { rerankScore } from './reranker.js';
import { termStatisticsFor, termsWithinBudget } from './termStatistics.js';
import type { RerankerUsed, SearchHit, SearchResult, SearchStageTimings } from './types.js';

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
  /** Postings budget of the BM25 query (default BM25_POSTINGS_BUDGET; Infinity scores every term). */
  readonly bm25Budget?: number;
  /** A cross-encoder from the models folder: when given, it orders the fused top candidates. */
  readonly crossEncoder?: CrossEncoderOptions;
  readonly signal?: AbortSignal;
}

/** Reciprocal rank fusion constant (the usual 60: ranks matter, raw scores of the two retrievers do not). */
const RRF_K = 60;
/**
 * Sign-bit candidates rescored by int8 cosine: at least this many, or 20 per vector hit kept. At 100k
 * chunks 4 per hit (200) kept 0.21 of the exact top 10; see bench/knowledgeSearch.ts for the figures.
 */
export const VECTOR_CANDIDATES = { minimum: 2000, perHit: 20 } as const;
/**
 * Postings (chunk × term) a BM25 query may read: beyond it the commonest terms are left out (see
 * termsWithinBudget). ~10k postings cost ~5 ms on the 2-core development machine.
 */
export const BM25_POSTINGS_BUDGET = 10_000;
/**
 * Pseudo-relevance feedback for long queries: the centroid of the top BM25 chunks' vectors is searched
 * as one more vector query, its ranking fused at half weight. A sentence encoder summarises a long
 * text (a customer's whole story) poorly, but compares passages to passages well. Measured on the
 * tau2-banking dev tasks in docs/decisions/0008-knowledge-retrieval-quality.md.
 */
export const FEEDBACK = { chunks: 3, weight: 0.5 } as const;
/** Distinct query terms BM25 reads at most (long queries used to be cut at 64 terms, losing their end). */
const MAX_QUERY_TERMS = 256;

interface Candidate {
  chunkId: number;
  cosine: number | null;
  bm25: number | null;
  fused: number;
}

/**
 * A search whose query-only work has begun: the query's embedding (in the embedder's worker) and the
 * head of the BM25 ranking (here). Neither needs the intent, so the assist pipeline starts both before
 * the message is routed, and the main thread scores BM25 while the worker embeds.
 */
export interface PreparedSearch {
  readonly options: SearchOptions;
  readonly mode: 'hybrid' | 'lexical';
  readonly terms: readonly string[];
  readonly segmentTexts: readonly string[];
  /** A message longer than one chunk (see longQuery.ts). */
  readonly long: boolean;
  /** What was embedded: the message, or a long message's sentences. */
  readonly embedTexts: readonly string[];
  /** The distinct terms the postings budget admitted (lexicalTerms repeats a long message's terms by frequency). */
  readonly admittedTerms: readonly string[];
  readonly lexicalTerms: readonly string[];
  readonly depth: number;
  readonly vectors: Promise<Float32Array[]> | null;
  readonly lexicalHead: LexicalHead;
  readonly stages: StageClock;
  /** Time spent in prepareSearch on this thread (BM25's head, term statistics). */
  readonly prepareMs: number;
  readonly startedAt: number;
  /** When the embedding resolved (performance.now()), once it has. */
  readonly embeddingReady: { at: number | null };
}

/** BM25's top rows before any category filter, with each row's category, so a filter can be applied later. */
interface LexicalHead {
  readonly rows: readonly { chunkId: number; score: number; category: string }[];
  /** Every match is in `rows` (the query matched fewer than were asked for). */
  readonly exhausted: boolean;
}

/** BM25 rows read ahead per result asked for: a category filter keeps about a third of them. */
const LEXICAL_HEAD_FACTOR = 4;

export function prepareSearch(db: Database, index: SearchIndex | null, options: SearchOptions): PreparedSearch {
  const started = performance.now();
  const limit = options.limit ?? 3;
  const depth = Math.max(options.depth ?? 50, limit);
  const mode = options.mode === 'lexical' || !index ? 'lexical' : 'hybrid';
  const terms = queryTerms(options.query, MAX_QUERY_TERMS);
  const segmentTexts = querySegments(options.query);
  // A long message embeds its sentences, to choose the focused BM25 query (see longQuery.ts).
  const long = isLongQuery(options.query);
  const embedTexts = long ? querySentences(options.query) : segmentTexts;
  // The embedding is asked for first, so the worker computes it while BM25 runs on this thread.
  const vectors = mode === 'hybrid' && index && embedTexts.length > 0 ? index.embedder.embed(embedTexts, { signal: options.signal }) : null;
  const embeddingReady: { at: number | null } = { at: null };
  vectors?.then(() => (embeddingReady.at = performance.now())).catch(() => undefined); // errors reach completeSearch
  const stages: StageClock = { vectorCandidatesMs: 0, vectorRescoreMs: 0, bm25TermsMs: 0, bm25Ms: 0, fusionMs: 0, fetchMs: 0, rerankMs: 0 };
  // The postings budget is per query segment (a chunk-sized piece of the message).
  const admittedTerms = selectLexicalTerms(db, terms, (options.bm25Budget ?? BM25_POSTINGS_BUDGET) * segmentTexts.length, stages);
  // Long queries: BM25 weights each term by how often the message says it, in both modes.
  const lexicalTerms = long ? repeatByFrequency(admittedTerms, options.query) : admittedTerms;
  const bm25Started = performance.now();
  const lexicalHead = bm25Head(db, lexicalTerms, options.workspaceId, depth * LEXICAL_HEAD_FACTOR);
  stages.bm25Ms += performance.now() - bm25Started;
  return {
    options,
    mode,
    terms,
    segmentTexts,
    long,
    embedTexts,
    admittedTerms,
    lexicalTerms,
    depth,
    vectors,
    lexicalHead,
    stages,
    prepareMs: performance.now() - started,
    startedAt: started,
    embeddingReady,
  };
}

/**
 * Hybrid retrieval: sign-bit candidates rescored by int8 cosine in memory + FTS5 BM25 (within a
 * postings budget), fused by reciprocal rank, filtered by the intent's categories (falling back to
 * every category when the filter leaves fewer results than asked for), reranked, top `limit` with
 * citations. Long queries (longQuery.ts) weight BM25 terms by frequency, add a focused BM25 query and a
 * feedback vector, and keep the fused order (see FEEDBACK).
 * With a cross-encoder, the fused top candidates are ordered by the model instead; if it fails or is
 * too slow, the feature reranker's order is used and the result says why.
 */
export async function hybridSearch(
  db: Database,
  repository: KnowledgeRepository,
  index: SearchIndex | null,
  options: SearchOptions,
): Promise<SearchResult> {
  return completeSearch(db, repository, index, prepareSearch(db, index, options), options.intent ?? null);
}

/** Finishes a prepared search once the intent is known (see prepareSearch). */
export async function completeSearch(
  db: Database,
  repository: KnowledgeRepository,
  index: SearchIndex | null,
  prepared: PreparedSearch,
  intent: string | null,
): Promise<SearchResult> {
  const { options, mode, terms, long, lexicalTerms, depth, stages } = prepared;
  const limit = options.limit ?? 3;

  let embedMs = 0;
  let queryVectors: Float32Array[] = [];
  if (prepared.vectors) {
    // Only the wait that is left: most of the embedding happened while BM25 and routing ran.
    const started = performance.now();
    queryVectors = await prepared.vectors;
    embedMs = performance.now() - started;
  }

  const searchStarted = performance.now();
  const categories = categoriesForIntent(intent);
  const lexical: LexicalSource = { db, terms: lexicalTerms, head: prepared.lexicalHead };
  // Long queries search with the focused BM25 query and the feedback vector, not their sentences' own vectors.
  const longQuery: LongQueryInput | null =
    mode === 'hybrid' && long ? { focus: queryVectors.length > 0 ? { sentences: prepared.embedTexts, vectors: queryVectors, admitted: prepared.admittedTerms } : null } : null;
  const rankingVectors = long ? [] : queryVectors;
  let candidates = retrieve(lexical, index, rankingVectors, options.workspaceId, categories, depth, stages, longQuery);
  let filterFellBack = false;
  if (categories && candidates.length < limit) {
    const seen = new Set(candidates.map((c) => c.chunkId));
    const unfiltered = retrieve(lexical, index, rankingVectors, options.workspaceId, null, depth, stages, longQuery).filter((c) => !seen.has(c.chunkId));
    candidates = [...candidates, ...unfiltered.map((c) => ({ ...c, fused: c.fused / 2 }))];
    filterFellBack = true;
  }
  const searchMs = performance.now() - searchStarted + prepared.prepareMs;

  const rerankStarted = performance.now();
  const fetchStarted = performance.now();
  const pool = candidates.sort((a, b) => b.fused - a.fused).slice(0, Math.max(20, limit * 4));
  const chunks = repository.chunksByIds(pool.map((c) => c.chunkId));
  stages.fetchMs = performance.now() - fetchStarted;
  const bestBm25 = Math.max(0, ...pool.map((c) => c.bm25 ?? 0));
  // The feature reranker leans on the query's cosine, which a long query's segments do not give reliably
  // (on the tau2-banking dev tasks it undid the fusion's gain), so long queries keep the fused order.
  const featureRerank = mode === 'hybrid' && options.rerank !== false && !long;
  let hits: SearchHit[] = [];
  for (const candidate of pool) {
    const chunk = chunks.get(candidate.chunkId);
    if (!chunk) continue;
    const haystack = `${chunk.title} ${chunk.headingPath.join(' ')} ${chunk.text}`.toLowerCase();
    const matchedTerms = terms.filter((term) => haystack.includes(term));
    const coverage = terms.length > 0 ? matchedTerms.length / terms.length : 0;
    const rerank = featureRerank ? rerankScore({ ...candidate, coverage }, bestBm25) : candidate.fused;
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
  let reranker: RerankerUsed = { kind: featureRerank ? 'features' : 'fused', id: null, fallbackReason: null };
  if (options.crossEncoder && options.rerank !== false && hits.length > 0) {
    // `pool` is in fused order, and so is `hits`: the model reads the fused top candidates.
    const top = hits.slice(0, Math.max(options.crossEncoder.candidates ?? CROSS_ENCODER_DEFAULTS.candidates, limit));
    const outcome = await crossEncoderScores(options.crossEncoder, options.query, top.map(passageText), options.signal);
    if (outcome.ok) {
      hits = top.map((hit, i) => ({ ...hit, score: outcome.scores[i]!, scores: { ...hit.scores, rerank: outcome.scores[i]! } }));
      reranker = { kind: 'cross-encoder', id: options.crossEncoder.model.id, fallbackReason: null };
    } else {
      reranker = { ...reranker, fallbackReason: outcome.reason };
    }
  }
  hits.sort((a, b) => b.score - a.score);
  const rerankMs = performance.now() - rerankStarted;
  stages.rerankMs = rerankMs - stages.fetchMs;
  return {
    hits: hits.slice(0, limit),
    categories: filterFellBack ? null : categories,
    filterFellBack,
    mode,
    reranker,
    timings: {
      embedMs,
      searchMs,
      rerankMs,
      wallMs: performance.now() - prepared.startedAt,
      embeddingReadyMs: prepared.embeddingReady.at === null ? 0 : prepared.embeddingReady.at - prepared.startedAt,
      stages: roundStages(stages),
    },
  };
}

/** What a cross-encoder reads for a chunk: where it sits (section, or the title) and its text. */
function passageText(hit: SearchHit): string {
  return `${hit.citation.section || hit.citation.documentTitle}\n${hit.text}`;
}

type StageClock = { -readonly [K in keyof SearchStageTimings]: number };

function roundStages(stages: StageClock): SearchStageTimings {
  const out = { ...stages };
  for (const key of Object.keys(out) as (keyof StageClock)[]) out[key] = Math.round(out[key] * 100) / 100;
  return out;
}

/** The query terms BM25 scores: all of them unless their postings exceed the budget. */
function selectLexicalTerms(db: Database, terms: readonly string[], budget: number, stages: StageClock): string[] {
  if (terms.length === 0 || !Number.isFinite(budget)) return [...terms];
  const started = performance.now();
  const kept = termsWithinBudget(terms, termStatisticsFor(db).documentFrequencies(terms), budget);
  stages.bm25TermsMs += performance.now() - started;
  return kept;
}

/** Where BM25 results come from: the prepared head when it covers the filter, else a filtered query. */
interface LexicalSource {
  readonly db: Database;
  readonly terms: readonly string[];
  readonly head: LexicalHead;
}

function retrieve(
  lexicalSource: LexicalSource,
  index: SearchIndex | null,
  queryVectors: readonly Float32Array[],
  workspaceId: string,
  categories: readonly string[] | null,
  depth: number,
  stages: StageClock,
  longQuery: LongQueryInput | null = null,
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
    const share = 1 / Math.max(queryVectors.length, 1);
    for (const queryVector of queryVectors) {
      const hits = vectorSearch(index, queryVector, workspaceId, categories, depth, stages);
      const fusionStarted = performance.now();
      for (let rank = 0; rank < hits.chunkIds.length; rank++) {
        const c = entry(hits.chunkIds[rank]!);
        c.cosine = Math.max(c.cosine ?? -1, hits.similarities[rank]!);
        c.fused += share / (RRF_K + rank + 1);
      }
      stages.fusionMs += performance.now() - fusionStarted;
    }
  }
  const bm25Started = performance.now();
  const lexical =
    fromHead(lexicalSource.head, categories, depth) ??
    bm25Search(lexicalSource.db, lexicalSource.terms, workspaceId, categories, depth, { budget: Number.POSITIVE_INFINITY });
  stages.bm25Ms += performance.now() - bm25Started;
  const fusionStarted = performance.now();
  lexical.forEach((hit, rank) => {
    const c = entry(hit.chunkId);
    c.bm25 = hit.score;
    c.fused += 1 / (RRF_K + rank + 1);
  });
  stages.fusionMs += performance.now() - fusionStarted;
  const focus = longQuery?.focus;
  const focused = index && focus ? focusedQueryTerms(focus, lexical.map((h) => index.vectors.vectorOf(h.chunkId)), MAX_QUERY_TERMS) : [];
  if (focused.length > 0) {
    const focusStarted = performance.now();
    const hits = bm25Search(lexicalSource.db, focused, workspaceId, categories, depth, { budget: Number.POSITIVE_INFINITY });
    stages.bm25Ms += performance.now() - focusStarted;
    hits.forEach((hit, rank) => (entry(hit.chunkId).fused += LONG_QUERY.focusWeight / (RRF_K + rank + 1)));
  }
  // Long queries only: short messages embed well and skip the extra vector search.
  const feedback = index && longQuery ? feedbackVector(index, lexical.slice(0, FEEDBACK.chunks).map((h) => h.chunkId)) : null;
  if (index && feedback) {
    const hits = vectorSearch(index, feedback, workspaceId, categories, depth, stages);
    const started = performance.now();
    for (let rank = 0; rank < hits.chunkIds.length; rank++) entry(hits.chunkIds[rank]!).fused += FEEDBACK.weight / (RRF_K + rank + 1);
    stages.fusionMs += performance.now() - started;
  }
  return [...byId.values()];
}

/** A long message in hybrid mode: the feedback vector runs, and the focused BM25 query when its sentences were embedded. */
interface LongQueryInput {
  readonly focus: FocusInput | null;
}

/** Unit-length mean of the given chunks' vectors, or null when none is indexed. */
function feedbackVector(index: SearchIndex, chunkIds: readonly number[]): Float32Array | null {
  const sum = new Float32Array(index.vectors.dimension);
  let found = 0;
  for (const chunkId of chunkIds) {
    const vector = index.vectors.vectorOf(chunkId);
    if (!vector) continue;
    for (let i = 0; i < sum.length; i++) sum[i]! += vector[i]!;
    found++;
  }
  const norm = Math.hypot(...sum);
  if (found === 0 || norm === 0) return null;
  for (let i = 0; i < sum.length; i++) sum[i]! /= norm;
  return sum;
}

/**
 * A message split with the same rule as documents: one piece for a short message. The BM25 postings
 * budget grows with the number of pieces, so a long message is not cut to its rarest terms.
 */
export function querySegments(query: string): string[] {
  if (query.length <= CHUNK_SIZE) return [query];
  return splitRecursive(query).slice(0, MAX_QUERY_SEGMENTS);
}
const MAX_QUERY_SEGMENTS = 8;

/**
 * The `depth` nearest chunks: sign-bit candidates from the in-memory index, rescored by int8 cosine
 * (see BinaryVectorIndex). No SQLite read on this path.
 */
export function vectorSearch(
  index: SearchIndex,
  queryVector: Float32Array,
  workspaceId: string,
  categories: readonly string[] | null,
  depth: number,
  stages?: StageClock,
): VectorHits {
  const started = performance.now();
  const slots = index.vectors.candidateSlots(queryVector, workspaceId, categories, Math.max(VECTOR_CANDIDATES.minimum, depth * VECTOR_CANDIDATES.perHit));
  const candidatesDone = performance.now();
  const hits = index.vectors.rescore(queryVector, slots, depth);
  if (stages) {
    stages.vectorCandidatesMs += candidatesDone - started;
    stages.vectorRescoreMs += performance.now() - candidatesDone;
  }
  return hits;
}

/** The first `n` BM25 rows of the workspace, unfiltered by category, each with its category. */
function bm25Head(db: Database, terms: readonly string[], workspaceId: string, n: number): LexicalHead {
  const match = ftsQuery(terms);
  if (!match || n <= 0) return { rows: [], exhausted: true };
  const ranked = db
    .prepare(
      `SELECT rowid AS chunk_id, -bm25(knowledge_fts, 2.0, 1.5, 1.0) AS score FROM knowledge_fts
       WHERE knowledge_fts MATCH ? ORDER BY bm25(knowledge_fts, 2.0, 1.5, 1.0), rowid LIMIT ?`,
    )
    .all(match, n) as { chunk_id: number; score: number }[];
  const categoryOf = new Map(
    (
      db
        .prepare(`SELECT id, category FROM knowledge_chunks WHERE id IN (SELECT value FROM json_each(?)) AND workspace_id = ?`)
        .all(JSON.stringify(ranked.map((r) => r.chunk_id)), workspaceId) as { id: number; category: string }[]
    ).map((r) => [r.id, r.category]),
  );
  const rows = ranked.filter((r) => categoryOf.has(r.chunk_id)).map((r) => ({ chunkId: r.chunk_id, score: r.score, category: categoryOf.get(r.chunk_id)! }));
  return { rows, exhausted: ranked.length < n };
}

/** The top `depth` of the head within `categories`, or null when the head is too short to know them. */
function fromHead(head: LexicalHead, categories: readonly string[] | null, depth: number): { chunkId: number; score: number }[] | null {
  const kept = categories ? head.rows.filter((r) => categories.includes(r.category)) : head.rows;
  if (kept.length < depth && !head.exhausted) return null;
  return kept.slice(0, depth).map(({ chunkId, score }) => ({ chunkId, score }));
}

/**
 * FTS5 BM25 over chunk text, title and section path (title and section weigh more). Higher is better.
 *
 * The FTS query runs on its own (ORDER BY score LIMIT n, no join: joining FTS5 to the chunk table made
 * SQLite score and look up every matching row, 100–300 ms at 100k chunks); workspace and category are
 * then checked for the returned rows only, and n grows until `depth` rows pass or the matches run out,
 * so the result is the same as filtering first. `budget` bounds the postings read (termsWithinBudget);
 * hybridSearch applies it once per query and passes the chosen terms with no further budget.
 */
export function bm25Search(
  db: Database,
  terms: readonly string[],
  workspaceId: string,
  categories: readonly string[] | null,
  depth: number,
  options: { budget?: number } = {},
): { chunkId: number; score: number }[] {
  const budget = options.budget ?? BM25_POSTINGS_BUDGET;
  const scored = Number.isFinite(budget) ? termsWithinBudget(terms, termStatisticsFor(db).documentFrequencies(terms), budget) : terms;
  const match = ftsQuery(scored);
  if (!match || depth <= 0) return [];
  const ranked = db.prepare(
    `SELECT rowid AS chunk_id, -bm25(knowledge_fts, 2.0, 1.5, 1.0) AS score FROM knowledge_fts
     WHERE knowledge_fts MATCH ? ORDER BY bm25(knowledge_fts, 2.0, 1.5, 1.0), rowid LIMIT ?`,
  );
  const categoryFilter = categories ? 'AND category IN (SELECT value FROM json_each(?))' : '';
  const admitted = db.prepare(
    `SELECT id FROM knowledge_chunks WHERE id IN (SELECT value FROM json_each(?)) AND workspace_id = ? ${categoryFilter}`,
  );
  // Start with room for the filter to drop rows (a category filter keeps about a third here).
  let n = categories ? depth * 4 : depth + 16;
  for (;;) {
    const rows = ranked.all(match, n) as { chunk_id: number; score: number }[];
    const params: unknown[] = [JSON.stringify(rows.map((r) => r.chunk_id)), workspaceId];
    if (categories) params.push(JSON.stringify(categories));
    const ok = new Set((admitted.all(...params) as { id: number }[]).map((r) => r.id));
    const kept = rows.filter((r) => ok.has(r.chunk_id));
    if (kept.length >= depth || rows.length < n) return kept.slice(0, depth).map((r) => ({ chunkId: r.chunk_id, score: r.score }));
    n *= 8;
  }
}
