import { describe, expect, it } from 'vitest';
import { CatalogueMatcher } from '../../../../main/engine/router/entities/catalogue.js';
import { extractEntities } from '../../../../main/engine/router/entities/extractEntities.js';
import { toCents } from '../../../../main/engine/router/entities/moneyAmounts.js';
import type { Entity } from '../../../../main/engine/router/types.js';

const catalogue = new CatalogueMatcher([
  { id: 'p-shirt', name: 'T-Shirt', variants: [{ itemId: 'i1', options: { color: 'blue', size: 'XL' }, priceCents: 5088, available: true }] },
  { id: 'p-kb', name: 'Mechanical Keyboard', variants: [{ itemId: 'i2', options: { switch: 'brown' }, priceCents: 12000, available: true }] },
  { id: 'p-watch', name: 'Smart Watch', variants: [] },
]);

function spans(message: string): [Entity['kind'], string, string][] {
  const entities = extractEntities(message, catalogue);
  for (const e of entities) expect(message.slice(e.start, e.end)).toBe(e.text);
  return entities.map((e) => [e.kind, e.text, e.value]);
}

describe('entity extraction', () => {
  it('finds the shop order id with and without #, and bare numbers only after "order"', () => {
    expect(spans('Where is #W2378156?')).toEqual([['order_id', '#W2378156', '#W2378156']]);
    expect(spans('order w2378156 please')).toEqual([['order_id', 'w2378156', '#W2378156']]);
    expect(spans('my order number is 2378156')).toEqual([['order_id', '2378156', '2378156']]);
    expect(spans('I waited 2378156 seconds')).toEqual([]);
  });

  it('gives exact spans for a name, order id and email in one message', () => {
    const message = "Hi, I'm Yusuf Rossi. My order #W2378156 hasn't arrived, email yusuf.rossi@example.com.";
    const entities = extractEntities(message, catalogue);
    const at = (text: string): [number, number] => [message.indexOf(text), message.indexOf(text) + text.length];
    expect(entities.map((e) => [e.kind, e.start, e.end])).toEqual([
      ['person_name', ...at('Yusuf Rossi')],
      ['order_id', ...at('#W2378156')],
      ['email', ...at('yusuf.rossi@example.com')],
    ]);
  });

  it('reads names after "my name is" and stops at ordinary words', () => {
    expect(spans('my name is Noah Brown and I need help')).toEqual([['person_name', 'Noah Brown', 'Noah Brown']]);
    expect(spans("I'm Very upset")).toEqual([]);
    expect(spans('This is Not ok')).toEqual([]);
  });

  it('converts money to integer cents with the currency', () => {
    const entities = extractEntities('I paid $1,299.50, then €20 and 49.99 dollars', null);
    expect(entities.map((e) => [e.text, e.amountCents, e.currency])).toEqual([
      ['$1,299.50', 129950, 'USD'],
      ['€20', 2000, 'EUR'],
      ['49.99 dollars', 4999, 'USD'],
    ]);
    expect(toCents('0.5')).toBe(50);
    expect(toCents('12')).toBe(1200);
  });

  it('finds phones with separators, zip codes with context and tracking numbers after "tracking"', () => {
    expect(spans('call me at (555) 123-4567')).toEqual([['phone', '(555) 123-4567', '5551234567']]);
    expect(spans('+1 555 987 6543')).toEqual([['phone', '+1 555 987 6543', '+15559876543']]);
    expect(spans('zip code is 80279')).toEqual([['zip', '80279', '80279']]);
    expect(spans('Austin, TX 78701')).toEqual([['zip', '78701', '78701']]);
    expect(spans('I have 80279 points')).toEqual([]);
    expect(spans('tracking number 357962501027')).toEqual([['tracking_number', '357962501027', '357962501027']]);
  });

  it('normalises absolute dates to ISO and keeps relative ones as phrases', () => {
    expect(spans('ordered on May 5th, 2024')).toEqual([['date', 'May 5th, 2024', '2024-05-05']]);
    expect(spans('since 2024-03-01')).toEqual([['date', '2024-03-01', '2024-03-01']]);
    expect(spans('it was 03/14/2024')).toEqual([['date', '03/14/2024', '2024-03-14']]);
    expect(spans('I ordered yesterday')).toEqual([['date', 'yesterday', 'yesterday']]);
  });

  it('matches catalogue products (plural, hyphen-insensitive) and options only of a named product', () => {
    expect(spans('two blue t shirts in XL')).toEqual([
      ['product_option', 'blue', 'blue'],
      ['product', 't shirts', 'T-Shirt'],
      ['product_option', 'XL', 'XL'],
    ]);
    expect(spans('my mood is blue')).toEqual([]);
    expect(spans('is the smart watch waterproof')).toEqual([['product', 'smart watch', 'Smart Watch']]);
  });

  it('never lets two entities overlap: the email wins over the name-like text inside it', () => {
    const entities = extractEntities('contact me: noah.brown7922@example.com or order W2611340', catalogue);
    for (let i = 1; i < entities.length; i++) expect(entities[i]!.start).toBeGreaterThanOrEqual(entities[i - 1]!.end);
    expect(entities.map((e) => e.kind)).toEqual(['email', 'order_id']);
  });

  it('survives hostile input: 50k characters, emoji only, mixed scripts', () => {
    const long = `${'refund '.repeat(7000)} #W2378156`;
    const started = performance.now();
    expect(() => extractEntities(long, catalogue)).not.toThrow();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(extractEntities('😡😡😡', catalogue)).toEqual([]);
    expect(spans('我的订单 #W2378156 在哪里')).toEqual([['order_id', '#W2378156', '#W2378156']]);
  });
});
