/**
 * Runs a slow knowledge import in a child process so a test can kill it with SIGKILL half way.
 * argv: dataDir folder. Prints "committed N" after each committed document.
 */
import { openEngine } from '../../main/engine/index.js';
import { hashEmbedder } from './hashEmbedder.js';

const [dataDir, folder] = process.argv.slice(2) as [string, string];
const engine = openEngine({ dataDir, embedder: hashEmbedder({ delayMs: 30 }) });
await engine.knowledgeReady;
engine.events.subscribe((event) => {
  if (event.type === 'progress' && event.kind === 'knowledge.import' && event.done > 0) process.stdout.write(`committed ${event.done}\n`);
});
await engine.knowledge.startImport([folder]).done;
process.stdout.write('finished\n');
