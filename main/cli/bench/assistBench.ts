import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssistStage } from '../../engine/assist/types.js';
import { openEngine } from '../../engine/index.js';
import type { SearchResult } from '../../engine/knowledge/types.js';
import { createBuiltinEmbedder } from '../../ml/builtinEmbedder.js';
import { CachedEmbedder } from '../../ml/cachedEmbedder.js';
import { BENCH_MESSAGES } from './benchMessages.js';
import { insertSyntheticChunks, seededRandom, syntheticChunkText } from './syntheticKnowledge.js';

export interface AssistBenchOptions {
  readonly chunks: number;
  readonly messages: number;
  readonly warmup?: number;
}

type Stats = { p50_ms: number; p95_ms: number; max_ms: number };
const STAGES: readonly (AssistStage | 'total')[] = ['total', 'route', 'retrieve', 'actions', 'escalation'];

/**
 * Replays customer messages through the whole assist pipeline of a workspace holding `chunks`
 * knowledge chunks, with the real built-in embedder; then the same messages with a naive retrieval
 * (brute-force scan of every vector, no intent filter, no lexical fusion) in the same run.
 */
export async function runAssistBench(options: AssistBenchOptions): Promise<Record<string, unknown>> {
  const warmup = options.warmup ?? 5;
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-assist-'));
  const embedder = new CachedEmbedder(await createBuiltinEmbedder());
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const engine = openEngine({ dataDir, seedDemo: true, embedder });
  try {
    await engine.knowledgeReady;
    await engine.router.ready();
    const buildStarted = performance.now();
    const random = seededRandom(7);
    const bases = await embedder.inner.embed(Array.from({ length: 256 }, () => syntheticChunkText(random)));
    const generation = engine.knowledge.repository.activeGeneration();
    if (!generation) throw new Error('No active knowledge index after the embedder was attached.');
    insertSyntheticChunks(engine.db, engine.workspace.id, generation.generation, options.chunks, bases, random);
    await engine.knowledge.attachEmbedder(embedder); // reloads the in-memory candidate index
    const buildSeconds = (performance.now() - buildStarted) / 1000;

    const realRetrieve = engine.assistStages.retrieve;
    // Where the retrieve stage's time goes: the search reports its own clock for each step.
    const searchTimings: SearchResult['timings'][] = [];
    engine.assistStages.retrieve = (query) => {
      const run = realRetrieve!(query);
      return { complete: async (intent) => {
        const result = await run.complete(intent);
        searchTimings.push(result.timings);
        return result;
      } };
    };
    const pipeline = await replay(engine, options.messages, warmup, 'pipeline');
    const retrieveBreakdown = searchBreakdown(searchTimings.slice(warmup));
    const brute = engine.db.prepare(
      `SELECT v.chunk_id, vec_distance_cosine(v.embedding, ?) AS d FROM knowledge_vectors v WHERE v.generation = ? ORDER BY d LIMIT 3`,
    );
    engine.assistStages.retrieve = (query) => ({
      complete: async (): Promise<SearchResult> => {
        const [vector] = await embedder.embed([query]);
        const rows = brute.all(Buffer.from(vector!.buffer, vector!.byteOffset, vector!.byteLength), generation.generation) as { chunk_id: number; d: number }[];
        return { hits: [], categories: null, filterFellBack: false, mode: 'hybrid', timings: { embedMs: 0, searchMs: rows.length, rerankMs: 0 } };
      },
    });
    const baseline = await replay(engine, options.messages, warmup, 'baseline');
    engine.assistStages.retrieve = realRetrieve;

    const embedMs: number[] = [];
    for (let i = 0; i < Math.min(options.messages, 40); i++) {
      const started = performance.now();
      await embedder.inner.embed([`${BENCH_MESSAGES[i % BENCH_MESSAGES.length]} (${i})`]);
      embedMs.push(performance.now() - started);
    }
    return {
      workload: `assist pipeline: ${options.chunks.toLocaleString('en-US')} knowledge chunks (synthetic ~450-char Zipf text, vectors blended from real USE-lite embeddings) + the demo shop; ${options.messages} customer messages replayed over 10 conversations, ${warmup} warm-up messages not counted; each message embedded by the real built-in embedder (USE lite, worker thread)`,
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memory_gb: Math.round(totalmem() / 1024 ** 3), node: process.version },
      chunks: options.chunks,
      messages: options.messages,
      build_seconds: round(buildSeconds),
      pipeline,
      retrieve_breakdown: retrieveBreakdown,
      baseline: { description: 'brute-force cosine scan over every vector, no intent filter, no lexical fusion or rerank', ...baseline },
      query_embedding_ms: stats(embedMs),
      peak_rss_mb: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1024 / 1024),
    };
  } finally {
    clearInterval(sampler);
    await engine.assist.idle();
    engine.close();
    await embedder.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function replay(engine: ReturnType<typeof openEngine>, count: number, warmup: number, label: string): Promise<Record<string, Stats>> {
  const conversations = Array.from({ length: 10 }, (_, i) => engine.conversations.create({ subject: `${label} ${i}` }).id);
  const samples: Record<string, number[]> = Object.fromEntries(STAGES.map((s) => [s, []]));
  for (let i = 0; i < count + warmup; i++) {
    const conversationId = conversations[i % conversations.length]!;
    // A fresh text each time, so no cache (embedding or otherwise) makes a message free.
    const text = `${BENCH_MESSAGES[i % BENCH_MESSAGES.length]} Ref ${label}-${i}.`;
    const message = engine.conversations.send(conversationId, 'customer', text);
    const result = await engine.assist.assistMessage(conversationId, message.id);
    if (!result) throw new Error(`No assist result for message ${i}.`);
    if (i < warmup) continue;
    for (const stage of STAGES) samples[stage]!.push(result.timings[stage]);
  }
  return Object.fromEntries(STAGES.map((s) => [s, stats(samples[s]!)]));
}

/** p50/p95 of the search's own clock: embedding readiness, the wait left for it, and each step. */
function searchBreakdown(timings: readonly SearchResult['timings'][]): Record<string, Stats> {
  const out: Record<string, Stats> = {
    embedding_ready_after: stats(timings.map((t) => t.embeddingReadyMs ?? 0)),
    embedding_wait: stats(timings.map((t) => t.embedMs)),
    search_wall: stats(timings.map((t) => t.wallMs ?? 0)),
  };
  const steps = timings[0]?.stages ? (Object.keys(timings[0].stages) as (keyof NonNullable<SearchResult['timings']['stages']>)[]) : [];
  for (const step of steps) out[step.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = stats(timings.map((t) => t.stages?.[step] ?? 0));
  return out;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { p50_ms: round(at(0.5)), p95_ms: round(at(0.95)), max_ms: round(sorted.at(-1) ?? 0) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
