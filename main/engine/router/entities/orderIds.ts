import type { Entity } from '../types.js';
import { entityAt, groupSpan } from './span.js';

/**
 * Order ids: the shop's own form (#W2378156, W2378156) anywhere, and bare numbers only when the words
 * around them say "order" ("order 2378156", "order number is 12345"), so amounts and phone numbers
 * are not mistaken for orders.
 */
const PREFIXED = /(?<![\p{L}\p{N}])(#?\s?)(W\d{7})(?!\p{N})/giu;
const CONTEXTUAL = /\border(?:\s+(?:number|no\.?|id|#))?\s*(?:is|was|:|=)?\s*#?(\d{4,12})(?!\d|[.,]\d)/gid;

export function findOrderIds(message: string): Entity[] {
  const found: Entity[] = [];
  for (const match of message.matchAll(PREFIXED)) {
    const id = match[2]!.toUpperCase();
    const start = match.index + (match[1]!.startsWith('#') ? 0 : match[1]!.length);
    const end = match.index + match[0].length;
    found.push(entityAt(message, 'order_id', start, end, `#${id}`));
  }
  for (const match of message.matchAll(CONTEXTUAL)) {
    const span = groupSpan(match, 1);
    if (!span) continue;
    found.push(entityAt(message, 'order_id', span[0], span[1], match[1]!));
  }
  return found;
}
