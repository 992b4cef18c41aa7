import { resolveDataDir } from '../../config/dataDir.js';
import { consoleLog } from '../../config/consoleLog.js';
import { openEngine, seedDemoWorkspace } from '../../engine/index.js';
import { DATA_DIR_OPTION, databaseKeyOption, KEY_FILE_OPTION, parseCommandArgs } from '../args.js';

/** Seeds the demo workspace if missing; --reset deletes and rebuilds it (other workspaces are untouched). */
export async function seedCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, reset: { type: 'boolean' } }, 'tandem seed [--reset] [--data-dir DIR] [--key-file FILE]');
  const engine = openEngine({ dataDir: resolveDataDir(values['data-dir']), log: consoleLog(), seedDemo: true, ...databaseKeyOption(values['key-file']) });
  try {
    const report =
      values.reset && !engine.seed?.seeded ? seedDemoWorkspace(engine.db, engine.clock, { reset: true }) : engine.seed;
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } finally {
    engine.close();
  }
}
