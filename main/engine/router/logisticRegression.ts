import { LEXICAL_DIMENSION, type SparseVector } from './lexicalFeatures.js';
import { seededRandom, shuffleInPlace } from './seededRandom.js';
import { softmaxInto } from './softmax.js';

/**
 * Multinomial logistic regression over [sentence embedding ; hashed lexical features].
 * Dense weights use Adam with L2; the 32k sparse weights use lazy AdaGrad, so a mini-batch only
 * touches the features its texts contain and training stays in seconds on two cores.
 */
export interface LinearModel {
  readonly classes: number;
  readonly denseDimension: number;
  readonly dense: Float32Array; // classes × denseDimension
  readonly sparse: Float32Array; // classes × LEXICAL_DIMENSION (all zero when lexical features are off)
  readonly bias: Float32Array; // classes
}

export interface TrainingSample {
  readonly dense: Float32Array;
  readonly sparse: SparseVector | null;
  readonly label: number;
}

export interface TrainingOptions {
  readonly epochs: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly sparseLearningRate?: number;
  readonly l2?: number;
  readonly seed?: number;
  /** Dense inputs are multiplied by this: unit embeddings have small coordinates and learn slowly otherwise. */
  readonly denseScale?: number;
  readonly onEpoch?: (epoch: number, loss: number) => void;
}

export function logits(model: LinearModel, dense: Float32Array, sparse: SparseVector | null, denseScale: number, out: Float64Array): Float64Array {
  const d = model.denseDimension;
  for (let c = 0; c < model.classes; c++) {
    let z = model.bias[c]!;
    const offset = c * d;
    let dot = 0;
    for (let j = 0; j < d; j++) dot += model.dense[offset + j]! * dense[j]!;
    z += dot * denseScale;
    if (sparse) {
      const sOffset = c * LEXICAL_DIMENSION;
      for (let k = 0; k < sparse.indices.length; k++) z += model.sparse[sOffset + sparse.indices[k]!]! * sparse.values[k]!;
    }
    out[c] = z;
  }
  return out;
}

export function trainLogisticRegression(samples: readonly TrainingSample[], classes: number, options: TrainingOptions): LinearModel {
  if (samples.length === 0) throw new Error('No training samples.');
  const d = samples[0]!.dense.length;
  const useSparse = samples.some((s) => s.sparse !== null);
  const model: LinearModel = {
    classes,
    denseDimension: d,
    dense: new Float32Array(classes * d),
    sparse: new Float32Array(useSparse ? classes * LEXICAL_DIMENSION : 0),
    bias: new Float32Array(classes),
  };
  const batchSize = options.batchSize ?? 32;
  const lr = options.learningRate ?? 0.01;
  const sparseLr = options.sparseLearningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-4;
  const scale = options.denseScale ?? 1;
  const random = seededRandom(options.seed ?? 7);
  // Adam state for dense + bias.
  const m = new Float32Array(classes * d);
  const v = new Float32Array(classes * d);
  const mb = new Float32Array(classes);
  const vb = new Float32Array(classes);
  const adagrad = new Float32Array(useSparse ? classes * LEXICAL_DIMENSION : 0).fill(1e-2);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let step = 0;

  const order = samples.map((_, i) => i);
  const z = new Float64Array(classes);
  const p = new Float64Array(classes);
  const gradDense = new Float32Array(classes * d);
  const gradBias = new Float32Array(classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      gradDense.fill(0);
      gradBias.fill(0);
      for (const index of batch) {
        const sample = samples[index]!;
        softmaxInto(logits(model, sample.dense, sample.sparse, scale, z), 1, p);
        loss -= Math.log(Math.max(p[sample.label]!, 1e-12));
        for (let c = 0; c < classes; c++) {
          const g = (p[c]! - (c === sample.label ? 1 : 0)) / batch.length;
          if (g === 0) continue;
          gradBias[c]! += g;
          const offset = c * d;
          const gs = g * scale;
          for (let j = 0; j < d; j++) gradDense[offset + j]! += gs * sample.dense[j]!;
          if (sample.sparse) {
            const sOffset = c * LEXICAL_DIMENSION;
            const { indices, values } = sample.sparse;
            for (let k = 0; k < indices.length; k++) {
              const at = sOffset + indices[k]!;
              const grad = g * values[k]! + l2 * model.sparse[at]!;
              adagrad[at]! += grad * grad;
              model.sparse[at]! -= (sparseLr * grad) / Math.sqrt(adagrad[at]!);
            }
          }
        }
      }
      step++;
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      for (let i = 0; i < gradDense.length; i++) {
        const g = gradDense[i]! + l2 * model.dense[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        model.dense[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8);
      }
      for (let c = 0; c < classes; c++) {
        const g = gradBias[c]!;
        mb[c] = beta1 * mb[c]! + (1 - beta1) * g;
        vb[c] = beta2 * vb[c]! + (1 - beta2) * g * g;
        model.bias[c]! -= (lr * (mb[c]! / c1)) / (Math.sqrt(vb[c]! / c2) + 1e-8);
      }
    }
    options.onEpoch?.(epoch, loss / samples.length);
  }
  return model;
}
