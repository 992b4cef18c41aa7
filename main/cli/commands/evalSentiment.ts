import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { evaluateSentiment, SentimentCaseSchema } from '../../engine/router/evaluation/sentimentEval.js';
import { scoreSentiment } from '../../engine/router/sentiment.js';
import { parseCommandArgs, UsageError } from '../args.js';

const USAGE = 'tandem eval sentiment --cases <labelled.json> [--json]';

/**
 * `tandem eval sentiment`: the customer-sentiment scorer on labelled support messages
 * ([{text, label: negative|neutral|positive, kind?}]). The last line is always one JSON object.
 */
export function evalSentimentCommand(args: string[]): number {
  const { values } = parseCommandArgs(args, { cases: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (!values.cases) throw new UsageError(`--cases is required.\n\nUsage: ${USAGE}`);
  let cases;
  try {
    cases = z.array(SentimentCaseSchema).min(1).parse(JSON.parse(readFileSync(values.cases, 'utf8')));
  } catch (error) {
    throw new UsageError(`${values.cases} is not a list of {text, label: negative|neutral|positive} cases (${(error as Error).message.slice(0, 200)}).`);
  }
  const { misses, ...report } = evaluateSentiment(cases, scoreSentiment);
  if (!values.json) {
    for (const miss of misses) process.stdout.write(`MISS ${miss.label.padEnd(8)} → ${miss.predicted.padEnd(8)} ${miss.score.toFixed(2).padStart(5)}  ${miss.text.slice(0, 90)}\n`);
    for (const [kind, k] of Object.entries(report.by_kind)) process.stdout.write(`${kind.padEnd(12)} ${k.accuracy.toFixed(3)} (n=${k.n})\n`);
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
  return 0;
}
