import type { Entity } from '../types.js';
import { entityAt, groupSpan } from './span.js';

/**
 * Carrier tracking numbers: UPS "1Z…" anywhere; digit runs (10–22 digits, the shop's carriers use 12)
 * only after the word "tracking", since a long bare number may be an item id.
 */
const UPS = /\b1Z[0-9A-Z]{16}\b/g;
const AFTER_WORD = /\btracking(?:\s+(?:number|no\.?|id|#|code))?\s*(?:is|:|=|#)?\s*([A-Z]{0,2}\d{10,22}[A-Z]{0,2})\b/gid;

export function findTrackingNumbers(message: string): Entity[] {
  const found: Entity[] = [];
  for (const m of message.matchAll(UPS)) found.push(entityAt(message, 'tracking_number', m.index, m.index + m[0].length, m[0]));
  for (const m of message.matchAll(AFTER_WORD)) {
    const span = groupSpan(m, 1);
    if (span) found.push(entityAt(message, 'tracking_number', span[0], span[1], m[1]!.toUpperCase()));
  }
  return found;
}
