import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_DATA_DIR } from '../../../main/engine/demo/demoAssets.js';
import type { DraftCheck } from './scenario.js';

/** What the conversation holds, so a reply never asks for it again. */
export interface ConversationHolds {
  readonly orderId: boolean;
  readonly identity: boolean;
  readonly verified: boolean;
  /** Amounts (cents) of refund cards that can run as proposed or already ran. */
  readonly backedAmounts: readonly number[];
}

const words = (text: string): string[] => text.toLowerCase().replace(/[^a-z0-9$#.\s]/g, ' ').split(/\s+/).filter(Boolean);

/** Runs of eight words of the demo's agent policy (internal: written for agents, never for customers). */
const INTERNAL_SHINGLES: ReadonlySet<string> = (() => {
  const policy = words(readFileSync(join(DEMO_DATA_DIR, 'retail-policy.md'), 'utf8'));
  const set = new Set<string>();
  for (let i = 0; i + 8 <= policy.length; i += 1) set.add(policy.slice(i, i + 8).join(' '));
  return set;
})();

/** A question or request to the customer ("Could you share your order number?"), not a statement about orders. */
const ASKING = String.raw`(?:(?:could|can|would|will) you|please|may i (?:have|ask)|what(?:'s| is) your|let me (?:have|know))`;
const ASKS_ORDER = new RegExp(String.raw`\b${ASKING}\b[^.?!]{0,60}\border (?:number|id)\b`, 'i');
const ASKS_IDENTITY = new RegExp(String.raw`\b${ASKING}\b[^.?!]{0,80}\b(?:email(?: address)?|zip(?: code)?|first and last name|full name)\b`, 'i');
const MONEY = /\$\s?(\d{1,3}(?:,\d{3})*(?:\.\d{2})?)/g;
/** A sentence that offers or reports a refund ("I can refund $X", "your refund of $X"), not one that states a policy limit. */
const PROMISE = /\b(?:i can refund|i'?ll refund|we(?:'ll| will| can) refund|will be refunded|your refund of|refunding|refunded)\b/i;

/** The problems of a drafted reply against one expectation; empty when it meets it. */
export function draftProblems(text: string, check: DraftCheck, holds: ConversationHolds): string[] {
  const problems: string[] = [];
  if (check.greets !== undefined && !new RegExp(`^(?:Hi|Hello|Dear) ${check.greets}\\b`).test(text.trim())) problems.push(`does not greet ${check.greets}: "${text.slice(0, 40)}"`);
  if (check.noReask) {
    if (holds.orderId && ASKS_ORDER.test(text)) problems.push('asks for the order number the customer gave');
    if ((holds.identity || holds.verified) && ASKS_IDENTITY.test(text)) problems.push('asks for identity details the conversation holds');
  }
  if (check.noInternal) {
    const draft = words(text);
    for (let i = 0; i + 8 <= draft.length; i += 1) {
      const run = draft.slice(i, i + 8).join(' ');
      if (INTERNAL_SHINGLES.has(run)) {
        problems.push(`quotes the internal agent policy: "${run}"`);
        break;
      }
    }
  }
  if (check.noPromise) {
    for (const sentence of text.split(/(?<=[.!?])\s+/)) {
      if (!PROMISE.test(sentence)) continue;
      const amounts = [...sentence.matchAll(MONEY)].map((m) => Math.round(Number(m[1]!.replace(/,/g, '')) * 100));
      if (amounts.length === 0 && holds.backedAmounts.length === 0) problems.push(`promises a refund no runnable card backs: "${sentence.trim()}"`);
      for (const cents of amounts) if (!holds.backedAmounts.includes(cents)) problems.push(`promises $${(cents / 100).toFixed(2)}, which no runnable refund card backs`);
    }
  }
  for (const phrase of check.contains ?? []) if (!text.toLowerCase().includes(phrase.toLowerCase())) problems.push(`lacks "${phrase}"`);
  if (check.containsAny && !check.containsAny.some((phrase) => text.toLowerCase().includes(phrase.toLowerCase()))) problems.push(`lacks any of ${check.containsAny.join(', ')}`);
  for (const phrase of check.notContains ?? []) if (text.toLowerCase().includes(phrase.toLowerCase())) problems.push(`contains "${phrase}"`);
  return problems;
}
