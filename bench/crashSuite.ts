/**
 * Crash suite at full size: for each scenario (knowledge ingest, refund approvals, drafting, migration
 * of a version-1 database) the work runs in a child process that is killed with SIGKILL at a seeded
 * random moment, then the data directory is reopened and checked (integrity, audit chain, refunds
 * exactly once, whole documents only, no stuck drafts). Prints one JSON object.
 * Usage: npx tsx bench/crashSuite.ts [--iterations 25] [--seed 1]
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { CRASH_SCENARIOS, prepareCrashSuite, runCrashIteration, seededRandom, type IterationResult } from '../test/integration/faults/support/crashScenarios.js';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '25' }, seed: { type: 'string', default: '1' } } });
const iterations = Number(values.iterations);
const seeds = seededRandom(Number(values.seed));

const started = performance.now();
const suite = await prepareCrashSuite();
const results: IterationResult[] = [];
try {
  for (const scenario of CRASH_SCENARIOS) {
    results.push(await runCrashIteration(suite, scenario, 0)); // the uninterrupted run calibrates the kill window
    for (let i = 0; i < iterations; i++) results.push(await runCrashIteration(suite, scenario, Math.floor(seeds() * 2 ** 31)));
  }
} finally {
  suite.dispose();
}

const perScenario = Object.fromEntries(
  CRASH_SCENARIOS.map((scenario) => {
    const mine = results.filter((r) => r.scenario === scenario);
    return [scenario, {
      iterations: mine.length,
      killed: mine.filter((r) => r.signal === 'SIGKILL').length,
      killedAtHook: mine.filter((r) => r.killedBy === 'hook' && r.signal === 'SIGKILL').length,
      finishedBeforeKill: mine.filter((r) => r.killedBy !== 'none' && r.signal !== 'SIGKILL').length,
      workWindowMs: Math.round(suite.durations[scenario] ?? 0),
      failures: mine.filter((r) => r.problems.length > 0).length,
    }];
  }),
);
const failures = results.filter((r) => r.problems.length > 0);
process.stdout.write(`${JSON.stringify({
  workload: `kill -9 at seeded random points, ${iterations} kills per scenario after one uninterrupted run`,
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  iterations: results.length,
  failures: failures.length,
  perScenario,
  failureDetails: failures.slice(0, 10),
  seconds: Math.round((performance.now() - started) / 1000),
}, null, 2)}\n`);
process.exitCode = failures.length === 0 ? 0 : 1;
