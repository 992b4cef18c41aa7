/**
 * Embedder throughput and latency under load. Prints one JSON object.
 *
 * Workload: the built-in embedder (USE lite in its worker, no cache in front) embeds customer
 * messages from the router's evaluation set, each made unique by a suffix so nothing is reused:
 *  - single: one request of one text at a time, back to back (one customer message on an idle host);
 *  - burst C: C single-text interactive requests sent at once (C conversations whose messages arrive
 *    together), repeated, reporting texts/s and each request's latency;
 *  - steady R/s: single-text requests arriving evenly at R per second (R conversations × 1
 *    message/s), reporting each request's latency;
 *  - batch 16: one request of 16 texts (the model handed a full slice at once).
 *
 * Two workers run the same model: one coalesces waiting interactive requests into one model call,
 * the other makes one call per request (the behaviour before coalescing). They are measured in
 * alternating rounds (never at the same time), so both see the same background load on a shared
 * machine and the comparison is paired.
 *
 * Run: npx tsx bench/embedderThroughput.ts [--single 100] [--bursts 1,4,8,16,50] [--burst-texts 400]
 *      [--rate 50] [--seconds 10]
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { WorkerEmbedder } from '../main/ml/workerEmbedder.js';

const { values } = parseArgs({
  options: {
    single: { type: 'string', default: '100' },
    bursts: { type: 'string', default: '1,4,8,16,50' },
    'burst-texts': { type: 'string', default: '400' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
  },
});
const rows = parse(readFileSync(new URL('../main/engine/router/evaluation/default-taxonomy-test.csv', import.meta.url)), { columns: true }) as {
  text: string;
}[];
let counter = 0;
/** A fresh customer message each call: the text cycles through the set, the suffix makes it unique. */
const nextText = (): string => `${rows[counter % rows.length]!.text} (${counter++})`;

const round2 = (x: number): number => Math.round(x * 100) / 100;
function summary(times: number[]): { p50: number; p95: number; mean: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => round2(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { p50: at(0.5), p95: at(0.95), mean: round2(times.reduce((s, t) => s + t, 0) / times.length), max: at(1) };
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface Variant {
  readonly name: 'coalescing' | 'one_call_per_request';
  readonly embedder: WorkerEmbedder;
}

async function timed(embedder: WorkerEmbedder, texts: string[]): Promise<number> {
  const started = performance.now();
  await embedder.embed(texts);
  return performance.now() - started;
}

/** Runs `round` for each variant in turn, swapping who goes first every round. */
async function alternate(variants: Variant[], rounds: number, round: (variant: Variant) => Promise<void>): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    for (const variant of r % 2 === 0 ? variants : [...variants].reverse()) await round(variant);
  }
}

const variants: Variant[] = [
  { name: 'coalescing', embedder: await WorkerEmbedder.start({ kind: 'builtin' }, 'builtin:') },
  { name: 'one_call_per_request', embedder: await WorkerEmbedder.start({ kind: 'builtin' }, 'builtin:', { coalesce: false }) },
];
const results: Record<string, Record<string, unknown>> = { coalescing: {}, one_call_per_request: {} };
try {
  for (const { embedder } of variants) for (let i = 0; i < 30; i++) await embedder.embed([nextText()]);

  const single: Record<string, number[]> = { coalescing: [], one_call_per_request: [] };
  await alternate(variants, Number(values.single), async ({ name, embedder }) => {
    single[name]!.push(await timed(embedder, [nextText()]));
  });
  for (const { name } of variants) results[name]!.single_latency_ms = { requests: single[name]!.length, ...summary(single[name]!) };

  for (const size of values.bursts.split(',').map(Number)) {
    const times: Record<string, number[]> = { coalescing: [], one_call_per_request: [] };
    const busy: Record<string, number> = { coalescing: 0, one_call_per_request: 0 };
    const before = new Map(await Promise.all(variants.map(async (v) => [v.name, await v.embedder.stats()] as const)));
    await alternate(variants, Math.max(1, Math.ceil(Number(values['burst-texts']) / size)), async ({ name, embedder }) => {
      const started = performance.now();
      times[name]!.push(...(await Promise.all(Array.from({ length: size }, () => timed(embedder, [nextText()])))));
      busy[name]! += performance.now() - started;
    });
    for (const { name, embedder } of variants) {
      const calls = (await embedder.stats()).interactive.calls - before.get(name)!.interactive.calls;
      const list = (results[name]!.bursts ??= []) as unknown[];
      list.push({
        concurrent: size,
        texts: times[name]!.length,
        texts_per_s: round2(times[name]!.length / (busy[name]! / 1000)),
        texts_per_model_call: round2(times[name]!.length / calls),
        latency_ms: summary(times[name]!),
      });
    }
  }

  // Steady arrivals, in 2-second blocks per variant so both see the same background load.
  const rate = Number(values.rate);
  const steady: Record<string, number[]> = { coalescing: [], one_call_per_request: [] };
  const steadyBefore = new Map(await Promise.all(variants.map(async (v) => [v.name, await v.embedder.stats()] as const)));
  await alternate(variants, Math.max(1, Math.round(Number(values.seconds) / 2)), async ({ name, embedder }) => {
    const start = performance.now();
    const arrivals: Promise<number>[] = [];
    for (let i = 0; i < rate * 2; i++) {
      await sleep(start + (i * 1000) / rate - performance.now());
      arrivals.push(timed(embedder, [nextText()]));
    }
    steady[name]!.push(...(await Promise.all(arrivals)));
  });
  for (const { name, embedder } of variants) {
    const calls = (await embedder.stats()).interactive.calls - steadyBefore.get(name)!.interactive.calls;
    results[name]!.steady = { rate_per_s: rate, requests: steady[name]!.length, texts_per_model_call: round2(steady[name]!.length / calls), latency_ms: summary(steady[name]!) };
  }

  const batch: Record<string, number[]> = { coalescing: [], one_call_per_request: [] };
  await alternate(variants, 10, async ({ name, embedder }) => {
    batch[name]!.push(await timed(embedder, Array.from({ length: 16 }, nextText)));
  });
  for (const { name } of variants) results[name]!.batch16_ms = { ...summary(batch[name]!), per_text_p50: round2(summary(batch[name]!).p50 / 16) };

  process.stdout.write(
    `${JSON.stringify({
      workload: 'embed single customer messages (router evaluation texts, unique suffix, no cache): back to back, in bursts, at a steady rate; a coalescing worker against one call per request, alternating rounds',
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        load_average_1m_at_end: round2(loadavg()[0]!),
      },
      embedder: variants[0]!.embedder.id,
      ...results,
    })}\n`,
  );
} finally {
  for (const { embedder } of variants) await embedder.close();
}
