import { resolveDataDir } from '../../config/dataDir.js';
import { openEngine } from '../../engine/index.js';
import { ImportFolders } from '../../engine/knowledge/importFolders.js';
import { DATA_DIR_OPTION, databaseKeyOption, KEY_FILE_OPTION, parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'tandem import-folders add DIR | remove DIR | list [--data-dir DIR]';

/** `tandem import-folders`: the folders the app (not only this command) may import knowledge from by path. */
export async function importFoldersCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION }, USAGE);
  if ((sub === 'add' || sub === 'remove') && positionals.length !== 1) throw new UsageError(`Name one folder.\n\nUsage: ${USAGE}`);
  if (sub !== 'add' && sub !== 'remove' && sub !== 'list') throw new UsageError(`Unknown import-folders command "${sub ?? ''}".\n\nUsage: ${USAGE}`);
  const engine = openEngine({ dataDir: resolveDataDir(values['data-dir']), ...databaseKeyOption(values['key-file']) });
  try {
    const folders = new ImportFolders(engine.workspace.id, engine.workspaces, engine.clock);
    if (sub === 'add') process.stdout.write(`The app may now import from ${folders.add(positionals[0]!)}\n`);
    else if (sub === 'remove') process.stdout.write(folders.remove(positionals[0]!) ? 'Removed.\n' : 'That folder was not on the list.\n');
    else process.stdout.write(folders.list().map((f) => `${f}\n`).join('') || 'No folders: the app imports uploaded files only.\n');
    return 0;
  } finally {
    engine.close();
  }
}
