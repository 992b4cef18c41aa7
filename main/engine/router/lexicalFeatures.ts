/**
 * Hashed word unigrams and bigrams. Sentence embeddings capture meaning but blur the exact words that
 * separate close intents ("card arrival" vs "card delivery estimate"); a sparse lexical view next to the
 * embedding recovers them (+2 points on a Banking77 split). Character trigrams were tried: no gain
 * there, and training took twice as long.
 */

export const LEXICAL_DIMENSION = 1 << 15;

export interface SparseVector {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(TOKEN) ?? []).map((t) => t.replace(/['’]/g, ''));
}

/** FNV-1a, 32 bit: stable across runs and platforms, so saved models keep their meaning. */
function hash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % LEXICAL_DIMENSION;
}

/** Raw term counts of one text (before idf and normalisation). Long texts are capped: intent lives early. */
export function termCounts(text: string): Map<number, number> {
  const tokens = tokenize(text.slice(0, 4000)).slice(0, 400);
  const counts = new Map<number, number>();
  const add = (term: string): void => {
    const index = hash(term);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  };
  tokens.forEach((token, i) => {
    add(`w:${token}`);
    if (i > 0) add(`b:${tokens[i - 1]}_${token}`);
  });
  return counts;
}

/** Inverse document frequency per hashed term, learned from the training texts. */
export function fitIdf(allCounts: readonly Map<number, number>[]): Float32Array {
  const df = new Float32Array(LEXICAL_DIMENSION);
  for (const counts of allCounts) for (const index of counts.keys()) df[index]! += 1;
  const n = allCounts.length;
  const idf = new Float32Array(LEXICAL_DIMENSION);
  for (let i = 0; i < LEXICAL_DIMENSION; i++) idf[i] = Math.log((1 + n) / (1 + df[i]!)) + 1;
  return idf;
}

/** Sublinear tf × idf, L2-normalised, so one long message cannot outweigh the embedding. */
export function lexicalVector(counts: Map<number, number>, idf: Float32Array): SparseVector {
  const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const indices = new Uint32Array(entries.length);
  const values = new Float32Array(entries.length);
  let norm = 0;
  entries.forEach(([index, count], i) => {
    const v = (1 + Math.log(count)) * idf[index]!;
    indices[i] = index;
    values[i] = v;
    norm += v * v;
  });
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i]! /= norm;
  return { indices, values };
}
