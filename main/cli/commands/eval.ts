import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { chooseEmbedder } from '../../config/chooseEmbedder.js';
import { openEngine } from '../../engine/index.js';
import { evaluateRetrieval, RetrievalTaskSchema } from '../../engine/knowledge/retrievalEval.js';
import { parseCommandArgs, UsageError } from '../args.js';
import { evalActionsCommand } from './evalActions.js';
import { evalIntentCommand } from './evalIntent.js';
import { evalSentimentCommand } from './evalSentiment.js';

const USAGE = 'tandem eval retrieval --docs <dir> --tasks <tasks.json> [--embedder builtin|<model id under models/>] [--json]';

/**
 * `tandem eval retrieval`: ingests the documents into a fresh temporary workspace, runs every task's
 * instructions as a query, and prints document-level recall@5, recall@10 and MRR for hybrid search and
 * for plain BM25 from the same index. The last line is always one JSON object.
 */
export async function evalCommand(args: string[]): Promise<number> {
  const [suite, ...rest] = args;
  if (suite === 'actions') return evalActionsCommand(rest);
  if (suite === 'intent') return evalIntentCommand(rest);
  if (suite === 'sentiment') return evalSentimentCommand(rest);
  if (suite !== 'retrieval') throw new UsageError(`Unknown evaluation "${suite ?? ''}".\n\nUsage: ${USAGE}`);
  const { values } = parseCommandArgs(rest, { docs: { type: 'string' }, tasks: { type: 'string' }, embedder: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (!values.docs || !values.tasks) throw new UsageError(`--docs and --tasks are required.\n\nUsage: ${USAGE}`);
  let tasks;
  try {
    tasks = z.array(RetrievalTaskSchema).parse(JSON.parse(readFileSync(values.tasks, 'utf8')));
  } catch (error) {
    throw new UsageError(`${values.tasks} is not a task list with user_scenario.instructions and required_documents (${(error as Error).message.slice(0, 200)}).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-eval-'));
  const embedder = await chooseEmbedder(values.embedder);
  const engine = openEngine({ dataDir, embedder });
  try {
    await engine.knowledgeReady;
    const started = Date.now();
    const report = await engine.knowledge.startImport([values.docs]).done;
    const ingestSeconds = (Date.now() - started) / 1000;
    if (!values.json) process.stdout.write(`ingested ${report.imported} documents, ${report.chunks} chunks in ${ingestSeconds.toFixed(1)} s (${report.failed} failed)\n`);
    const hybrid = await evaluateRetrieval(engine.knowledge, tasks, 'hybrid');
    const bm25 = await evaluateRetrieval(engine.knowledge, tasks, 'lexical');
    const { perTask: _h, ...hybridFigures } = hybrid;
    const { perTask: _b, ...bm25Figures } = bm25;
    if (!values.json) {
      process.stdout.write(`hybrid: recall@5 ${hybridFigures['recall@5']}  recall@10 ${hybridFigures['recall@10']}  mrr ${hybridFigures.mrr}\n`);
      process.stdout.write(`bm25:   recall@5 ${bm25Figures['recall@5']}  recall@10 ${bm25Figures['recall@10']}  mrr ${bm25Figures.mrr}\n`);
    }
    process.stdout.write(
      `${JSON.stringify({ n: tasks.length, ...hybridFigures, bm25: bm25Figures, embedder: embedder.id, documents: report.imported, chunks: report.chunks, ingestSeconds })}\n`,
    );
    return 0;
  } finally {
    engine.close();
    await embedder.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
