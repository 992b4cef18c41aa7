import { resolveDataDir } from '../../config/dataDir.js';
import { consoleLog } from '../../config/consoleLog.js';
import { openEngine, seedDemoWorkspace } from '../../engine/index.js';
import { DATA_DIR_OPTION, parseCommandArgs } from '../args.js';

/** Seeds the demo workspace if missing; --reset deletes and rebuilds it (other workspaces are untouched). */
export async function seedCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATA_DIR_OPTION, reset: { type: 'boolean' } }, 'tandem seed [--reset] [--data-dir DIR]');
  const engine = openEngine({ dataDir: resolveDataDir(values['data-dir']), log: consoleLog(), seedDemo: true });
  try {
    const report =
      values.reset && !engine.seed?.seeded ? seedDemoWorkspace(engine.db, engine.clock, { reset: true }) : engine.seed;
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } finally {
    engine.close();
  }
}
