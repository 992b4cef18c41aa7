import { formatCents } from '../money.js';
import { removalOf, sentenceAt, type Span } from './sentences.js';
import type { Finding, GateInput } from './types.js';

const MONEY = /\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)/g;
const REFUND_DONE =
  /\b(?:refund(?:s)?\b(?:[^.!?\n]|\.(?=\d)){0,40}?\b(?:has|have|was|were|is|'s)\s+(?:been\s+)?(?:processed|issued|completed|sent|credited|approved|refunded)|(?:we|i)(?:'ve| have)?\s+(?:already\s+)?(?:refunded|processed\s+(?:your|the)\s+refund|issued\s+(?:your|a|the)\s+refund))/gi;
const STATUS_CLAIM =
  /\b(?:order|it|package|parcel)\b(?:[^.!?\n]|\.(?=\d)){0,60}?\b(?:has been|had been|was|is|has)\s+(?:already\s+|now\s+|still\s+)?(delivered|shipped|cancelled|canceled|returned|exchanged|processed|pending)\b/gi;
const TICKET = /\bticket\s+(?:#|number\s+|no\.?\s*)?([A-Z]{1,5}-?\d{2,}|\d{3,})\b/gi;
const WHEN = '(?:today|tonight|tomorrow|this week|next week|monday|tuesday|wednesday|thursday|friday|saturday|sunday|by \\w+|within \\d+|in \\d+)';
const PROMISE = new RegExp(
  `\\b(?:guarantee[ds]?|promise|will (?:definitely|certainly) |(?:ships?|shipping|arrives?|be delivered|reach(?:es)? you|be there)\\b[^.!?\\n]{0,25}?\\b${WHEN}|(?:full|complete) refund (?:is|will be) (?:guaranteed|coming|on (?:its|the) way))`,
  'gi',
);
const DATE =
  /\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)\b/gi;

const STATUS_WORDS: Record<string, string> = { canceled: 'cancelled' };

function centsOf(whole: string, fraction: string | undefined): number {
  return Number(whole.replace(/,/g, '')) * 100 + (fraction ? Number(fraction.padEnd(2, '0')) : 0);
}

function evidenceAmounts(texts: readonly string[]): Set<number> {
  const amounts = new Set<number>();
  for (const text of texts) for (const m of text.matchAll(MONEY)) amounts.add(centsOf(m[1]!, m[2]));
  return amounts;
}

function removeSentence(input: GateInput, spans: readonly Span[], offset: number, label = 'Remove this sentence') {
  const sentence = sentenceAt(spans, offset);
  const { start, end } = removalOf(input.draft, sentence);
  return { kind: 'remove' as const, start, end, label };
}

/**
 * Every amount, order state, refund outcome, ticket reference, date and promise in a draft must be
 * backed by a tool result or a cited chunk. The check reads the structured results directly; no
 * second model is asked whether the draft "sounds right".
 */
export function claimsCheck(input: GateInput, spans: readonly Span[]): Finding[] {
  const text = input.draft;
  const facts = input.facts;
  const findings: Finding[] = [];
  const supportedAmounts = new Set([...facts.amountsCents, ...evidenceAmounts(input.evidenceTexts)]);
  const evidenceLower = input.evidenceTexts.join('\n').toLowerCase();

  for (const m of text.matchAll(MONEY)) {
    const cents = centsOf(m[1]!, m[2]);
    if (supportedAmounts.has(cents)) continue;
    const start = m.index;
    const end = start + m[0].length;
    // The verified value to offer: the amount a refund tool returned (or the one awaiting approval), if there is exactly one.
    const candidates = new Set<number>([
      ...facts.refundsProcessed.map((r) => r.refundedCents),
      ...facts.refundsAwaitingApproval.flatMap((r) => (r.amountCents === null ? [] : [r.amountCents])),
      ...facts.refundsAwaitingAgent.flatMap((r) => (r.amountCents === null ? [] : [r.amountCents])),
      ...(facts.refundsProcessed.length ? [] : facts.eligibility.flatMap((e) => (e.refundableCents === null ? [] : [e.refundableCents]))),
    ]);
    const only = candidates.size === 1 ? [...candidates][0]! : null;
    findings.push({
      kind: 'unsupported_amount',
      severity: 'blocking',
      start,
      end,
      message: `${m[0]} is not an amount any tool result or cited article gives.`,
      fix:
        only !== null
          ? { kind: 'replace', start, end, replacement: formatCents(only), label: `Replace with the verified ${formatCents(only)}` }
          : removeSentence(input, spans, start),
    });
  }

  if (facts.refundsProcessed.length === 0) {
    for (const m of text.matchAll(REFUND_DONE)) {
      const awaiting = facts.refundsAwaitingApproval.length > 0;
      findings.push({
        kind: 'unsupported_claim',
        severity: 'blocking',
        start: m.index,
        end: m.index + m[0].length,
        message: awaiting
          ? 'The refund is waiting for a supervisor\'s approval; it has not been processed.'
          : 'No refund has been processed in this conversation yet.',
        fix: removeSentence(input, spans, m.index),
      });
    }
  }

  const statuses = new Set([...facts.orders.values()].map((o) => o.status.toLowerCase()));
  for (const m of text.matchAll(STATUS_CLAIM)) {
    const claimed = m[1]!.toLowerCase();
    const normalised = STATUS_WORDS[claimed] ?? claimed;
    // "shipped" is how customers say "processed" in this shop: a processed order has left the warehouse.
    const supported = statuses.has(normalised) || (normalised === 'shipped' && statuses.has('processed'));
    if (supported) continue;
    if (/refund/i.test(m[0])) continue;
    const start = m.index + m[0].length - m[1]!.length;
    const end = m.index + m[0].length;
    const only = statuses.size === 1 ? [...statuses][0]! : null;
    findings.push({
      kind: 'unsupported_claim',
      severity: 'blocking',
      start,
      end,
      message: only ? `The order is ${only}, not ${claimed}.` : `No tool result says the order is ${claimed}.`,
      fix: only ? { kind: 'replace', start, end, replacement: only, label: `Replace with "${only}"` } : removeSentence(input, spans, start),
    });
  }

  const tickets = new Set(facts.tickets.map((t) => t.ticketId.toLowerCase()));
  for (const m of text.matchAll(TICKET)) {
    if (tickets.has(m[1]!.toLowerCase())) continue;
    findings.push({
      kind: 'unsupported_claim',
      severity: 'blocking',
      start: m.index,
      end: m.index + m[0].length,
      message: 'No ticket with this reference was opened in this conversation.',
      fix: removeSentence(input, spans, m.index),
    });
  }

  for (const m of text.matchAll(DATE)) {
    if (facts.strings.has(m[0].toLowerCase()) || evidenceLower.includes(m[0].toLowerCase())) continue;
    findings.push({
      kind: 'unsupported_claim',
      severity: 'blocking',
      start: m.index,
      end: m.index + m[0].length,
      message: 'No tool result or cited article gives this date.',
      fix: removeSentence(input, spans, m.index),
    });
  }

  for (const m of text.matchAll(PROMISE)) {
    // Quoting the cited policy ("Orders ship within 2 business days") is grounded, not a promise.
    if (evidenceLower.includes(m[0].toLowerCase())) continue;
    findings.push({
      kind: 'unsupported_claim',
      severity: 'blocking',
      start: m.index,
      end: m.index + m[0].length,
      message: 'This promises something no tool result can guarantee.',
      fix: removeSentence(input, spans, m.index),
    });
  }
  return findings;
}
