import { resolveDataDir } from '../../config/dataDir.js';
import { openEngine } from '../../engine/index.js';
import { flatMetrics } from '../../engine/metrics/index.js';
import { DATA_DIR_OPTION, databaseKeyOption, KEY_FILE_OPTION, parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'tandem metrics [--since DATE] [--until DATE] [--json] [--data-dir DIR] [--key-file FILE]';

/** Accepts 2025-01-31 (UTC midnight) or any full ISO timestamp. */
export function parseDateFlag(value: string, flag: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} "${value}" is not a date; use YYYY-MM-DD or an ISO timestamp.\n\nUsage: ${USAGE}`);
  return ms;
}

const percent = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, unit: string, digits = 1): string => (v === null ? '—' : `${v.toFixed(digits)}${unit}`);

/** `tandem metrics`: the seed's metrics for a range (default the last 7 days), as text or one JSON object. */
export async function metricsCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, since: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const to = values.until === undefined ? undefined : parseDateFlag(values.until, '--until');
  const from = values.since === undefined ? undefined : parseDateFlag(values.since, '--since');
  const engine = openEngine({ dataDir: resolveDataDir(values['data-dir']), ...databaseKeyOption(values['key-file']) });
  try {
    const flat = flatMetrics(engine.metrics.summary({ from, to }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(flat)}\n`);
      return 0;
    }
    const lines = [
      `Metrics ${String(flat.since)} → ${String(flat.until)} (${String(flat.conversations)} conversations)`,
      `  resolution rate        ${percent(flat.resolution_rate as number | null)}   target > 60%`,
      `  first response time    ${num(flat.first_response_time_s as number | null, ' s')}   target < 30 s`,
      `  CSAT                   ${num(flat.csat as number | null, ' / 5', 2)}   target > 4.0`,
      `  escalation rate        ${percent(flat.escalation_rate as number | null)}   target < 35%`,
      `  average handle time    ${num(flat.average_handle_time_s as number | null, ' s')}   target < 180 s`,
      `  cost per resolution    ${flat.cost_per_resolution === null ? '—' : `$${(flat.cost_per_resolution as number).toFixed(2)}`}   target < $0.50`,
      `  false resolution rate  ${percent(flat.false_resolution_rate as number | null)}   target < 5%`,
      `  draft acceptance rate  ${percent(flat.draft_acceptance_rate as number | null)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    engine.close();
  }
}
