import { runAssistBench } from '../bench/assistBench.js';
import { parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'tandem bench assist [--chunks 100000] [--messages 200] [--json]';

/** Benchmarks that print JSON: `assist` replays customer messages through the whole pipeline. */
export async function benchCommand(args: string[]): Promise<number> {
  const [which, ...rest] = args;
  if (which !== 'assist') throw new UsageError(`Unknown benchmark "${which ?? ''}".\n\nUsage: ${USAGE}`);
  const { values } = parseCommandArgs(rest, { chunks: { type: 'string' }, messages: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const chunks = Number(values.chunks ?? 100_000);
  const messages = Number(values.messages ?? 200);
  if (!Number.isInteger(chunks) || chunks < 0 || chunks > 2_000_000) throw new UsageError(`--chunks must be a whole number up to 2,000,000.\n\nUsage: ${USAGE}`);
  if (!Number.isInteger(messages) || messages < 1 || messages > 100_000) throw new UsageError(`--messages must be a whole number from 1.\n\nUsage: ${USAGE}`);
  const report = await runAssistBench({ chunks, messages });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    const pipeline = report['pipeline'] as Record<string, { p50_ms: number; p95_ms: number; max_ms: number }>;
    const baseline = report['baseline'] as Record<string, { p50_ms: number; p95_ms: number; max_ms: number }>;
    process.stdout.write(`${String(report['workload'])}\n\n`);
    process.stdout.write(`stage        pipeline p50 / p95 / max      baseline p50 / p95 / max\n`);
    for (const stage of ['total', 'route', 'retrieve', 'actions', 'escalation']) {
      const p = pipeline[stage]!;
      const b = baseline[stage]!;
      process.stdout.write(`${stage.padEnd(12)} ${`${p.p50_ms} / ${p.p95_ms} / ${p.max_ms} ms`.padEnd(30)}${b.p50_ms} / ${b.p95_ms} / ${b.max_ms} ms\n`);
    }
    process.stdout.write(`\npeak memory ${String(report['peak_rss_mb'])} MB\n${JSON.stringify(report)}\n`);
  }
  return 0;
}
