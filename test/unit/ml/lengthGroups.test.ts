import { describe, expect, it } from 'vitest';
import { groupByLength } from '../../../main/ml/worker/lengthGroups.js';

const sorted = (groups: number[][]): number[] => groups.flat().sort((a, b) => a - b);

describe('groupByLength', () => {
  it('keeps texts of about the same length in one call', () => {
    expect(groupByLength([12, 10, 14, 11], 11)).toEqual([[1, 3, 0, 2]]);
  });

  it('gives a long text its own call instead of padding short ones to its length', () => {
    const groups = groupByLength([8, 8, 40, 8, 8, 8, 8, 8], 11);
    expect(groups).toEqual([[0, 1, 3, 4, 5, 6, 7], [2]]);
  });

  it('joins a long text with short ones when the fixed cost of another call outweighs the padding', () => {
    // Two texts of 5 and 9 tokens: padding costs 4 tokens, a second call 50.
    expect(groupByLength([9, 5], 50)).toEqual([[1, 0]]);
    expect(groupByLength([9, 5], 2)).toEqual([[1], [0]]);
  });

  it('covers every index exactly once, for empty and single inputs too', () => {
    expect(groupByLength([], 11)).toEqual([]);
    expect(groupByLength([0], 11)).toEqual([[0]]);
    const lengths = [3, 90, 15, 15, 60, 2, 33, 7, 120, 14, 16, 17, 9, 80, 5, 40];
    expect(sorted(groupByLength(lengths, 11))).toEqual(lengths.map((_, i) => i));
  });

  it('never costs more than one call for all or one call each', () => {
    const lengths = [3, 90, 15, 15, 60, 2, 33, 7, 120, 14, 16, 17, 9, 80, 5, 40];
    const cost = (groups: number[][]): number => groups.reduce((sum, g) => sum + 11 + g.length * Math.max(...g.map((i) => lengths[i]!)), 0);
    const chosen = cost(groupByLength(lengths, 11));
    expect(chosen).toBeLessThanOrEqual(cost([lengths.map((_, i) => i)]));
    expect(chosen).toBeLessThanOrEqual(cost(lengths.map((_, i) => [i])));
  });
});
