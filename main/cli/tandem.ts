#!/usr/bin/env node
import { isTandemError } from '../engine/errors.js';
import { UsageError } from './args.js';
import { auditCommand } from './commands/audit.js';
import { benchCommand } from './commands/bench.js';
import { doctorCommand } from './commands/doctor.js';
import { evalCommand } from './commands/eval.js';
import { ingestCommand } from './commands/ingest.js';
import { metricsCommand } from './commands/metrics.js';
import { replayCommand } from './commands/replay.js';
import { seedCommand } from './commands/seed.js';
import { serveCommand } from './commands/serve.js';
import { startCommand } from './commands/start.js';

type Command = (args: string[]) => Promise<number>;

/** Subcommands; later features register theirs here (ingest, eval, bench, replay, audit, metrics). */
const COMMANDS: Record<string, { run: Command; summary: string }> = {
  start: { run: startCommand, summary: 'Start the desktop app (or the headless host where Electron is absent)' },
  serve: { run: serveCommand, summary: 'Run the headless host on 127.0.0.1 and serve the UI' },
  seed: { run: seedCommand, summary: 'Seed the demo workspace (--reset rebuilds it)' },
  ingest: { run: ingestCommand, summary: 'Import files or folders into the knowledge base (--category, --workspace)' },
  eval: { run: evalCommand, summary: 'Evaluate: eval retrieval | eval intent | eval actions (see each for options) [--json]' },
  replay: { run: replayCommand, summary: 'Replay a scripted conversation and show what the assist did at each message' },
  bench: { run: benchCommand, summary: 'Benchmarks that print JSON: bench assist --chunks N --messages M [--json]' },
  doctor: { run: doctorCommand, summary: 'Check this machine and say how to fix each problem' },
  audit: { run: auditCommand, summary: 'Check the audit log\'s hash chain: audit verify [--data-dir DIR]' },
  metrics: { run: metricsCommand, summary: 'Print the seed\'s metrics: metrics [--since DATE] [--json]' },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['Usage: tandem <command> [options]', '', 'Commands:', ...lines, '', 'Common options: --data-dir DIR (or TANDEM_DATA_DIR)'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (isTandemError(error)) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
