/**
 * Load: a real host (`tandem serve`, child process, loopback only) with N conversations each pushing
 * one customer message per second through POST /api/v1/conversations/{id}/messages, after a
 * single-conversation baseline in the same run. Prints one JSON object: messages sent/stored/lost/
 * reordered, assist latency p50/p95 (WebSocket arrival and stored timings) and the p95 ratio.
 * Usage: npx tsx bench/loadTest.ts [--conversations 50] [--seconds 300] [--baseline 30]
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runLoad } from '../test/integration/faults/support/loadRun.js';

const { values } = parseArgs({ options: { conversations: { type: 'string', default: '50' }, seconds: { type: 'string', default: '300' }, baseline: { type: 'string', default: '30' } } });
const conversations = Number(values.conversations);
const seconds = Number(values.seconds);
const baseline = Number(values.baseline);
// Bounded: this drives the local host only and must not turn into a runaway.
if (!(conversations >= 1 && conversations <= 200 && seconds >= 1 && seconds <= 1800 && baseline >= 1 && baseline <= 300)) {
  throw new Error('--conversations 1–200, --seconds 1–1800, --baseline 1–300');
}
const report = await runLoad({ conversations, seconds, baselineMessages: baseline });
process.stdout.write(`${JSON.stringify({
  workload: `${conversations} conversations × 1 customer message/s for ${seconds} s through the HTTP API of a tandem serve child process, after a ${baseline}-message single-conversation baseline (itself after the host's start-up work and 10 warm-up messages, left out of every figure)`,
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  ...report,
}, null, 2)}\n`);
process.exitCode = report.lost === 0 && report.reordered === 0 ? 0 : 1;
