import type { Entity } from '../types.js';
import { entityAt } from './span.js';

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const WORDS: Record<string, string> = {
  usd: 'USD', dollar: 'USD', dollars: 'USD', bucks: 'USD', eur: 'EUR', euro: 'EUR', euros: 'EUR',
  gbp: 'GBP', pound: 'GBP', pounds: 'GBP', cad: 'CAD', aud: 'AUD', jpy: 'JPY', yen: 'JPY',
};
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const SYMBOL_FIRST = new RegExp(String.raw`(?:(USD|EUR|GBP|CAD|AUD)\s?)?([$€£¥])\s?(${NUMBER})(?!\d)`, 'g');
const CODE_FIRST = new RegExp(String.raw`\b(USD|EUR|GBP|CAD|AUD|JPY)\s?(${NUMBER})(?!\d)`, 'g');
const WORD_AFTER = new RegExp(String.raw`(?<![\d.,$€£¥])(${NUMBER})\s?(usd|eur|gbp|cad|aud|jpy|dollars?|bucks|euros?|pounds?|yen)\b`, 'gi');

/** Money in integer cents (never floats): "$1,299.5" → 129950. */
export function toCents(amount: string): number {
  const [whole, fraction = ''] = amount.replace(/,/g, '').split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

export function findMoney(message: string): Entity[] {
  const found: Entity[] = [];
  const push = (start: number, end: number, amount: string, currency: string): void => {
    const cents = toCents(amount);
    if (!Number.isSafeInteger(cents)) return;
    found.push(entityAt(message, 'money', start, end, `${(cents / 100).toFixed(2)} ${currency}`, { amountCents: cents, currency }));
  };
  for (const m of message.matchAll(SYMBOL_FIRST)) {
    const currency = m[1] ?? (m[2] === '$' ? 'USD' : SYMBOLS[m[2]!]!);
    push(m.index, m.index + m[0].length, m[3]!, currency);
  }
  for (const m of message.matchAll(CODE_FIRST)) push(m.index, m.index + m[0].length, m[2]!, m[1]!);
  for (const m of message.matchAll(WORD_AFTER)) push(m.index, m.index + m[0].length, m[1]!, WORDS[m[2]!.toLowerCase()]!);
  return found;
}
