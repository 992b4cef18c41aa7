import { resolveDataDir } from '../../config/dataDir.js';
import { openEngine } from '../../engine/index.js';
import { DATA_DIR_OPTION, databaseKeyOption, KEY_FILE_OPTION, parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'tandem audit verify [--data-dir DIR] [--key-file FILE] [--json]';

/** `tandem audit verify`: walks the hash chain and names the first entry that does not check out. */
export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(`Unknown audit command "${sub ?? ''}".\n\nUsage: ${USAGE}`);
  const { values } = parseCommandArgs(rest, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, json: { type: 'boolean' } }, USAGE);
  const engine = openEngine({ dataDir: resolveDataDir(values['data-dir']), ...databaseKeyOption(values['key-file']) });
  try {
    const result = engine.actions.audit.verify();
    if (!values.json) {
      process.stdout.write(result.ok
        ? `audit log intact: ${result.entries} entries, last hash ${result.lastHash}\n`
        : `audit log BROKEN at entry ${result.brokenSeq}: ${result.reason}\n`);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    engine.close();
  }
}
