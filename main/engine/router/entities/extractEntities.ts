import type { Entity, EntityKind } from '../types.js';
import type { CatalogueMatcher } from './catalogue.js';
import { findEmails, findPhones } from './contactDetails.js';
import { findDates } from './dates.js';
import { findMoney } from './moneyAmounts.js';
import { findOrderIds } from './orderIds.js';
import { findPersonNames } from './personNames.js';
import { findTrackingNumbers } from './trackingNumbers.js';
import { findZipCodes } from './zipCodes.js';

/** Longer texts are scanned up to here: entities that matter come early, and regexes stay fast. */
const SCAN_LIMIT = 20_000;

/**
 * When two finders claim overlapping text, the more specific kind wins (an email beats the name
 * inside it, a tracking number beats a phone-shaped run of digits), then the longer span.
 */
const PRIORITY: readonly EntityKind[] = [
  'email', 'tracking_number', 'order_id', 'money', 'phone', 'zip', 'date', 'product', 'product_option', 'person_name',
];

export function extractEntities(message: string, catalogue: CatalogueMatcher | null): Entity[] {
  const text = message.length > SCAN_LIMIT ? message.slice(0, SCAN_LIMIT) : message;
  const candidates = [
    ...findEmails(text),
    ...findTrackingNumbers(text),
    ...findOrderIds(text),
    ...findMoney(text),
    ...findPhones(text),
    ...findZipCodes(text),
    ...findDates(text),
    ...(catalogue ? catalogue.find(text) : []),
    ...findPersonNames(text),
  ];
  candidates.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Entity[] = [];
  for (const candidate of candidates) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
