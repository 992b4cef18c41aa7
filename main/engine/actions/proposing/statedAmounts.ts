import { toCents } from '../../router/entities/moneyAmounts.js';

/**
 * Amounts a customer states, read for a refund card. Unlike the router's money entities (which keep
 * only well-formed amounts), every money-looking span is returned with what is wrong with it, so a card
 * can say "the customer wrote $1,0000" instead of quietly reading $1 or $10,000.
 */
export type AmountProblem = 'unclear' | 'not_positive' | 'currency';

export interface StatedAmount {
  /** The characters as written. */
  readonly raw: string;
  /** US cents when the amount is usable; null otherwise. */
  readonly cents: number | null;
  readonly currency: string;
  readonly problem: AmountProblem | null;
  /**
   * What the amount is: a charge the customer reports ("I was charged $1,380.79") or an amount they ask
   * for ("that's $929.79", "refund $50"). Only the latter can prefill a refund.
   */
  readonly role: 'asked' | 'charged';
}

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const WORDS: Record<string, string> = {
  usd: 'USD', dollar: 'USD', dollars: 'USD', bucks: 'USD', eur: 'EUR', euro: 'EUR', euros: 'EUR', gbp: 'GBP', pound: 'GBP',
  pounds: 'GBP', quid: 'GBP', cad: 'CAD', aud: 'AUD', jpy: 'JPY', yen: 'JPY', inr: 'INR', rupees: 'INR', mxn: 'MXN', pesos: 'MXN',
};
const CODES = 'USD|EUR|GBP|CAD|AUD|JPY|INR|MXN';
// A wide numeric run (digits with any commas and dots) so malformed groupings are seen whole.
const NUMBER = String.raw`\d[\d,.]*`;
const SIGN = String.raw`(-|−|minus\s+)?`;
const PATTERNS: readonly RegExp[] = [
  // "$50", "-$50", "US$50", "CAD $50", "$ -50"
  new RegExp(String.raw`${SIGN}(?:\b(${CODES})\s?|\bUS)?([$€£¥₹])\s?(-|−)?(${NUMBER})`, 'giu'),
  // "USD 50", "EUR 12.50"
  new RegExp(String.raw`${SIGN}\b(${CODES})\s?(-|−)?(${NUMBER})`, 'gu'),
  // "50 dollars", "12.50 EUR", "20 bucks"
  new RegExp(String.raw`${SIGN}(?<![\d.,$€£¥₹])(${NUMBER})\s?(${Object.keys(WORDS).join('|')})\b`, 'giu'),
];
const WELL_FORMED = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$/;
// "charged me $X", "I paid $X for", "the total was $X": a fact about the order, not what is asked back.
const CHARGE_BEFORE = /\b(?:charged|paid|billed|cost|costs|costed|spent|total(?: was| is|led)?|price(?: was| is)?|priced at|bought (?:it|them) for)\s+(?:me\s+|us\s+)?(?:(?:of|for|about|around|almost|over|nearly)\s+)?$/i;

export function readStatedAmounts(text: string): StatedAmount[] {
  const found: (StatedAmount & { start: number; end: number })[] = [];
  const add = (start: number, end: number, raw: string, number: string, currency: string, negative: boolean): void => {
    if (found.some((f) => start < f.end && end > f.start)) return;
    // A sentence's full stop or comma after the amount is not part of it.
    const digits = number.replace(/[.,]+$/, '');
    const rawText = raw.slice(0, raw.length - (number.length - digits.length));
    const wellFormed = WELL_FORMED.test(digits);
    const cents = wellFormed ? toCents(digits) : null;
    const problem: AmountProblem | null = !wellFormed ? 'unclear' : negative || cents === 0 ? 'not_positive' : currency !== 'USD' ? 'currency' : null;
    const role = CHARGE_BEFORE.test(text.slice(Math.max(0, start - 40), start)) ? 'charged' : 'asked';
    found.push({ start, end: start + rawText.length, raw: rawText, cents: problem ? null : cents, currency, problem, role });
  };
  for (const m of text.matchAll(PATTERNS[0]!)) {
    const currency = m[2]?.toUpperCase() ?? SYMBOLS[m[3]!]!;
    add(m.index, m.index + m[0].length, m[0], m[5]!, currency, Boolean(m[1] || m[4]));
  }
  for (const m of text.matchAll(PATTERNS[1]!)) add(m.index, m.index + m[0].length, m[0], m[4]!, m[2]!, Boolean(m[1] || m[3]));
  for (const m of text.matchAll(PATTERNS[2]!)) add(m.index, m.index + m[0].length, m[0], m[2]!, WORDS[m[3]!.toLowerCase()]!, Boolean(m[1]));
  return found.sort((a, b) => a.start - b.start).map(({ raw, cents, currency, problem, role }) => ({ raw: raw.trim(), cents, currency, problem, role }));
}
