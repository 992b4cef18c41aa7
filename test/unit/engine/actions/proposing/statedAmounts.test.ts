import { describe, expect, it } from 'vitest';
import { readStatedAmounts } from '../../../../../main/engine/actions/proposing/statedAmounts.js';

describe('amounts a customer states', () => {
  it('reads dollar amounts in the ways people write them, in cents', () => {
    expect(readStatedAmounts("that's $929.79.").map((a) => a.cents)).toEqual([92_979]);
    expect(readStatedAmounts('refund 50 dollars, or USD 12.5, or 20 bucks').map((a) => a.cents)).toEqual([5000, 1250, 2000]);
    expect(readStatedAmounts('I paid $1,380.79 in total')[0]).toMatchObject({ cents: 138_079, currency: 'USD', problem: null });
  });

  it('names what is wrong with an amount instead of reading a different one', () => {
    expect(readStatedAmounts('I want $1,0000 back')).toEqual([{ raw: '$1,0000', cents: null, currency: 'USD', problem: 'unclear', role: 'asked' }]);
    expect(readStatedAmounts('refund -$20 please')[0]).toMatchObject({ problem: 'not_positive', cents: null });
    expect(readStatedAmounts('give me $0')[0]).toMatchObject({ problem: 'not_positive' });
    expect(readStatedAmounts('I want €40 back')[0]).toMatchObject({ problem: 'currency', currency: 'EUR', cents: null });
    expect(readStatedAmounts('30 pounds')[0]).toMatchObject({ problem: 'currency', currency: 'GBP' });
  });

  it('ignores numbers that are not money', () => {
    expect(readStatedAmounts('order #W4817420, zip 78234, 2 items')).toEqual([]);
  });
});

describe('what a stated amount is', () => {
  it('tells a charge the customer reports from an amount they ask for', () => {
    expect(readStatedAmounts('I was charged $1,380.79 for order #W4817420').map((a) => a.role)).toEqual(['charged']);
    expect(readStatedAmounts('I paid $50 and want $20 back').map((a) => [a.cents, a.role])).toEqual([[5000, 'charged'], [2000, 'asked']]);
    expect(readStatedAmounts("that's $929.79").map((a) => a.role)).toEqual(['asked']);
  });
});
