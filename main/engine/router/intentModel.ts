import { fitIdf, lexicalVector, termCounts, type SparseVector } from './lexicalFeatures.js';
import { logits, trainLogisticRegression, type LinearModel, type TrainingSample } from './logisticRegression.js';
import { calibrateOutOfScope, isOutOfScope, type HeldOutDecision, type OutOfScopeThresholds } from './outOfScope.js';
import { seededRandom, shuffleInPlace, stratifiedSplit } from './seededRandom.js';
import { softmax } from './softmax.js';
import { fitTemperature, negativeLogLikelihood } from './temperatureScaling.js';

/** A trained, calibrated intent classifier: plain arrays, so it crosses worker boundaries and is stored as a blob. */
export interface IntentModel {
  readonly labels: readonly string[];
  readonly fallbackLabel: string;
  readonly embedderId: string;
  readonly linear: LinearModel;
  readonly idf: Float32Array | null;
  readonly denseScale: number;
  readonly temperature: number;
  readonly thresholds: OutOfScopeThresholds;
  /** In-scope training example embeddings (row-major) and their label indices, for the nearest-example similarity. */
  readonly exampleVectors: Float32Array;
  readonly exampleLabels: Int32Array;
  readonly calibration: CalibrationReport;
}

export interface CalibrationReport {
  readonly heldOut: number;
  readonly heldOutAccuracy: number;
  readonly nllBefore: number;
  readonly nllAfter: number;
}

