import type { Database } from '../../engine/store/database.js';

/**
 * A synthetic knowledge base of realistic size for benchmarks: support-article chunks of ~450
 * characters, with vectors derived from real embeddings (so the corpus builds in seconds with a
 * realistic vector distribution).
 *
 * Text: words drawn from a Zipf distribution (rank r has probability ∝ 1/r, as in real text) over a
 * 6,000-word vocabulary: function words at the top ranks, the support vocabulary spread over the
 * middle ranks, and generated words in the long tail. A query term such as "refund" then occurs in a
 * few percent of the chunks, not in nearly all of them (as it did with a uniform 100-word vocabulary,
 * where every BM25 query matched the whole index).
 *
 * Vectors: each chunk's vector is a random blend of two real embeddings plus a little noise, so the
 * corpus spreads over many directions instead of collapsing into a few hundred tight clusters of
 * near-duplicates.
 */
const FUNCTION_WORDS = `the to and a of you your is for in it we on be this that with are can if or not as will
at by from have an our may please any its all more when they which no these has after within do get their been one
also than into only about such other must then there`.split(/\s+/);

const SUPPORT_WORDS = `order refund return shipping delivery package tracking label warranty exchange size color
payment card charge billing invoice account password email address store credit gift policy days business
customer receipt item product damaged missing late carrier courier express standard international fee cost
discount coupon subscription cancel replace repair battery charger cable screen keyboard laptop phone headphones
jacket shoes backpack blender kettle lamp chair desk wallet watch camera speaker bottle`.split(/\s+/);

const VOCABULARY_SIZE = 6000;
const SYLLABLES = `ka ro mi tel ver san do lun pra qui bes tor fen gal hu mo zen ric ple dar vo sta nel cor bi fu`.split(/\s+/);

export const BENCH_CATEGORIES = ['returns', 'billing', 'policies', 'shipping', 'orders', 'products', 'specs', 'general'];

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Vocabulary in rank order and the cumulative Zipf probabilities used to sample it. */
const { vocabulary, cumulative } = buildVocabulary();

function buildVocabulary(): { vocabulary: string[]; cumulative: Float64Array } {
  const words = [...FUNCTION_WORDS];
  const seen = new Set(words);
  const random = seededRandom(99);
  let support = 0;
  while (words.length < VOCABULARY_SIZE) {
    // Support words take every third rank after the function words (ranks ~50–350).
    if (support < SUPPORT_WORDS.length && words.length % 3 === 0) {
      words.push(SUPPORT_WORDS[support++]!);
      continue;
    }
    const parts = 2 + Math.floor(random() * 2);
    const word = Array.from({ length: parts }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]!).join('');
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  const cumulativeProbability = new Float64Array(words.length);
  let total = 0;
  for (let r = 0; r < words.length; r++) cumulativeProbability[r] = total += 1 / (r + 1);
  for (let r = 0; r < words.length; r++) cumulativeProbability[r]! /= total;
  return { vocabulary: words, cumulative: cumulativeProbability };
}

function zipfWord(random: () => number): string {
  const x = random();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo]!;
}

export function syntheticChunkText(random: () => number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < 420) {
    const n = 8 + Math.floor(random() * 10);
    const words = Array.from({ length: n }, () => zipfWord(random));
    const sentence = `${words.join(' ')}.`;
    sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1));
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

/** Inserts `count` chunks (10 per document) into the given index generation, in one transaction. */
export function insertSyntheticChunks(
  db: Database,
  workspaceId: string,
  generation: number,
  count: number,
  bases: readonly Float32Array[],
  random: () => number,
): void {
  db.transaction(() => {
    const insertDoc = db.prepare(
      `INSERT INTO knowledge_documents (workspace_id, source_key, title, source, format, category, content_hash, body, last_updated, imported_at, chunk_count)
       VALUES (?, ?, ?, ?, 'markdown', ?, ?, '', 0, 0, 10)`,
    );
    const insertChunk = db.prepare(
      `INSERT INTO knowledge_chunks (document_id, workspace_id, chunk_index, category, heading_path, char_offset, text) VALUES (?, ?, ?, ?, '[]', 0, ?)`,
    );
    const insertFts = db.prepare('INSERT INTO knowledge_fts (rowid, title, heading, text) VALUES (?, ?, ?, ?)');
    const insertVector = db.prepare('INSERT INTO knowledge_vectors (generation, chunk_id, embedding) VALUES (?, ?, ?)');
    let documentId = 0;
    for (let i = 0; i < count; i++) {
      const category = BENCH_CATEGORIES[Math.floor(i / 10) % BENCH_CATEGORIES.length]!;
      const title = `Synthetic article ${Math.floor(i / 10)}`;
      if (i % 10 === 0) {
        documentId = Number(insertDoc.run(workspaceId, `synthetic-${i}`, title, `synthetic/${i / 10}.md`, category, `synthetic-${i}`).lastInsertRowid);
      }
      const text = syntheticChunkText(random);
      const chunkId = Number(insertChunk.run(documentId, workspaceId, i % 10, category, text).lastInsertRowid);
      insertFts.run(chunkId, title, '', text);
      insertVector.run(generation, chunkId, Buffer.from(syntheticVector(bases, random).buffer));
    }
  })();
}

/** A unit vector blending two random real embeddings (weights 0.3–0.7) with per-dimension noise. */
export function syntheticVector(bases: readonly Float32Array[], random: () => number): Float32Array {
  const a = bases[Math.floor(random() * bases.length)]!;
  const b = bases[Math.floor(random() * bases.length)]!;
  const w = 0.3 + random() * 0.4;
  const v = new Float32Array(a.length);
  let norm = 0;
  for (let k = 0; k < v.length; k++) {
    v[k] = w * a[k]! + (1 - w) * b[k]! + (random() - 0.5) * 0.04;
    norm += v[k]! * v[k]!;
  }
  norm = Math.sqrt(norm);
  for (let k = 0; k < v.length; k++) v[k]! /= norm;
  return v;
}
