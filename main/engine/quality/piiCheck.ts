import type { Finding, GateInput } from './types.js';

/** Luhn checksum: tells a card number from an order or tracking number of the same length. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?<![\d#])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)|(?<![\d#])\+\d{1,3}[\s.-]?\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?!\d)/g;
const STREET =
  /\b\d{1,6}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Circle|Parkway|Pkwy|Highway|Hwy)\b\.?(?:,?\s+(?:Suite|Apt|Unit)\s*\w+)?/g;
const ORDER_ID = /#W\d{7}\b/g;
const LONG_NUMBER = /(?<![\d#$.,])\d{9,}(?!\d|[.,]\d)/g;

const digitsOf = (text: string): string => text.replace(/\D/g, '');
const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function finding(kind: 'pii' | 'other_customer', start: number, end: number, message: string, redaction: string): Finding {
  return { kind, severity: 'blocking', start, end, message, fix: { kind: 'replace', start, end, replacement: redaction, label: `Replace with ${redaction}` } };
}

/**
 * Personal data that is not the verified customer's own: card numbers (Luhn-valid), emails, phone
 * numbers, street addresses, and order or tracking numbers no tool returned for this customer.
 */
export function piiCheck(input: GateInput): Finding[] {
  const text = input.draft;
  const customer = input.customer;
  const findings: Finding[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (start: number, end: number): boolean => taken.some(([s, e]) => start < e && end > s);
  const add = (f: Finding): void => {
    if (overlaps(f.start, f.end)) return;
    taken.push([f.start, f.end]);
    findings.push(f);
  };
  const knownStrings = input.facts.strings;
  const ownEmails = new Set((customer?.emails ?? []).map((e) => e.toLowerCase()));
  const ownPhones = new Set((customer?.phones ?? []).map((p) => digitsOf(p).slice(-10)));
  const ownAddresses = (customer?.addresses ?? []).map(squash).filter((a) => a.length > 0);
  const ownOrders = new Set([...(customer?.orderIds ?? []), ...input.facts.orders.keys()].map((o) => o.toUpperCase()));

  for (const m of text.matchAll(CARD)) {
    const digits = digitsOf(m[0]);
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) && !knownStrings.has(digits)) {
      add(finding('pii', m.index, m.index + m[0].length, 'A payment card number must never appear in a reply.', '[card number removed]'));
    }
  }
  for (const m of text.matchAll(EMAIL)) {
    if (ownEmails.has(m[0].toLowerCase())) continue;
    add(finding('pii', m.index, m.index + m[0].length, 'This email address is not the verified customer\'s.', '[email removed]'));
  }
  for (const m of text.matchAll(PHONE)) {
    if (ownPhones.has(digitsOf(m[0]).slice(-10))) continue;
    add(finding('pii', m.index, m.index + m[0].length, 'This phone number is not the verified customer\'s.', '[phone number removed]'));
  }
  for (const m of text.matchAll(STREET)) {
    const found = squash(m[0]);
    if (ownAddresses.some((own) => own.includes(found) || found.includes(own))) continue;
    add(finding('pii', m.index, m.index + m[0].length, 'This street address is not the verified customer\'s address on file.', '[address removed]'));
  }
  for (const m of text.matchAll(ORDER_ID)) {
    if (ownOrders.has(m[0].toUpperCase())) continue;
    add(finding('other_customer', m.index, m.index + m[0].length, 'No tool returned this order for the verified customer: it may be another customer\'s.', '[order number removed]'));
  }
  for (const m of text.matchAll(LONG_NUMBER)) {
    if (knownStrings.has(m[0]) || overlaps(m.index, m.index + m[0].length)) continue;
    add(finding('other_customer', m.index, m.index + m[0].length, 'This number (tracking, account or phone) was not in any tool result for this customer.', '[number removed]'));
  }
  return findings;
}
