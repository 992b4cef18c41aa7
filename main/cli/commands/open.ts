import { resolveDataDir } from '../../config/dataDir.js';
import { readHostRuntime } from '../../config/hostRuntimeFile.js';
import { DATA_DIR_OPTION, parseCommandArgs } from '../args.js';

const USAGE = 'tandem open [--data-dir DIR]';

/** `tandem open`: a new one-time sign-in link for the headless host running on this data folder. */
export async function openCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { ...DATA_DIR_OPTION }, USAGE);
  const dataDir = resolveDataDir(values['data-dir']);
  const runtime = readHostRuntime(dataDir);
  if (!runtime) {
    process.stderr.write(`No Tandem host is running on ${dataDir}. Start one with \`tandem serve\`; it prints a sign-in link.\n`);
    return 1;
  }
  let response: Response;
  try {
    response = await fetch(new URL('/api/v1/session/launch-code', runtime.url), { method: 'POST', headers: { Authorization: `Bearer ${runtime.token}` } });
  } catch {
    process.stderr.write(`The Tandem host at ${runtime.url} does not answer (it may have stopped). Start it again with \`tandem serve\`.\n`);
    return 1;
  }
  const body = (await response.json()) as { ok: boolean; value?: { url: string }; error?: { message: string } };
  if (!body.ok || !body.value) {
    process.stderr.write(`${body.error?.message ?? 'The host refused to make a sign-in link.'}\n`);
    return 1;
  }
  process.stdout.write(`Open in your browser (works once, for 10 minutes):\n  ${body.value.url}\n`);
  return 0;
}
