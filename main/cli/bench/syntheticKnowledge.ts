import type { Database } from '../../engine/store/database.js';

/**
 * A synthetic knowledge base of realistic size for benchmarks: support-article chunks of ~450
 * characters from a support vocabulary, with vectors that are small perturbations of real
 * embeddings (so the corpus builds in seconds with a realistic vector distribution).
 */
const WORDS = `order refund return shipping delivery package tracking label warranty exchange size color
payment card charge billing invoice account password email address store credit gift policy days business
customer receipt item product damaged missing late carrier courier express standard international fee cost
discount coupon subscription cancel replace repair battery charger cable screen keyboard laptop phone headphones
jacket shoes backpack blender kettle lamp chair desk wallet watch camera speaker bottle`.split(/\s+/);

export const BENCH_CATEGORIES = ['returns', 'billing', 'policies', 'shipping', 'orders', 'products', 'specs', 'general'];

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function syntheticChunkText(random: () => number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < 420) {
    const n = 8 + Math.floor(random() * 10);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!);
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
      insertVector.run(generation, chunkId, Buffer.from(perturb(bases[i % bases.length]!, random).buffer));
    }
  })();
}

function perturb(base: Float32Array, random: () => number): Float32Array {
  const v = new Float32Array(base.length);
  let norm = 0;
  for (let k = 0; k < v.length; k++) {
    v[k] = base[k]! + (random() - 0.5) * 0.08;
    norm += v[k]! * v[k]!;
  }
  norm = Math.sqrt(norm);
  for (let k = 0; k < v.length; k++) v[k]! /= norm;
  return v;
}
