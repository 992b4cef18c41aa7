import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleLog } from '../../config/consoleLog.js';
import { parseTranscript } from '../../engine/replay/transcript.js';
import { replayLine, replayTranscript } from '../../engine/replay/replayTranscript.js';
import { openEngineHost } from '../../config/engineHost.js';
import { DATA_DIR_OPTION, parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'tandem replay <transcript.json> [--json] [--data-dir DIR]';

/**
 * Replays a scripted conversation through the whole pipeline and shows what the assist did at each
 * message. Without --data-dir it runs in a throwaway copy of the demo workspace, so nothing real changes.
 */
export async function replayCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...DATA_DIR_OPTION, json: { type: 'boolean' } }, USAGE);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(`Give exactly one transcript file.\n\nUsage: ${USAGE}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Could not read ${file}: ${(error as Error).message}`);
  }
  const transcript = parseTranscript(raw, file);
  const scratch = values['data-dir'] ? null : mkdtempSync(join(tmpdir(), 'tandem-replay-'));
  const host = await openEngineHost({ dataDir: values['data-dir'] ?? scratch!, log: consoleLog(), seedDemo: true, quiet: true });
  try {
    await replayTranscript(host.engine, transcript, {
      drafts: true,
      onStep: (step) => {
        if (values.json) {
          process.stdout.write(`${JSON.stringify(replayLine(step))}\n`);
          return;
        }
        const line = replayLine(step);
        const flags = (line.flags as { trigger: string; priority: string; reason: string }[]).map((f) => `\n      ⚑ ${f.priority} ${f.trigger}: ${f.reason}`).join('');
        const routing = step.message.role === 'customer' ? `  → ${String(line.intent)} ${typeof line.confidence === 'number' ? `${Math.round(line.confidence * 100)}%` : ''}` : '';
        process.stdout.write(`${String(step.index).padStart(3)} ${step.message.role.padEnd(8)} ${step.message.content.slice(0, 90)}${routing}${flags}\n`);
      },
    });
    return 0;
  } finally {
    await host.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
