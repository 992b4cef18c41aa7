import { describe, expect, it } from 'vitest';
import { usableLlmText } from '../../../../main/engine/drafting/draftingService.js';
import { editDistance } from '../../../../main/engine/drafting/editDistance.js';

describe('edit distance between a draft and the sent reply', () => {
  it('counts single-character insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('refund', 'refund')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('Hi Olivia,', 'Hi Olivia, thanks!')).toBe(8);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stays exact for a local edit in a long reply and bounded for a wholesale rewrite', () => {
    const long = 'word '.repeat(3000);
    expect(editDistance(long, long.replace('word word', 'word WORD'))).toBe(4);
    const a = 'a'.repeat(5000);
    const b = 'b'.repeat(5000);
    expect(editDistance(a, b)).toBe(5000);
  });
});

describe('usable LLM text', () => {
  it('cuts a reply that hit the length cap back to its last whole sentence', () => {
    expect(usableLlmText({ text: 'Your order shipped today. The tracking number is', stopReason: 'maxTokens' })).toEqual({ ok: true, text: 'Your order shipped today.' });
  });

  it('refuses a capped reply with no whole sentence, and an empty or wordless one', () => {
    expect(usableLlmText({ text: 'your order has been and the and the', stopReason: 'maxTokens' }).ok).toBe(false);
    expect(usableLlmText({ text: '  ', stopReason: 'end' }).ok).toBe(false);
    expect(usableLlmText({ text: '[1] [2] ...', stopReason: 'end' }).ok).toBe(false);
    expect(usableLlmText({ text: 'Thanks, I will check that for you.', stopReason: 'end' })).toEqual({ ok: true, text: 'Thanks, I will check that for you.' });
  });
});
