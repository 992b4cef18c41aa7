import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ActionTaskSchema } from '../../engine/actions/evaluation/actionsEval.js';
import { runActionsEval } from '../../engine/actions/evaluation/runActionsEval.js';
import { parseTau2Retail } from '../../engine/commerce/tau2RetailImport.js';
import { openEngine } from '../../engine/index.js';
import { parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'tandem eval actions --db <db.json> --tasks <tasks.json> [--json]';

/**
 * `tandem eval actions`: every τ² retail task in a fresh embedded backend, its first customer message
 * through the assist pipeline, the proposed actions scored. The last line is always one JSON object.
 */
export async function evalActionsCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { db: { type: 'string' }, tasks: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (!values.db || !values.tasks) throw new UsageError(`--db and --tasks are required.\n\nUsage: ${USAGE}`);
  let snapshot;
  try {
    snapshot = parseTau2Retail(JSON.parse(readFileSync(values.db, 'utf8')));
  } catch (error) {
    throw new UsageError(`${values.db} is not a τ² retail database with users, orders and products (${(error as Error).message.slice(0, 200)}).`);
  }
  let tasks;
  try {
    tasks = z.array(ActionTaskSchema).parse(JSON.parse(readFileSync(values.tasks, 'utf8')));
  } catch (error) {
    throw new UsageError(`${values.tasks} is not a task list with user_scenario.instructions and evaluation_criteria.actions (${(error as Error).message.slice(0, 200)}).`);
  }
  const started = Date.now();
  const { report } = await runActionsEval(snapshot, tasks, () => openEngine({ dataDir: ':memory:' }), (score) => {
    if (!values.json) {
      const mark = (v: boolean | null): string => (v === null ? '-' : v ? 'ok' : 'MISS');
      process.stdout.write(`task ${score.id.padStart(3)}  identify ${mark(score.identifyCorrect).padEnd(4)}  order ${mark(score.orderLookupCorrect).padEnd(4)}  proposed ${score.proposedTools.join(', ') || '(none)'}\n`);
    }
  });
  process.stdout.write(`${JSON.stringify({ ...report, seconds: Math.round((Date.now() - started) / 100) / 10 })}\n`);
  return 0;
}
