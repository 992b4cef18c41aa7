/**
 * Routing latency benchmark. Prints one JSON object.
 *
 * Workload: the demo workspace (τ² retail catalogue for product entities) with the default six-intent
 * taxonomy, its model trained once with the built-in USE-lite embedder (training time reported
 * separately); then the customer messages of the six-intent evaluation set are routed one at a time,
 * each a fresh text (the embedding of every message is computed, never cached). One routing =
 * embedding + classifier + out-of-scope check + entities + sentiment, as `router.classify` does it.
 *
 * Run: npx tsx bench/routerLatency.ts [--messages 120]
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { openEngine } from '../main/engine/index.js';
import { createBuiltinEmbedder } from '../main/ml/builtinEmbedder.js';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '120' } } });
const limit = Number(values.messages);
const rows = parse(readFileSync(new URL('../main/engine/router/evaluation/default-taxonomy-test.csv', import.meta.url)), { columns: true }) as {
  text: string;
}[];
const texts = rows.map((r) => r.text).slice(0, limit);

const embedder = await createBuiltinEmbedder();
const engine = openEngine({ dataDir: ':memory:', seedDemo: true, embedder });
try {
  const trainStarted = performance.now();
  await engine.router.ready();
  const trainMs = performance.now() - trainStarted;
  await engine.router.classify('warm up the embedder and the classifier');
  const times: number[] = [];
  for (const [i, text] of texts.entries()) {
    // A suffix makes each text unique so no cache can answer: the embedding is part of every figure.
    const started = performance.now();
    await engine.router.classify(`${text} (${i})`);
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
  process.stdout.write(
    `${JSON.stringify({
      workload: 'route one customer message: embed + classify + out-of-scope + entities + sentiment (default taxonomy, demo catalogue)',
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
      embedder: embedder.id,
      messages: times.length,
      model_train_ms: Math.round(trainMs),
      route_ms_p50: at(0.5),
      route_ms_p95: at(0.95),
      route_ms_max: at(1),
    })}\n`,
  );
} finally {
  engine.close();
  await embedder.close();
}
