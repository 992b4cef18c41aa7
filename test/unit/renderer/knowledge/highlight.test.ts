import { describe, expect, it } from 'vitest';
import { highlightPieces, snippetAround } from '../../../../renderer/src/features/knowledge/highlight.js';

const marked = (text: string, terms: string[]): string[] => highlightPieces(text, terms).filter((p) => p.hit).map((p) => p.text);

describe('highlightPieces', () => {
  it('marks whole words that start with a matched term, whatever their case', () => {
    expect(marked('Refunds go back to the original payment method. A refund takes 5 days.', ['refund', 'payment'])).toEqual(['Refunds', 'payment', 'refund']);
  });

  it('does not mark a term inside another word', () => {
    expect(marked('Start the return here.', ['art'])).toEqual([]);
  });

  it('keeps every character of the text, in order', () => {
    const text = 'Gift card (refund) — 30% off? [exchange]';
    expect(highlightPieces(text, ['refund', 'exchange', '(']).map((p) => p.text).join('')).toBe(text);
  });

  it('leaves the text alone when there are no terms', () => {
    expect(highlightPieces('plain', [])).toEqual([{ text: 'plain', hit: false }]);
  });
});

describe('snippetAround', () => {
  it('centres a long chunk on the first matched term', () => {
    const text = `${'Intro words here. '.repeat(30)}Exchanges are allowed once per order. ${'More text after. '.repeat(30)}`;
    const snippet = snippetAround(text, ['exchanges'], 120);
    expect(snippet).toContain('Exchanges are allowed once per order.');
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(130);
  });

  it('returns a short chunk whole', () => {
    expect(snippetAround('Short  policy\ntext.', ['policy'])).toBe('Short policy text.');
  });
});
