import { describe, expect, it } from 'vitest';
import { mentionedItems, type OrderLine } from '../../../../../main/engine/actions/proposing/itemMentions.js';

const line = (name: string, price: number, options: Record<string, string> = {}, id = name): OrderLine => ({ item_id: id, product_id: name, name, options, price_cents: price });
const ORDER = [line('Water Bottle', 4776), line('Bookshelf', 46304), line('Action Camera', 46675), line('Cycling Helmet', 9000, { color: 'red' })];

describe('items a customer names', () => {
  it('matches full names, head nouns and plurals, case-insensitively', () => {
    expect(mentionedItems('the Bookshelf and the action cameras', ORDER).selected).toEqual([1, 2]);
    expect(mentionedItems('the helmet cracked', ORDER).selected).toEqual([3]);
    expect(mentionedItems('my camera is broken', ORDER).selected).toEqual([2]);
  });

  it('keeps out what the customer keeps, and takes everything for "the whole order"', () => {
    expect(mentionedItems('refund everything except the bookshelf', ORDER)).toMatchObject({ selected: [0, 2, 3], excluded: [1], quantifier: 'all' });
    expect(mentionedItems('refund just the bottle, I want to keep the helmet', ORDER)).toMatchObject({ selected: [0], excluded: [3] });
  });

  it('tells two items of one name apart by option words or price, else reports the ambiguity', () => {
    const tablets = [line('Tablet', 30000, { size: '8-inch', color: 'black' }, 't8'), line('Tablet', 45000, { size: '10-inch', color: 'silver' }, 't10')];
    expect(mentionedItems('return the more expensive tablet', tablets).selected).toEqual([1]);
    expect(mentionedItems('return the black tablet', tablets).selected).toEqual([0]);
    expect(mentionedItems('return the tablet', tablets)).toMatchObject({ selected: [], ambiguous: [{ words: 'tablet', lines: [0, 1] }] });
    expect(mentionedItems('return both tablets', tablets).selected).toEqual([0, 1]);
  });

  it('"both of them" means the two items of a two-item order', () => {
    expect(mentionedItems('can I return both of them?', [line('Notebook', 1200), line('Smart Watch', 19900)]).selected).toEqual([0, 1]);
  });
});
