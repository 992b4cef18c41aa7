import type { Entity } from '../types.js';
import { entityAt } from './span.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const SLASHED = /\b(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/g;
const MONTH_DAY = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, 'gi');
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}(?:,?\s+(\d{4}))?\b`, 'gi');
const RELATIVE = /\b(today|tonight|yesterday|tomorrow|the day before yesterday|(?:last|this|next) (?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\d+ (?:days?|weeks?|months?) ago)\b/gi;

/**
 * Dates with their span. Absolute dates get an ISO value (year left as '????' when not written);
 * relative ones ("yesterday", "last Monday", "3 days ago") keep the phrase, lower-cased, because
 * resolving them needs the message's timestamp, which the caller has.
 */
export function findDates(message: string): Entity[] {
  const found: Entity[] = [];
  for (const m of message.matchAll(ISO)) {
    if (validDay(Number(m[2]), Number(m[3]))) found.push(entityAt(message, 'date', m.index, m.index + m[0].length, m[0]));
  }
  for (const m of message.matchAll(SLASHED)) {
    // US order (month/day) as the shop is American; an impossible month means day/month.
    let [month, day] = [Number(m[1]), Number(m[2])];
    if (month > 12 && day <= 12) [month, day] = [day, month];
    if (!validDay(month, day)) continue;
    const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
    found.push(entityAt(message, 'date', m.index, m.index + m[0].length, iso(year, month, day)));
  }
  for (const m of message.matchAll(MONTH_DAY)) {
    const month = monthNumber(m[1]!);
    const day = Number(m[2]);
    if (validDay(month, day)) found.push(entityAt(message, 'date', m.index, m.index + m[0].length, iso(m[3] ?? '????', month, day)));
  }
  for (const m of message.matchAll(DAY_MONTH)) {
    const month = monthNumber(m[2]!);
    const day = Number(m[1]);
    if (validDay(month, day)) found.push(entityAt(message, 'date', m.index, m.index + m[0].length, iso(m[3] ?? '????', month, day)));
  }
  for (const m of message.matchAll(RELATIVE)) {
    const text = m[0].replace(/^on /i, '');
    const start = m.index + (m[0].length - text.length);
    found.push(entityAt(message, 'date', start, start + text.length, text.toLowerCase()));
  }
  return found;
}

function monthNumber(name: string): number {
  const key = name.toLowerCase().replace('.', '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

function validDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function iso(year: string, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
