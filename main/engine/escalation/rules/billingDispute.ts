import { formatCents } from '../../money.js';
import { findPhrase, flag, type Rule } from './rule.js';

/** Words that make a money conversation a dispute about a charge. */
export const DISPUTE_PATTERNS: readonly RegExp[] = [
  /\b(?:dispute|disputing|disputed)\b/i,
  /\b(?:over|double|wrongly|incorrectly|unfairly)[-\s]?charged\b/i,
  /\b(?:unauthori[sz]ed|fraudulent|unexpected|wrong|incorrect|duplicate)\s+(?:charge|payment|transaction|debit)s?\b/i,
  /\bcharged\s+(?:me\s+)?(?:twice|two\s+times|again|without)\b/i,
  /\b(?:billing|invoice)\s+(?:error|mistake|issue|problem)\b/i,
  /\bnever\s+(?:authori[sz]ed|agreed\s+to)\b/i,
];

/**
 * A dispute about more than the configured amount (seed: $500). The amount comes from the message's
 * money entities, or from the paid total of an order the message names. Strictly over: $500.00 is not.
 */
export const billingDispute: Rule = (input, config) => {
  const messages = input.customerMessages;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    const hit = findPhrase([message], DISPUTE_PATTERNS);
    if (!hit) continue;
    // The amount may have been given earlier ("I was charged $650") and disputed later ("I dispute it").
    const amountIn = (m: (typeof messages)[number]): number => Math.max(0, ...m.amountsCents, ...m.orderTotalsCents);
    const amount = amountIn(message) || Math.max(0, ...messages.slice(0, i).map(amountIn));
    if (amount <= config.billingDisputeOverCents) continue;
    return flag(
      'billing_dispute',
      config,
      `Billing dispute over ${formatCents(config.billingDisputeOverCents)}: ${formatCents(amount)} in question.`,
      { messageId: message.id, messageSeq: message.seq, amountCents: amount, span: { start: hit.start, end: hit.end, text: hit.text } },
    );
  }
  return null;
};
