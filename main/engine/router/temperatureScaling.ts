import { softmax } from './softmax.js';

/** Mean negative log-likelihood of the true labels under softmax(logits / temperature). */
export function negativeLogLikelihood(logitRows: readonly ArrayLike<number>[], labels: readonly number[], temperature: number): number {
  if (logitRows.length === 0) return 0;
  let total = 0;
  logitRows.forEach((row, i) => {
    total -= Math.log(Math.max(softmax(row, temperature)[labels[i]!]!, 1e-12));
  });
  return total / logitRows.length;
}

/**
 * Temperature scaling (Guo et al. 2017): one scalar T fitted on held-out logits by minimising NLL.
 * It changes how confident the model is, never which intent wins, so the seed's thresholds
 * ("escalate below 0.5") compare against probabilities that match observed accuracy.
 * NLL is convex in 1/T, so a golden-section search over log T is enough.
 */
export function fitTemperature(logitRows: readonly ArrayLike<number>[], labels: readonly number[]): number {
  if (logitRows.length < 2) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  const f = (logT: number): number => negativeLogLikelihood(logitRows, labels, Math.exp(logT));
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
