import { describe, expect, it } from 'vitest';
import { fallbackEntities } from '../../../../main/engine/actions/entityFallback.js';

describe('fallback entity extraction', () => {
  it('finds order ids with or without the #, emails, names with a cue, zips and dollar amounts', () => {
    const e = fallbackEntities("Hi, I'm Yusuf Rossi, zip code 19122. Order W2378156 and #W1234567 — refund $1,204.50 to yusuf.rossi@example.com");
    expect(e.orderIds).toEqual(['#W2378156', '#W1234567']);
    expect(e.emails).toEqual(['yusuf.rossi@example.com']);
    expect(e.names).toEqual([{ first: 'Yusuf', last: 'Rossi' }]);
    expect(e.zip).toBe('19122');
    expect(e.amountsCents).toEqual([120_450]);
  });

  it('takes a zip at the end of an address, but not digits inside amounts or ids', () => {
    expect(fallbackEntities('You are Ethan Garcia, and you live in Denver, 80280.').zip).toBe('80280');
    expect(fallbackEntities('I paid $12345 for order #W1234567').zip).toBeNull();
    expect(fallbackEntities('the total was 12,345.00').zip).toBeNull();
  });

  it('does not take ordinary capitalised words after "I am" as a name, nor a username', () => {
    expect(fallbackEntities('I am Very Upset about this').names).toEqual([]);
    expect(fallbackEntities('You are mei_kovacs_8020 living in zipcode 28236.').names).toEqual([]);
  });
});
