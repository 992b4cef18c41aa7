import type { Embedder } from '../../../ml/embedder.js';
import { predictIntent, type IntentModel } from '../intentModel.js';
import type { TrainingWorkerRequest } from '../trainingWorker.js';
import { classificationReport, percentile, type ClassificationReport } from './classificationMetrics.js';
import { embedWithCache } from './embeddingCache.js';
import { OOS_LABEL, type LabelledSet } from './labelledData.js';

export interface IntentEvaluation extends ClassificationReport {
  readonly train_n: number;
  readonly intents: number;
  readonly train_seconds: number;
  readonly embed_seconds: number;
  readonly predict_ms_p50: number;
  readonly predict_ms_p95: number;
  readonly temperature: number;
  readonly thresholds: IntentModel['thresholds'];
  readonly calibration: IntentModel['calibration'];
  readonly embedder: string;
  /** Share of test messages the out-of-scope rule flagged (for data without an out-of-scope label). */
  readonly flagged_out_of_scope: number;
}

/**
 * Trains the product's classifier on `train` (same trainer, worker and embedder as the app) and
 * scores `test`. The fallback label is `oos` when the data has one, else `other` when present (the
 * built-in taxonomy); without either, messages the out-of-scope rule flags keep their top intent,
 * and the share flagged is reported.
 */
export async function evaluateIntentClassifier(options: {
  train: LabelledSet;
  test: LabelledSet;
  embedder: Embedder;
  trainer: (request: TrainingWorkerRequest) => Promise<IntentModel>;
  cacheDir: string | null;
  onProgress?: (stage: string, done: number, total: number) => void;
}): Promise<IntentEvaluation> {
  const { train, test, embedder } = options;
  const fallback = train.labels.includes(OOS_LABEL) ? OOS_LABEL : train.labels.includes('other') ? 'other' : null;
  const embedStarted = performance.now();
  const trainVectors = await embedWithCache(embedder, train.texts, options.cacheDir, (d, t) => options.onProgress?.('embedding train', d, t));
  const testVectors = await embedWithCache(embedder, test.texts, options.cacheDir, (d, t) => options.onProgress?.('embedding test', d, t));
  const embedSeconds = (performance.now() - embedStarted) / 1000;
  const trainStarted = performance.now();
  const model = await options.trainer({
    texts: train.texts,
    vectors: trainVectors,
    labels: train.labels,
    fallbackLabel: fallback ?? '\u0000none',
    embedderId: embedder.id,
  });
  const trainSeconds = (performance.now() - trainStarted) / 1000;
  const predicted: string[] = [];
  const times: number[] = [];
  let flagged = 0;
  test.texts.forEach((text, i) => {
    const started = performance.now();
    const prediction = predictIntent(model, text, testVectors[i]!);
    times.push(performance.now() - started);
    if (prediction.outOfScope) flagged++;
    predicted.push(prediction.outOfScope && fallback ? fallback : prediction.ranked[0]!.intent);
  });
  const report = classificationReport(test.labels, predicted, fallback ?? OOS_LABEL);
  return {
    ...report,
    train_n: train.texts.length,
    intents: model.labels.length,
    train_seconds: round(trainSeconds, 2),
    embed_seconds: round(embedSeconds, 2),
    predict_ms_p50: round(percentile(times, 0.5), 3),
    predict_ms_p95: round(percentile(times, 0.95), 3),
    temperature: round(model.temperature, 3),
    thresholds: model.thresholds,
    calibration: model.calibration,
    embedder: embedder.id,
    flagged_out_of_scope: round(flagged / Math.max(1, test.texts.length), 4),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
