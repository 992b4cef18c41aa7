import { describe, expect, it } from 'vitest';
import { termsWithinBudget } from '../../../../main/engine/knowledge/termStatistics.js';

describe('termsWithinBudget', () => {
  const df = new Map([
    ['order', 12_000],
    ['refund', 6_000],
    ['blender', 900],
    ['damaged', 3_000],
    ['zzz', 0],
  ]);

  it('keeps every term (in query order) when their postings fit, dropping only terms no chunk holds', () => {
    expect(termsWithinBudget(['refund', 'zzz', 'blender', 'order'], df, 100_000)).toEqual(['refund', 'blender', 'order']);
  });

  it('takes the rarest terms first and leaves out the commonest beyond the budget', () => {
    expect(termsWithinBudget(['order', 'refund', 'damaged', 'blender'], df, 5_000)).toEqual(['damaged', 'blender']);
  });

  it('always keeps the rarest term, even over budget', () => {
    expect(termsWithinBudget(['order', 'refund'], df, 1_000)).toEqual(['refund']);
  });

  it('keeps a term without a count (the tokenizer split it) and returns nothing for no known terms', () => {
    expect(termsWithinBudget(['order', 'e-mail'], df, 100_000)).toEqual(['order', 'e-mail']);
    expect(termsWithinBudget(['order', 'e-mail'], df, 1_000)).toEqual(['e-mail']);
    expect(termsWithinBudget(['zzz'], df, 1_000)).toEqual([]);
  });
});