export interface TrainingInput {
  readonly texts: readonly string[];
  /** Unit embeddings, one per text, in order. */
  readonly vectors: readonly Float32Array[];
  readonly labels: readonly string[];
  readonly fallbackLabel: string;
  readonly embedderId: string;
  readonly lexical?: boolean;
  readonly seed?: number;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

export interface IntentPrediction {
  readonly ranked: readonly { intent: string; probability: number }[];
  readonly maxProbability: number;
  readonly nearestSimilarity: number;
  readonly outOfScope: boolean;
}

const DENSE_SCALE = 4;
/** Sets at most this large are calibrated by 5-fold cross-validation; larger ones use one held-out split. */
const CROSS_VALIDATION_LIMIT = 3000;

export function trainIntentModel(input: TrainingInput): IntentModel {
  const labelNames = [...new Set(input.labels)].sort();
  if (labelNames.length < 2) throw new Error('At least two intents with examples are needed to train.');
  if (input.vectors.length !== input.texts.length || input.labels.length !== input.texts.length) {
    throw new Error('Texts, vectors and labels differ in length.');
  }
  const labelIndex = new Map(labelNames.map((name, i) => [name, i]));
  const y = input.labels.map((l) => labelIndex.get(l)!);
  const fallback = labelIndex.get(input.fallbackLabel) ?? -1;
  const useLexical = input.lexical ?? true;
  const seed = input.seed ?? 42;
  const counts = useLexical ? input.texts.map(termCounts) : [];

  const fit = (indices: readonly number[]): { linear: LinearModel; idf: Float32Array | null; features: (i: number) => SparseVector | null } => {
    const idf = useLexical ? fitIdf(indices.map((i) => counts[i]!)) : null;
    const sparse = new Map<number, SparseVector>();
    const features = (i: number): SparseVector | null => {
      if (!idf) return null;
      let v = sparse.get(i);
      if (!v) sparse.set(i, (v = lexicalVector(counts[i]!, idf)));
      return v;
    };
    const samples: TrainingSample[] = indices.map((i) => ({ dense: input.vectors[i]!, sparse: features(i), label: y[i]! }));
    // Measured on a Banking77 split: loss flattens after ~16 epochs at these rates; small sets need more passes.
    const epochs = indices.length > 5000 ? 16 : indices.length > 1000 ? 24 : 40;
    const linear = trainLogisticRegression(samples, labelNames.length, { epochs, seed, denseScale: DENSE_SCALE, l2: 1e-5, sparseLearningRate: 1 });
    return { linear, idf, features };
  };

  // Out-of-fold logits for calibration: every held-out logit comes from a model that never saw it.
  const folds = input.texts.length <= CROSS_VALIDATION_LIMIT ? 5 : 1;
  const heldOutRows: Float64Array[] = [];
  const heldOutLabels: number[] = [];
  const heldOutIndices: number[] = [];
  const foldSplits = folds === 1 ? [stratifiedSplit(y, 0.15, seed)] : kFold(y, folds, seed);
  foldSplits.forEach((split, f) => {
    input.onProgress?.('calibrating', f, foldSplits.length + 1);
    const model = fit(split.train);
    for (const i of split.heldOut) {
      heldOutRows.push(logits(model.linear, input.vectors[i]!, model.features(i), DENSE_SCALE, new Float64Array(labelNames.length)));
      heldOutLabels.push(y[i]!);
      heldOutIndices.push(i);
    }
  });
  const temperature = fitTemperature(heldOutRows, heldOutLabels);

  // Nearest-example similarity for held-out rows is taken against the other rows only.
  const decisions: HeldOutDecision[] = heldOutRows.map((row, k) => {
    const p = softmax(row, temperature);
    const predicted = argmax(p);
    const i = heldOutIndices[k]!;
    return { predicted, truth: heldOutLabels[k]!, maxProbability: p[predicted]!, nearestSimilarity: nearestSimilarity(input.vectors, input.vectors[i]!, (j) => j !== i && y[j] === predicted) };
  });
  const thresholds = calibrateOutOfScope(decisions, fallback);

  input.onProgress?.('training', foldSplits.length, foldSplits.length + 1);
  // The shipped model always learns from every example; temperature and thresholds carry over from the
  // held-out fit (a model trained on more data is, if anything, slightly better calibrated than that).
  const final = fit(y.map((_, i) => i));
  // Only in-scope examples count as "near": being close to a fallback example is no reason to trust an intent.
  const inScope = y.map((_, i) => i).filter((i) => y[i] !== fallback);
  const dimension = input.vectors[0]?.length ?? 0;
  const exampleVectors = new Float32Array(inScope.length * dimension);
  inScope.forEach((i, row) => exampleVectors.set(input.vectors[i]!, row * dimension));
  const exampleLabels = Int32Array.from(inScope.map((i) => y[i]!));
  return {
    labels: labelNames,
    fallbackLabel: input.fallbackLabel,
    embedderId: input.embedderId,
    linear: final.linear,
    idf: final.idf,
    denseScale: DENSE_SCALE,
    temperature,
    thresholds,
    exampleVectors,
    exampleLabels,
    calibration: {
      heldOut: heldOutRows.length,
      heldOutAccuracy: decisions.filter((d) => d.predicted === d.truth).length / Math.max(1, decisions.length),
      nllBefore: negativeLogLikelihood(heldOutRows, heldOutLabels, 1),
      nllAfter: negativeLogLikelihood(heldOutRows, heldOutLabels, temperature),
    },
  };
}

export function predictIntent(model: IntentModel, text: string, vector: Float32Array): IntentPrediction {
  const sparse = model.idf ? lexicalVector(termCounts(text), model.idf) : null;
  const z = logits(model.linear, vector, sparse, model.denseScale, new Float64Array(model.labels.length));
  const p = softmax(z, model.temperature);
  const ranked = model.labels
    .map((intent, i) => ({ intent, probability: p[i]! }))
    .sort((a, b) => b.probability - a.probability);
  const maxProbability = ranked[0]!.probability;
  const similarity = nearestSimilarityFlat(model, vector, model.labels.indexOf(ranked[0]!.intent));
  const fallbackWins = ranked[0]!.intent === model.fallbackLabel;
  return {
    ranked,
    maxProbability,
    nearestSimilarity: similarity,
    outOfScope: fallbackWins || isOutOfScope(maxProbability, similarity, model.thresholds),
  };
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function dot(a: Float32Array, b: Float32Array, offset = 0): number {
  let s = 0;
  for (let j = 0; j < b.length; j++) s += a[offset + j]! * b[j]!;
  return s;
}

/**
 * Similarity to the nearest training example of the predicted intent: "is this message like anything
 * we were taught to call X?". Restricting to one intent keeps it cheap on large taxonomies.
 * The fallback intent has no examples here, so predicting it yields -1 (it is out of scope anyway).
 */
function nearestSimilarity(vectors: readonly Float32Array[], query: Float32Array, include: (i: number) => boolean): number {
  let best = -1;
  for (let i = 0; i < vectors.length; i++) if (include(i)) best = Math.max(best, dot(vectors[i]!, query));
  return best;
}

function nearestSimilarityFlat(model: IntentModel, query: Float32Array, label: number): number {
  const d = query.length;
  let best = -1;
  for (let row = 0; row < model.exampleLabels.length; row++) {
    if (model.exampleLabels[row] === label) best = Math.max(best, dot(model.exampleVectors, query, row * d));
  }
  return best;
}

function kFold(labels: readonly number[], folds: number, seed: number): { train: number[]; heldOut: number[] }[] {
  // Stratified k-fold: each label's examples are shuffled with the seed and dealt round-robin to folds.
  const random = seededRandom(seed);
  const byLabel = new Map<number, number[]>();
  labels.forEach((label, i) => byLabel.set(label, [...(byLabel.get(label) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  for (const indices of byLabel.values()) shuffleInPlace(indices, random).forEach((i, k) => (fold[i] = k % folds));
  const all = labels.map((_, i) => i);
  return Array.from({ length: folds }, (_, f) => ({
    train: all.filter((i) => fold[i] !== f),
    heldOut: all.filter((i) => fold[i] === f),
  }));
}
