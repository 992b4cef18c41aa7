import { CHUNK_SIZE } from './chunker.js';
import { queryTerms } from './queryTerms.js';

/**
 * Long queries: a message longer than one chunk (a customer's whole story, a pasted e-mail, a
 * scenario). Such a text mixes what the customer needs with everything else (who they are, how they
 * feel, what they will do next), and each part reaches the ranking differently:
 *
 * - BM25 counts how often the message repeats a word (query term frequency, as in Robertson's BM25
 *   and Lucene): a word the customer comes back to four times is more central than one said in
 *   passing. FTS5 scores each phrase of an OR query once, so a term is repeated in the query, capped.
 * - The embedder places each sentence; the half of the sentences that lie closest to the passages the
 *   full query's BM25 found (each sentence's best cosine to one of them) is run as a second, focused
 *   BM25 query. A sentence encoder summarises a long story poorly but tells well whether one sentence
 *   is about what those articles cover; the words then do the matching. The sentences it places
 *   farthest are the persona and the conversation instructions, whose words only add noise.
 *
 * Measured on the tau2-banking dev tasks (docs/decisions/0008-knowledge-retrieval-quality.md).
 * Short messages (at most one chunk long) never take this path.
 */
export const LONG_QUERY = {
  /** A term counts at most this many times (bounds both its weight and the postings read again). */
  maxTermRepeats: 4,
  /** Sentences shorter than this (headings, list numbers, "2.") are not embedded. */
  minSentenceChars: 20,
  /** Sentences embedded at most (the first ones; ~80 covers a 5,000-character message). */
  maxSentences: 64,
  /** Share of the sentences kept for the focused BM25 query, the closest to the knowledge base first. */
  focusShare: 0.5,
  /** Fusion weight of the focused BM25 ranking (the full query's BM25 weighs 1). */
  focusWeight: 1,
} as const;

export function isLongQuery(query: string): boolean {
  return query.length > CHUNK_SIZE;
}

/**
 * The sentences of a long message, in order: split after . ! ? and at line breaks, trimmed, those
 * shorter than LONG_QUERY.minSentenceChars left out, at most LONG_QUERY.maxSentences.
 */
export function querySentences(query: string): string[] {
  return query
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= LONG_QUERY.minSentenceChars)
    .slice(0, LONG_QUERY.maxSentences);
}

/**
 * The terms with each repeated as often as the word occurs in the text (at most maxTermRepeats), so
 * an FTS5 OR query weights it by its query term frequency. Terms not found as words keep one copy.
 */
export function repeatByFrequency(terms: readonly string[], text: string, maxRepeats: number = LONG_QUERY.maxTermRepeats): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return terms.flatMap((term) => Array<string>(Math.max(1, Math.min(maxRepeats, counts.get(term) ?? 1))).fill(term));
}

/**
 * The focused text of a long message: the share of its sentences with the highest relevance (in
 * search, each sentence's best cosine to the retrieved passages), in their original order. Ties keep
 * the earlier sentence.
 */
export function focusedText(sentences: readonly string[], relevance: readonly number[], share: number = LONG_QUERY.focusShare): string {
  if (sentences.length !== relevance.length) throw new Error(`${sentences.length} sentences but ${relevance.length} relevance scores`);
  if (sentences.length === 0) return '';
  const keep = Math.max(1, Math.ceil(sentences.length * share));
  const chosen = sentences
    .map((_, i) => i)
    .sort((a, b) => relevance[b]! - relevance[a]! || a - b)
    .slice(0, keep)
    .sort((a, b) => a - b);
  return chosen.map((i) => sentences[i]!).join('\n');
}

/** The highest dot product of a unit vector with any of the passages' unit vectors (-1 when none). */
export function bestCosine(vector: Float32Array, passages: readonly Float32Array[]): number {
  let best = -1;
  for (const passage of passages) {
    let dot = 0;
    for (let i = 0; i < vector.length; i++) dot += vector[i]! * passage[i]!;
    if (dot > best) best = dot;
  }
  return best;
}

/** A long message's sentences, their vectors, and the terms the full query's postings budget admitted. */
export interface FocusInput {
  readonly sentences: readonly string[];
  readonly vectors: readonly Float32Array[];
  readonly admitted: readonly string[];
}

/**
 * The focused BM25 query of a long message: its sentences ranked by their best cosine to the passages
 * the full query's BM25 found (a cosine to every chunk would cost one vector scan per sentence), the
 * closest share kept (focusedText), their words weighted by frequency. Only admitted terms are used,
 * so the focused query reads no postings the full one did not. Empty when no passage has a vector.
 */
export function focusedQueryTerms(focus: FocusInput, passageVectors: readonly (Float32Array | null)[], maxTerms: number): string[] {
  const passages = passageVectors.filter((v): v is Float32Array => v !== null);
  if (passages.length === 0 || focus.sentences.length === 0) return [];
  const text = focusedText(focus.sentences, focus.vectors.map((vector) => bestCosine(vector, passages)));
  const allowed = new Set(focus.admitted);
  return repeatByFrequency(queryTerms(text, maxTerms).filter((t) => allowed.has(t)), text);
}
