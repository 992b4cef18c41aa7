import type { Entity } from '../types.js';
import { entityAt, groupSpan } from './span.js';

/** US ZIP codes, only with context: the words zip/postal code, or after a state abbreviation ("Austin, TX 78701"). */
const AFTER_WORD = /\b(?:zip|zipcode|zip code|postal code|postcode)\b\s*(?:is|:|=|#)?\s*(\d{5}(?:-\d{4})?)(?![\d-])/gid;
const AFTER_STATE = /\b[A-Z]{2},?\s+(\d{5}(?:-\d{4})?)(?![\d-])/gd;
const STATES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(' '),
);

export function findZipCodes(message: string): Entity[] {
  const found: Entity[] = [];
  for (const m of message.matchAll(AFTER_WORD)) {
    const span = groupSpan(m, 1);
    if (span) found.push(entityAt(message, 'zip', span[0], span[1], m[1]!));
  }
  for (const m of message.matchAll(AFTER_STATE)) {
    const span = groupSpan(m, 1);
    if (span && STATES.has(m[0].slice(0, 2))) found.push(entityAt(message, 'zip', span[0], span[1], m[1]!));
  }
  return found;
}
