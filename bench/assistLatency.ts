/**
 * Assist pipeline latency (route → retrieve → actions → escalation) at a given knowledge-base size,
 * next to a naive brute-force retrieval baseline in the same run. Prints one JSON object.
 *
 * Run: npx tsx bench/assistLatency.ts [--chunks 100000] [--messages 200]
 * (the same benchmark as `tandem bench assist --json`).
 */
import { runAssistBench } from '../main/cli/bench/assistBench.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

process.stdout.write(`${JSON.stringify(await runAssistBench({ chunks: arg('chunks', 100_000), messages: arg('messages', 200) }))}\n`);
