/**
 * Knowledge search benchmark. Prints one JSON object.
 *
 * Workload: synthetic support-article chunks of realistic length (~450 characters) at 10k and 100k
 * chunks; their vectors are perturbed copies of real USE-lite embeddings (so the corpus builds in
 * seconds with a realistic vector distribution); queries are customer questions embedded by the real
 * built-in embedder. Reported per size: embedding time of the query (separately), hybrid search
 * (sign-bit candidates + exact sqlite-vec rescoring + FTS5 BM25 + fusion + rerank) excluding the
 * embedding, and a brute-force exact scan of the same vectors in SQLite; plus ingest throughput per
 * embedder and peak memory.
 *
 * Run: npx tsx bench/knowledgeSearch.ts [--sizes 10000,100000]
 */
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine } from '../main/engine/index.js';
import { createBuiltinEmbedder } from '../main/ml/builtinEmbedder.js';
import type { Embedder } from '../main/ml/embedder.js';
import { createTransformersEmbedder } from '../main/ml/transformersEmbedder.js';
import { writeTinyOnnxModel } from '../test/support/tinyOnnxModel.js';

const WORDS = `order refund return shipping delivery package tracking label warranty exchange size color
payment card charge billing invoice account password email address store credit gift policy days business
customer receipt item product damaged missing late carrier courier express standard international fee cost
discount coupon subscription cancel replace repair battery charger cable screen keyboard laptop phone headphones
jacket shoes backpack blender kettle lamp chair desk wallet watch camera speaker bottle`.split(/\s+/);

