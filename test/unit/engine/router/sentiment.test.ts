import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../../../../main/engine/router/sentiment.js';

describe('customer sentiment', () => {
  it('labels plain positive, neutral and negative messages', () => {
    expect(scoreSentiment('Thanks, that was really helpful!').label).toBe('positive');
    expect(scoreSentiment('Where is my order?').label).toBe('neutral');
    expect(scoreSentiment('I am disappointed with this purchase').label).toBe('negative');
  });

  it('handles negation, including shouted negations', () => {
    expect(scoreSentiment('I am happy').score).toBeGreaterThan(0);
    expect(scoreSentiment('I am not happy').score).toBeLessThan(0);
    expect(scoreSentiment('This is NOT good').score).toBeLessThan(0);
  });

  it('intensifiers move the score further from zero', () => {
    const plain = scoreSentiment('I am disappointed').score;
    const strong = scoreSentiment('I am extremely disappointed').score;
    expect(strong).toBeLessThan(plain);
  });

  it('counts service failures without sentiment words as negative', () => {
    expect(scoreSentiment("it's not working").label).toBe('negative');
    expect(scoreSentiment('I never received my package').label).toBe('negative');
  });

  it('calls strongly negative or shouted complaints angry', () => {
    expect(scoreSentiment('This is the worst service ever, I am furious').label).toBe('angry');
    expect(scoreSentiment('I am NOT happy, this is TERRIBLE!!!').label).toBe('angry');
  });

  it('is neutral for empty, emoji-free punctuation and whitespace', () => {
    expect(scoreSentiment('   ')).toEqual({ score: 0, label: 'neutral' });
    expect(scoreSentiment('...').label).toBe('neutral');
  });
});
