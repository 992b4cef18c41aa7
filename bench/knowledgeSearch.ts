/**
 * Knowledge search benchmark. Prints one JSON object.
 *
 * Workload: the synthetic knowledge base of main/cli/bench/syntheticKnowledge.ts (support-article
 * chunks of ~450 characters, Zipf-distributed words; vectors blended from real USE-lite embeddings, so
 * the corpus builds in seconds) at 10k and 100k chunks; queries are customer questions embedded by the
 * real built-in embedder. Reported per size: embedding time of the query (separately), hybrid search
 * (sign-bit candidates + int8 rescoring + FTS5 BM25 + fusion + rerank) excluding the embedding (the
 * main-thread time of its steps), the wall-clock time of the whole search with the embedding, and the
 * wall-clock time beyond the moment the embedding was ready (BM25 runs while the worker embeds), with
 * its per-step times, a brute-force exact scan of the same vectors in SQLite, and the vector path's
 * recall of the exact top 10 (next to the previous path: fewer sign-bit candidates rescored exactly in
 * SQLite); plus ingest throughput per embedder and peak memory.
 *
 * Run: npx tsx bench/knowledgeSearch.ts [--sizes 10000,100000] [--skip-ingest] [--encrypted]
 * (--encrypted: the workspace database is encrypted at rest with a random key)
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine } from '../main/engine/index.js';
import { createBuiltinEmbedder } from '../main/ml/builtinEmbedder.js';
import type { Embedder } from '../main/ml/embedder.js';
import { createTransformersEmbedder } from '../main/ml/transformersEmbedder.js';
import { insertSyntheticChunks, seededRandom as seeded, syntheticChunkText as syntheticText } from '../main/cli/bench/syntheticKnowledge.js';
import { vectorSearch, type SearchIndex } from '../main/engine/knowledge/hybridSearch.js';
import type { SearchStageTimings } from '../main/engine/knowledge/types.js';
import { writeTinyOnnxModel } from '../test/support/tinyOnnxModel.js';

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

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function searchAtSize(embedder: Embedder, size: number, bases: Float32Array[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  const engine = openEngine({ dataDir, ...(process.argv.includes('--encrypted') ? { databaseKey: randomBytes(32) } : {}) });
  const random = seeded(size);
  const buildStarted = performance.now();
  const generation = engine.knowledge.repository.createGeneration(embedder.id, embedder.dimension, 'active', Date.now());
  const db = engine.db;
  insertSyntheticChunks(db, engine.workspace.id, generation.generation, size, bases, random);
  await engine.knowledge.attachEmbedder(embedder);
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  const embedMs: number[] = [];
  const searchMs: number[] = [];
  const wallMs: number[] = [];
  const beyondEmbeddingMs: number[] = [];
  const bruteMs: number[] = [];
  const stageSamples = new Map<keyof SearchStageTimings, number[]>();
  const recall = { previous40: 0, previous200: 0, current: 0 };
  const brute = db.prepare(`SELECT chunk_id FROM knowledge_vectors WHERE generation = ? ORDER BY vec_distance_cosine(embedding, ?) LIMIT 10`);
  // The previous vector path: sign-bit candidates rescored exactly by sqlite-vec over the stored floats.
  const exactRescore = db.prepare(
    `SELECT chunk_id FROM knowledge_vectors WHERE generation = ? AND chunk_id IN (SELECT value FROM json_each(?))
     ORDER BY vec_distance_cosine(embedding, ?) LIMIT 10`,
  );
  const active = (engine.knowledge as unknown as { active: SearchIndex }).active;
  for (let round = 0; round < 3; round++) {
    for (const asked of QUESTIONS) {
      const intent = round === 1 ? 'refund_request' : null;
      // The third round greets first: a new text each time, so neither the search memo nor an
      // embedding cache answers it.
      const question = round === 2 ? `Hello, ${asked.charAt(0).toLowerCase()}${asked.slice(1)}` : asked;
      const result = await engine.knowledge.search(question, { intent, limit: 3 });
      searchMs.push(result.timings.searchMs + result.timings.rerankMs);
      wallMs.push(result.timings.wallMs ?? 0);
      beyondEmbeddingMs.push((result.timings.wallMs ?? 0) - (result.timings.embeddingReadyMs ?? 0));
      for (const [stage, ms] of Object.entries(result.timings.stages ?? {}) as [keyof SearchStageTimings, number][]) {
        stageSamples.set(stage, [...(stageSamples.get(stage) ?? []), ms]);
      }
      const embedStarted = performance.now();
      const [vector] = await embedder.embed([question]);
      embedMs.push(performance.now() - embedStarted);
      const query = Buffer.from(vector!.buffer, vector!.byteOffset, vector!.byteLength);
      const started = performance.now();
      const exact = brute.all(generation.generation, query) as { chunk_id: number }[];
      bruteMs.push(performance.now() - started);
      if (round === 0) {
        // Share of the exact top 10 that each vector path returns in its own top 10.
        const share = (ids: Iterable<number>): number => {
          const got = new Set(ids);
          return exact.filter((r) => got.has(r.chunk_id)).length / 10;
        };
        for (const [key, count] of [['previous40', 40], ['previous200', 200]] as const) {
          const ids = active.vectors.candidates(vector!, engine.workspace.id, null, count);
          recall[key] += share((exactRescore.all(generation.generation, JSON.stringify(ids), query) as { chunk_id: number }[]).map((r) => r.chunk_id));
        }
        recall.current += share(vectorSearch(active, vector!, engine.workspace.id, null, 10).chunkIds);
      }
    }
  }
  const vectorIndexBytes = active.vectors.bytes;
  engine.close();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    chunks: size,
    buildSeconds: Math.round(buildSeconds * 10) / 10,
    queries: searchMs.length,
    queryEmbedMs: { p50: percentile(embedMs, 50), p95: percentile(embedMs, 95) },
    hybridSearchMs: { p50: percentile(searchMs, 50), p95: percentile(searchMs, 95) },
    searchWallMs: { p50: percentile(wallMs, 50), p95: percentile(wallMs, 95) },
    searchBeyondEmbeddingMs: { p50: percentile(beyondEmbeddingMs, 50), p95: percentile(beyondEmbeddingMs, 95) },
    bruteForceScanMs: { p50: percentile(bruteMs, 50), p95: percentile(bruteMs, 95) },
    searchStagesMs: Object.fromEntries([...stageSamples].map(([stage, ms]) => [stage, { p50: percentile(ms, 50), p95: percentile(ms, 95) }])),
    vectorRecallAt10VsExact: {
      current: Math.round((recall.current / QUESTIONS.length) * 1000) / 1000,
      previousSignBits40ExactRescore: Math.round((recall.previous40 / QUESTIONS.length) * 1000) / 1000,
      previousSignBits200ExactRescore: Math.round((recall.previous200 / QUESTIONS.length) * 1000) / 1000,
    },
    vectorIndexMb: Math.round((vectorIndexBytes / 1024 / 1024) * 10) / 10,
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
const ingest = [];
if (!process.argv.includes('--skip-ingest')) {
  ingest.push(await ingestThroughput(builtin, 256));
  const modelDir = mkdtempSync(join(tmpdir(), 'tandem-bench-model-'));
  const tiny = writeTinyOnnxModel(modelDir, { dimension: 384 });
  const transformers = await createTransformersEmbedder({ modelDir: tiny.modelDir, modelId: tiny.modelId });
  ingest.push({ ...(await ingestThroughput(transformers, 256)), note: 'generated tiny ONNX model (no trained model in models/): measures the pipeline overhead, not a real model' } as never);
  await transformers.close();
  rmSync(modelDir, { recursive: true, force: true });
}
await builtin.close();
clearInterval(sampler);

process.stdout.write(
  `${JSON.stringify({
    workload:
      'knowledge search: synthetic ~450-char chunks (Zipf text over a 6,000-word vocabulary), vectors blended from real USE-lite embeddings, 10 customer questions x 3 rounds (one round with the refund_request filter, one with a greeting so no remembered answer is reused)',
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
    encryptedAtRest: process.argv.includes('--encrypted'),
    search,
    ingest,
    peakRssMb: Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
  })}\n`,
);
