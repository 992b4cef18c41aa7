import { userInfo } from 'node:os';
import { resolveDataDir } from '../../config/dataDir.js';
import { openEngine, TandemError } from '../../engine/index.js';
import { nameSkeleton } from '../../engine/actions/approval/supervisorNames.js';
import { DATA_DIR_OPTION, databaseKeyOption, KEY_FILE_OPTION, parseCommandArgs, UsageError } from '../args.js';

const USAGE = [
  'tandem supervisor set NAME [--data-dir DIR]   create a supervisor, or reset their PIN (read from standard input)',
  'tandem supervisor list [--data-dir DIR]       supervisors, and any lockout after wrong PINs',
  'tandem supervisor remove NAME [--data-dir DIR]',
].join('\n  ');

/**
 * The administrator's step for supervisor approvals, run by the machine's user (whoever can run this can
 * already read the data folder). The PIN comes from standard input so it never lands in the shell history
 * or the process list; the browser and connectors cannot create supervisors this way.
 */
export async function supervisorCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION }, USAGE);
  if (sub !== 'set' && sub !== 'list' && sub !== 'remove') throw new UsageError(`Unknown supervisor command "${sub ?? ''}".\n\nUsage:\n  ${USAGE}`);
  const name = positionals.join(' ');
  if (sub !== 'list' && !name.trim()) throw new UsageError(`Name the supervisor.\n\nUsage:\n  ${USAGE}`);
  const pin = sub === 'set' ? await readPin() : '';
  const engine = openEngine({ dataDir: resolveDataDir(values['data-dir']), ...databaseKeyOption(values['key-file']) });
  const actor = `cli:${userInfo().username}`;
  const authority = engine.actions.authority;
  try {
    if (sub === 'set') {
      const saved = await authority.adminSetPin(engine.workspace.id, name, pin, actor);
      process.stdout.write(`${saved.created ? 'Created supervisor' : 'New PIN saved for'} ${saved.name}.\n`);
      return 0;
    }
    if (sub === 'remove') {
      if (!authority.adminRemove(engine.workspace.id, name, actor)) throw new TandemError('E_UNKNOWN_SUPERVISOR', `There is no supervisor named "${name}".`);
      process.stdout.write(`Removed supervisor ${name}.\n`);
      return 0;
    }
    const roster = authority.roster(engine.workspace.id);
    if (roster.supervisors.length === 0) process.stdout.write('No supervisors yet. Create one: echo PIN | tandem supervisor set NAME\n');
    const skeletons = new Map<string, string[]>();
    for (const s of roster.supervisors) skeletons.set(nameSkeleton(s.name), [...(skeletons.get(nameSkeleton(s.name)) ?? []), s.name]);
    for (const s of roster.supervisors) {
      const twins = (skeletons.get(nameSkeleton(s.name)) ?? []).filter((n) => n !== s.name);
      const notes = [
        s.lockedUntil ? `locked until ${new Date(s.lockedUntil).toLocaleString()}` : null,
        twins.length ? `looks like ${twins.join(', ')}: remove the one you did not create` : null,
      ].filter(Boolean);
      process.stdout.write(`${s.name}${notes.length ? `  (${notes.join('; ')})` : ''}\n`);
    }
    return 0;
  } finally {
    engine.close();
  }
}

/** The PIN is the first line of standard input (a pipe, or typed at the prompt). */
async function readPin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('PIN (4 to 12 digits), then Enter: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 100) break;
  }
  const pin = text.split(/\r?\n/)[0]?.trim() ?? '';
  if (!/^\d{4,12}$/.test(pin)) throw new UsageError('The PIN read from standard input must be 4 to 12 digits, e.g. `echo 2468 | tandem supervisor set Sam`.');
  return pin;
}
