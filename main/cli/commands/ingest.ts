import { resolveDataDir } from '../../config/dataDir.js';
import { consoleLog } from '../../config/consoleLog.js';
import { chooseEmbedder } from '../../config/chooseEmbedder.js';
import { openEngine } from '../../engine/index.js';
import { DATA_DIR_OPTION, databaseKeyOption, KEY_FILE_OPTION, parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'tandem ingest <path…> [--category C] [--workspace W] [--embedder builtin|<model id>] [--data-dir DIR] [--key-file FILE]';

/** Imports files and folders into a workspace's knowledge base and prints the per-file report. */
export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { ...DATA_DIR_OPTION, ...KEY_FILE_OPTION, category: { type: 'string' }, workspace: { type: 'string' }, embedder: { type: 'string' } },
    USAGE,
  );
  if (positionals.length === 0) throw new UsageError(`Name at least one file or folder.\n\nUsage: ${USAGE}`);
  const embedder = await chooseEmbedder(values.embedder);
  const engine = openEngine({ dataDir: resolveDataDir(values['data-dir']), log: consoleLog(), embedder, seedDemo: true, ...databaseKeyOption(values['key-file']) });
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  try {
    await engine.knowledgeReady;
    if (values.workspace && !engine.workspaces.get(values.workspace)) throw new UsageError(`No workspace "${values.workspace}".`);
    const task = engine.knowledge.startImport(positionals, {
      ...(values.category ? { category: values.category } : {}),
      ...(values.workspace ? { workspaceId: values.workspace } : {}),
    });
    process.once('SIGINT', onSignal);
    stop.signal.addEventListener('abort', () => engine.knowledge.cancelImport(task.taskId));
    const unsubscribe = engine.events.subscribe((event) => {
      if (event.type === 'progress' && event.taskId === task.taskId && process.stderr.isTTY) process.stderr.write(`\r${event.label.slice(0, 100).padEnd(100)}`);
    });
    const report = await task.done;
    unsubscribe();
    if (process.stderr.isTTY) process.stderr.write('\n');
    for (const file of report.files) {
      if (file.status !== 'imported' && file.status !== 'updated' && file.status !== 'unchanged') process.stderr.write(`${file.status}: ${file.path}: ${file.message ?? ''}\n`);
    }
    process.stdout.write(`${JSON.stringify({ imported: report.imported, updated: report.updated, unchanged: report.unchanged, failed: report.failed, chunks: report.chunks, cancelled: report.cancelled, durationMs: report.durationMs })}\n`);
    return report.failed > 0 || report.cancelled ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    engine.close();
    await embedder.close();
  }
}
