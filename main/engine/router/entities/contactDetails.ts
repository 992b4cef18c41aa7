import type { Entity } from '../types.js';
import { entityAt, groupSpan } from './span.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/**
 * Phone numbers written with separators or a country code (+1 555 123 4567, (555) 123-4567,
 * 555.123.4567). Ten digits without separators only after the word "phone"/"number": a bare digit run
 * is more often an order, item or tracking id.
 */
const PHONE = /(?<![\p{L}\p{N}+])(\+\d{1,3}[\s.-]?)?(\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\p{N})/gu;
const PHONE_CONTEXT = /\b(?:phone|mobile|cell|call me(?: at| on)?|number)\b[^\d\n]{0,20}(\+?\d{10,12})(?!\d)/gid;

export function findEmails(message: string): Entity[] {
  return [...message.matchAll(EMAIL)].map((m) => {
    // A sentence full stop right after an address belongs to the sentence, not the domain.
    const text = m[0].replace(/\.+$/, '');
    return entityAt(message, 'email', m.index, m.index + text.length, text.toLowerCase());
  });
}

export function findPhones(message: string): Entity[] {
  const found: Entity[] = [];
  for (const m of message.matchAll(PHONE)) found.push(entityAt(message, 'phone', m.index, m.index + m[0].length, normalisePhone(m[0])));
  for (const m of message.matchAll(PHONE_CONTEXT)) {
    const span = groupSpan(m, 1);
    if (span) found.push(entityAt(message, 'phone', span[0], span[1], normalisePhone(m[1]!)));
  }
  return found;
}

function normalisePhone(text: string): string {
  const digits = text.replace(/[^\d]/g, '');
  return text.trim().startsWith('+') ? `+${digits}` : digits;
}
