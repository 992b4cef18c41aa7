import { describe, expect, it } from 'vitest';
import {
  bestCosine,
  focusedQueryTerms,
  focusedText,
  isLongQuery,
  LONG_QUERY,
  querySentences,
  repeatByFrequency,
} from '../../../../main/engine/knowledge/longQuery.js';

const unit = (...xs: number[]): Float32Array => {
  const norm = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / norm));
};

describe('long queries', () => {
  it('are messages longer than one chunk', () => {
    expect(isLongQuery('x'.repeat(500))).toBe(false);
    expect(isLongQuery('x'.repeat(501))).toBe(true);
  });

  it('split into sentences after . ! ? and at line breaks, leaving out fragments', () => {
    const text = 'My card was declined at the store today. Why did that happen?\n2.\n## How to behave\nI would like a new card sent to my home!';
    expect(querySentences(text)).toEqual(['My card was declined at the store today.', 'Why did that happen?', 'I would like a new card sent to my home!']);
    const many = Array.from({ length: LONG_QUERY.maxSentences + 10 }, (_, i) => `This is sentence number ${i}.`).join(' ');
    expect(querySentences(many)).toHaveLength(LONG_QUERY.maxSentences);
  });

  it('repeat each term as often as the text says it, capped, at least once', () => {
    const text = 'Fee, fee, FEE. The fee was a fee: fee fee. Refund please.';
    expect(repeatByFrequency(['fee', 'refund', 'damag'], text, 4)).toEqual(['fee', 'fee', 'fee', 'fee', 'refund', 'damag']);
    expect(repeatByFrequency(['fee'], text, 1)).toEqual(['fee']);
  });

  it('keep the most relevant share of the sentences, in their original order', () => {
    const sentences = ['a one', 'b two', 'c three', 'd four', 'e five'];
    expect(focusedText(sentences, [0.1, 0.9, 0.2, 0.8, 0.3], 0.5)).toBe('b two\nd four\ne five');
    // Ties keep the earlier sentence; at least one sentence is always kept.
    expect(focusedText(sentences, [0, 0, 0, 0, 0], 0.1)).toBe('a one');
    expect(focusedText([], [], 0.5)).toBe('');
    expect(() => focusedText(sentences, [1], 0.5)).toThrow(/5 sentences but 1/);
  });

  it('score a sentence by its best cosine to the passages', () => {
    expect(bestCosine(unit(1, 0), [unit(0, 1), unit(1, 1)])).toBeCloseTo(Math.SQRT1_2, 6);
    expect(bestCosine(unit(1, 0), [])).toBe(-1);
  });

  it('build the focused BM25 terms from the sentences nearest the passages, within the admitted terms', () => {
    const focus = {
      sentences: ['I travel for work and love hotels.', 'I need a higher credit limit on my card.', 'The limit matters before my purchase.'],
      vectors: [unit(0, 0, 1), unit(1, 0, 0), unit(1, 0.1, 0)],
      admitted: ['travel', 'work', 'love', 'hotels', 'higher', 'credit', 'limit', 'card', 'purchase'],
    };
    // Two of three sentences are kept (share 0.5, rounded up): the two about the limit.
    expect(focusedQueryTerms(focus, [unit(1, 0, 0), null], 256)).toEqual(['higher', 'credit', 'limit', 'limit', 'card', 'purchase']);
    // No passage has a vector: no focused query.
    expect(focusedQueryTerms(focus, [null], 256)).toEqual([]);
  });
});
