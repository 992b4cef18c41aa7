import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseEmbedder } from '../../config/chooseEmbedder.js';
import { evaluateIntentClassifier } from '../../engine/router/evaluation/evaluateIntentClassifier.js';
import { readLabelledSet, splitLabelledSet, type LabelledSet } from '../../engine/router/evaluation/labelledData.js';
import { trainInWorker } from '../../engine/router/trainInWorker.js';
import { parseCommandArgs, UsageError } from '../args.js';

const USAGE =
  'tandem eval intent --train <file|default> [--test <file> | --split 0.2 --seed 42] [--embedder builtin|<model id>] [--cache DIR | --no-cache] [--json]';

/**
 * `tandem eval intent`: trains the product's intent classifier on --train and scores --test (or a
 * stratified held-out share of --train with a fixed seed). The last line is always one JSON object.
 */
export async function evalIntentCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      train: { type: 'string' },
      test: { type: 'string' },
      split: { type: 'string' },
      seed: { type: 'string' },
      embedder: { type: 'string' },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  if (!values.train) throw new UsageError(`--train is required.\n\nUsage: ${USAGE}`);
  if (!values.test && !values.split) throw new UsageError(`Give --test <file>, or --split <share> to hold out part of --train.\n\nUsage: ${USAGE}`);
  const share = values.split === undefined ? null : Number(values.split);
  if (share !== null && !(share > 0 && share < 1)) throw new UsageError(`--split must be a share between 0 and 1, e.g. 0.2.`);
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer.`);

  let train: LabelledSet;
  let test: LabelledSet;
  try {
    const full = readLabelledSet(values.train, 'train');
    if (values.test) {
      train = full;
      test = readLabelledSet(values.test, 'test');
    } else {
      ({ train, test } = splitLabelledSet(full, share!, seed));
    }
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const cacheDir = values['no-cache'] ? null : (values.cache ?? join(tmpdir(), 'tandem-embedding-cache'));
  const embedder = await chooseEmbedder(values.embedder);
  const say = (line: string): void => {
    if (!values.json) process.stdout.write(`${line}\n`);
  };
  try {
    say(`train ${train.texts.length} examples, test ${test.texts.length}, embedder ${embedder.id}`);
    let lastStage = '';
    const report = await evaluateIntentClassifier({
      train,
      test,
      embedder,
      trainer: (request) => trainInWorker(request),
      cacheDir,
      onProgress: (stage, done, total) => {
        if (stage !== lastStage || done === total) say(`${stage} ${done}/${total}`);
        lastStage = stage;
      },
    });
    const { perIntent, confusion, ...figures } = report;
    const smallTaxonomy = Object.keys(perIntent).length <= 20;
    if (!values.json) {
      say('intent                       precision  recall  f1      support');
      for (const [intent, m] of Object.entries(perIntent)) {
        say(`${intent.padEnd(28)} ${m.precision.toFixed(3).padStart(9)}  ${m.recall.toFixed(3).padStart(6)}  ${m.f1.toFixed(3)}  ${m.support}`);
      }
      if (smallTaxonomy) {
        const labels = Object.keys(perIntent);
        say(`confusion (rows: truth, columns: predicted)\n${''.padEnd(18)}${labels.map((l) => l.slice(0, 9).padStart(10)).join('')}`);
        for (const t of labels) say(`${t.slice(0, 17).padEnd(18)}${labels.map((p) => String(confusion[t]?.[p] ?? 0).padStart(10)).join('')}`);
      }
    }
    process.stdout.write(`${JSON.stringify({ ...figures, ...(smallTaxonomy ? { perIntent, confusion } : {}) })}\n`);
    return 0;
  } finally {
    await embedder.close();
  }
}