const QUESTIONS = [
  'Where is my order? It was supposed to arrive yesterday.',
  'I want a refund for the damaged blender I received.',
  'How do I reset my password?',
  'Can I exchange these shoes for a bigger size?',
  'Why was my card charged twice this month?',
  'What is the warranty on the laptop charger?',
  'Do you ship internationally and what does it cost?',
  'My package says delivered but I never got it.',
  'How long do returns take to be refunded?',
  'Can I use a gift card together with a coupon?',
];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function syntheticText(random: () => number): string {
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

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function searchAtSize(embedder: Embedder, size: number, bases: Float32Array[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  const engine = openEngine({ dataDir });
  const random = seeded(size);
  const buildStarted = performance.now();
  const generation = engine.knowledge.repository.createGeneration(embedder.id, embedder.dimension, 'active', Date.now());
  const db = engine.db;
  const categories = ['returns', 'billing', 'policies', 'shipping', 'orders', 'products', 'specs', 'general'];
  db.transaction(() => {
    const insertDoc = db.prepare(
      `INSERT INTO knowledge_documents (workspace_id, source_key, title, source, format, category, content_hash, body, last_updated, imported_at, chunk_count)
       VALUES (?, ?, ?, ?, 'markdown', ?, ?, '', 0, 0, 10)`,
    );
    const insertChunk = db.prepare(`INSERT INTO knowledge_chunks (document_id, workspace_id, chunk_index, category, heading_path, char_offset, text) VALUES (?, ?, ?, ?, '[]', 0, ?)`);
    const insertFts = db.prepare('INSERT INTO knowledge_fts (rowid, title, heading, text) VALUES (?, ?, ?, ?)');
    const insertVector = db.prepare('INSERT INTO knowledge_vectors (generation, chunk_id, embedding) VALUES (?, ?, ?)');
    let documentId = 0;
    for (let i = 0; i < size; i++) {
      const category = categories[Math.floor(i / 10) % categories.length]!;
      if (i % 10 === 0) documentId = Number(insertDoc.run(engine.workspace.id, `doc-${i}`, `Article ${i / 10}`, `synthetic/${i / 10}.md`, category, `h${i}`).lastInsertRowid);
      const text = syntheticText(random);
      const chunkId = Number(insertChunk.run(documentId, engine.workspace.id, i % 10, category, text).lastInsertRowid);
      insertFts.run(chunkId, `Article ${Math.floor(i / 10)}`, '', text);
      const base = bases[i % bases.length]!;
      const v = new Float32Array(base.length);
      let norm = 0;
      for (let k = 0; k < v.length; k++) {
        v[k] = base[k]! + (random() - 0.5) * 0.08;
        norm += v[k]! * v[k]!;
      }
      norm = Math.sqrt(norm);
      for (let k = 0; k < v.length; k++) v[k]! /= norm;
      insertVector.run(generation.generation, chunkId, Buffer.from(v.buffer));
    }
  })();
  await engine.knowledge.attachEmbedder(embedder);
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  const embedMs: number[] = [];
  const searchMs: number[] = [];
  const bruteMs: number[] = [];
  let overlap = 0;
  const brute = db.prepare(`SELECT chunk_id FROM knowledge_vectors WHERE generation = ? ORDER BY vec_distance_cosine(embedding, ?) LIMIT 10`);
  for (let round = 0; round < 3; round++) {
    for (const question of QUESTIONS) {
      const intent = round === 1 ? 'refund_request' : null;
      const result = await engine.knowledge.search(question, { intent, limit: 3 });
      embedMs.push(result.timings.embedMs);
      searchMs.push(result.timings.searchMs + result.timings.rerankMs);
      const [vector] = await embedder.embed([question]);
      const started = performance.now();
      const exact = brute.all(generation.generation, Buffer.from(vector!.buffer)) as { chunk_id: number }[];
      bruteMs.push(performance.now() - started);
      if (round === 0) {
        // Quality of the sign-bit candidates: share of the exact top 10 that candidate generation + rescoring keeps.
        const { vectorSearch } = await import('../main/engine/knowledge/hybridSearch.js');
        const active = (engine.knowledge as unknown as { active: Parameters<typeof vectorSearch>[1] }).active;
        const approx = new Set(vectorSearch(db, active, vector!, engine.workspace.id, null, 10).map((h) => h.chunkId));
        overlap += exact.filter((r) => approx.has(r.chunk_id)).length / 10;
      }
    }
  }
  engine.close();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    chunks: size,
    buildSeconds: Math.round(buildSeconds * 10) / 10,
    queries: searchMs.length,
    queryEmbedMs: { p50: percentile(embedMs, 50), p95: percentile(embedMs, 95) },
    hybridSearchMs: { p50: percentile(searchMs, 50), p95: percentile(searchMs, 95) },
    bruteForceScanMs: { p50: percentile(bruteMs, 50), p95: percentile(bruteMs, 95) },
    vectorRecallAt10VsExact: Math.round((overlap / QUESTIONS.length) * 1000) / 1000,
  };
}

async function ingestThroughput(embedder: Embedder, chunks: number) {
  const random = seeded(42);
  const texts = Array.from({ length: chunks }, () => syntheticText(random));
  const started = performance.now();
  for (let i = 0; i < texts.length; i += 32) await embedder.embed(texts.slice(i, i + 32));
  const seconds = (performance.now() - started) / 1000;
  return { embedder: embedder.id, chunks, chunksPerSecond: Math.round((chunks / seconds) * 10) / 10 };
}

const sizesArg = process.argv.indexOf('--sizes');
const sizes = sizesArg > 0 ? process.argv[sizesArg + 1]!.split(',').map(Number) : [10_000, 100_000];

const builtin = await createBuiltinEmbedder();
const random = seeded(1);
const bases = await builtin.embed(Array.from({ length: 256 }, () => syntheticText(random)));
const search = [];
for (const size of sizes) search.push(await searchAtSize(builtin, size, bases));
const ingest = [await ingestThroughput(builtin, 256)];
const modelDir = mkdtempSync(join(tmpdir(), 'tandem-bench-model-'));
const tiny = writeTinyOnnxModel(modelDir, { dimension: 384 });
const transformers = await createTransformersEmbedder({ modelDir: tiny.modelDir, modelId: tiny.modelId });
ingest.push({ ...(await ingestThroughput(transformers, 256)), note: 'generated tiny ONNX model (no trained model in models/): measures the pipeline overhead, not a real model' } as never);
await transformers.close();
await builtin.close();
rmSync(modelDir, { recursive: true, force: true });
clearInterval(sampler);

process.stdout.write(
  `${JSON.stringify({
    workload: 'knowledge search: synthetic ~450-char chunks, perturbed USE-lite vectors, 10 customer questions x 3 rounds (one round with the refund_request filter)',
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
    search,
    ingest,
    peakRssMb: Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
  })}\n`,
);
