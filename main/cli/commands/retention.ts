import { resolveDataDir } from '../../config/dataDir.js';
import { openEngine } from '../../engine/index.js';
import { DATA_DIR_OPTION, databaseKeyOption, KEY_FILE_OPTION, parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'tandem retention purge [--days N] [--dry-run] [--vacuum] [--json] [--data-dir DIR] [--key-file FILE]';

/**
 * `tandem retention purge`: deletes conversations whose last activity is older than N days (default:
 * the workspace's retention setting) with everything hanging off them; --dry-run only counts.
 */
export async function retentionCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'purge') throw new UsageError(`Unknown retention command "${sub ?? ''}".\n\nUsage: ${USAGE}`);
  const { values } = parseCommandArgs(rest, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, days: { type: 'string' }, 'dry-run': { type: 'boolean' }, vacuum: { type: 'boolean' }, json: { type: 'boolean' } }, USAGE);
  let days: number | undefined;
  if (values.days !== undefined) {
    if (!/^\d+$/.test(values.days)) throw new UsageError(`--days must be a whole number of days (1–3650), got "${values.days}".\n\nUsage: ${USAGE}`);
    days = Number(values.days);
  }
  const engine = openEngine({ dataDir: resolveDataDir(values['data-dir']), ...databaseKeyOption(values['key-file']) });
  try {
    const report = engine.dataSafety.purge({
      actor: 'cli:retention',
      dryRun: values['dry-run'] ?? false,
      vacuum: values.vacuum ?? false,
      ...(days !== undefined ? { days } : {}),
    });
    if (!values.json) {
      const verb = report.dryRun ? 'would purge' : 'purged';
      process.stdout.write(`${verb} ${report.conversations} conversations (${report.messages} messages) last active before ${new Date(report.cutoff).toISOString()}\n`);
      for (const [table, n] of Object.entries(report.rowsByTable)) process.stdout.write(`  ${table}: ${n}\n`);
    }
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } finally {
    engine.close();
  }
}
