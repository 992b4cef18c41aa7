import { describe, expect, it } from 'vitest';
import { calibrateOutOfScope, isOutOfScope, MAX_IN_SCOPE_LOSS } from '../../../../main/engine/router/outOfScope.js';
import { seededRandom } from '../../../../main/engine/router/seededRandom.js';
import { fitTemperature, negativeLogLikelihood } from '../../../../main/engine/router/temperatureScaling.js';

/** Logits of an over-confident model: right 70% of the time but with margins that claim ~99%. */
function overconfident(n: number, seed: number): { rows: number[][]; labels: number[] } {
  const random = seededRandom(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const truth = Math.floor(random() * 4);
    const predicted = random() < 0.7 ? truth : (truth + 1 + Math.floor(random() * 3)) % 4;
    rows.push([0, 1, 2, 3].map((c) => (c === predicted ? 8 : random())));
    labels.push(truth);
  }
  return { rows, labels };
}

describe('temperature scaling', () => {
  it('reduces the negative log-likelihood of an over-confident model on held-out data', () => {
    const fit = overconfident(400, 1);
    const temperature = fitTemperature(fit.rows, fit.labels);
    expect(temperature).toBeGreaterThan(1.5);
    const check = overconfident(400, 2);
    expect(negativeLogLikelihood(check.rows, check.labels, temperature)).toBeLessThan(negativeLogLikelihood(check.rows, check.labels, 1));
  });

  it('returns 1 when there is nothing to fit', () => {
    expect(fitTemperature([], [])).toBe(1);
  });
});

describe('out-of-scope thresholds', () => {
  it('separates held-out out-of-scope examples that have low probability and no near example', () => {
    const decisions = [
      ...Array.from({ length: 50 }, (_, i) => ({ predicted: 1, truth: 1, maxProbability: 0.7 + (i % 10) / 40, nearestSimilarity: 0.8 })),
      ...Array.from({ length: 10 }, (_, i) => ({ predicted: 1, truth: 0, maxProbability: 0.3 + i / 100, nearestSimilarity: 0.4 })),
    ];
    const thresholds = calibrateOutOfScope(decisions, 0);
    expect(isOutOfScope(0.35, 0.45, thresholds)).toBe(true);
    expect(isOutOfScope(0.9, 0.85, thresholds)).toBe(false);
  });

  it('without out-of-scope examples keeps the thresholds low enough for nearly all correct in-scope messages', () => {
    const decisions = Array.from({ length: 100 }, (_, i) => ({ predicted: 1, truth: 1, maxProbability: 0.5 + i / 200, nearestSimilarity: 0.6 + i / 400 }));
    const thresholds = calibrateOutOfScope(decisions, -1);
    const passing = decisions.filter((d) => !isOutOfScope(d.maxProbability, d.nearestSimilarity, thresholds)).length;
    expect(passing).toBeGreaterThanOrEqual(94);
  });

  it('never gives up more in-scope accuracy than the bound, even when out-of-scope examples look like in-scope ones', () => {
    const random = seededRandom(3);
    const decisions = [
      ...Array.from({ length: 200 }, () => ({ predicted: 1, truth: 1, maxProbability: 0.4 + random() * 0.6, nearestSimilarity: 0.5 + random() * 0.5 })),
      ...Array.from({ length: 20 }, () => ({ predicted: 1, truth: 0, maxProbability: 0.4 + random() * 0.6, nearestSimilarity: 0.5 + random() * 0.5 })),
    ];
    const thresholds = calibrateOutOfScope(decisions, 0);
    const kept = decisions.filter((d) => d.truth === 1 && !isOutOfScope(d.maxProbability, d.nearestSimilarity, thresholds)).length;
    expect(kept / 200).toBeGreaterThanOrEqual(1 - MAX_IN_SCOPE_LOSS);
  });
});
