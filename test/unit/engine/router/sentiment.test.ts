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

describe('support messages', () => {
  it('reads threats as negative, however calm their words', () => {
    for (const text of ['If this is not sorted today my lawyer will be in touch.', "I'm filing a chargeback with my bank.", "I'll post this everywhere so nobody else buys from you."]) {
      expect(['negative', 'angry'], text).toContain(scoreSentiment(text).label);
    }
  });

  it('reads praise wrapped around a failure as sarcasm, and honest praise as praise', () => {
    expect(scoreSentiment('Awesome, the replacement is broken too.').score).toBeLessThan(0);
    expect(scoreSentiment('Thanks for nothing, seriously.').score).toBeLessThan(0);
    expect(scoreSentiment('Awesome, the replacement arrived and works perfectly.').label).toBe('positive');
  });

  it('reads a shouted message as anger, and shouted thanks as thanks', () => {
    expect(scoreSentiment('WHERE IS MY ORDER').label).toBe('angry');
    expect(scoreSentiment('THANK YOU SO MUCH').label).toBe('positive');
  });

  it('does not read commerce words as feelings', () => {
    for (const text of ['Can the refund go to a gift card instead?', 'Please cancel order #W1304208, I ordered it by mistake.', 'The order number is W7623533.']) {
      expect(scoreSentiment(text).label, text).toBe('neutral');
    }
  });
});
