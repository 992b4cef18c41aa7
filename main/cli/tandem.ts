#!/usr/bin/env node
import { isTandemError } from '../engine/errors.js';
import { UsageError } from './args.js';

type Command = (args: string[]) => Promise<number>;

/**
 * Subcommands, each loaded only when it runs: the host should not pay for the evaluation tools'
 * model runtimes at start-up.
 */
const COMMANDS: Record<string, { run: Command; summary: string }> = {
  start: { run: async (a) => (await import('./commands/start.js')).startCommand(a), summary: 'Start the desktop app (or the headless host where Electron is absent)' },
  serve: { run: async (a) => (await import('./commands/serve.js')).serveCommand(a), summary: 'Run the headless host on 127.0.0.1 and serve the UI' },
  open: { run: async (a) => (await import('./commands/open.js')).openCommand(a), summary: 'Print a new one-time sign-in link for the running headless host' },
  seed: { run: async (a) => (await import('./commands/seed.js')).seedCommand(a), summary: 'Seed the demo workspace (--reset rebuilds it)' },
  ingest: { run: async (a) => (await import('./commands/ingest.js')).ingestCommand(a), summary: 'Import files or folders into the knowledge base (--category, --workspace)' },
  'import-folders': { run: async (a) => (await import('./commands/importFolders.js')).importFoldersCommand(a), summary: 'Folders the app may import knowledge from by path: import-folders add DIR | remove DIR | list' },
  eval: { run: async (a) => (await import('./commands/eval.js')).evalCommand(a), summary: 'Evaluate: eval retrieval | eval intent | eval actions | eval sentiment (see each for options) [--json]' },
  replay: { run: async (a) => (await import('./commands/replay.js')).replayCommand(a), summary: 'Replay a scripted conversation and show what the assist did at each message' },
  bench: { run: async (a) => (await import('./commands/bench.js')).benchCommand(a), summary: 'Benchmarks that print JSON: bench assist --chunks N --messages M [--json]' },
  doctor: { run: async (a) => (await import('./commands/doctor.js')).doctorCommand(a), summary: 'Check this machine and say how to fix each problem' },
  audit: { run: async (a) => (await import('./commands/audit.js')).auditCommand(a), summary: 'Check the audit log\'s hash chain: audit verify [--data-dir DIR]' },
  metrics: { run: async (a) => (await import('./commands/metrics.js')).metricsCommand(a), summary: 'Print the seed\'s metrics: metrics [--since DATE] [--json]' },
  backup: { run: async (a) => (await import('./commands/backup.js')).backupCommand(a), summary: 'Backups: backup create [--out FILE] | list | verify <file> | restore <file> (offline) [--data-dir DIR]' },
  encrypt: { run: async (a) => (await import('./commands/encrypt.js')).encryptCommand(a), summary: 'Encrypt the workspace at rest (offline): encrypt --key-file FILE [--new-key]' },
  decrypt: { run: async (a) => (await import('./commands/encrypt.js')).decryptCommand(a), summary: 'Turn an encrypted workspace back into plaintext (offline): decrypt --key-file FILE' },
  supervisor: { run: async (a) => (await import('./commands/supervisor.js')).supervisorCommand(a), summary: 'Supervisor approvals (administrator): supervisor set NAME (PIN on standard input) | list | remove NAME' },
  retention: { run: async (a) => (await import('./commands/retention.js')).retentionCommand(a), summary: 'Delete old customer data: retention purge [--days N] [--dry-run] [--vacuum]' },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['Usage: tandem <command> [options]', '', 'Commands:', ...lines, '', 'Common options: --data-dir DIR (or TANDEM_DATA_DIR); for an encrypted workspace --key-file FILE (or TANDEM_DB_KEY)'].join('\n');
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
