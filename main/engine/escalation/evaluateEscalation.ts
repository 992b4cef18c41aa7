import type { EscalationConfig } from './config.js';
import { billingDispute } from './rules/billingDispute.js';
import { explicitHumanRequest } from './rules/explicitHumanRequest.js';
import { legalCompliance } from './rules/legalCompliance.js';
import { longConversation } from './rules/longConversation.js';
import { lowConfidence } from './rules/lowConfidence.js';
import { negativeSentimentStreak } from './rules/negativeSentimentStreak.js';
import { repeatedIntent } from './rules/repeatedIntent.js';
import type { Rule } from './rules/rule.js';
import { toolError } from './rules/toolError.js';
import { PRIORITY_RANK, type EscalationFlag, type EscalationInput, type Trigger } from './types.js';

const RULES: Record<Trigger, Rule> = {
  explicit_human_request: explicitHumanRequest,
  negative_sentiment_streak: negativeSentimentStreak,
  repeated_intent: repeatedIntent,
  low_confidence: lowConfidence,
  tool_error: toolError,
  legal_compliance: legalCompliance,
  billing_dispute: billingDispute,
  long_conversation: longConversation,
};

export interface Dismissal {
  readonly trigger: Trigger;
  /** The flag stays dismissed until new evidence arrives in a later message. */
  readonly upToSeq: number;
}

/**
 * Re-evaluates every enabled trigger on the whole conversation. A dismissed flag comes back only when a
 * later message gives new evidence. Flags are ordered most urgent first.
 */
export function evaluateEscalation(
  input: EscalationInput,
  config: EscalationConfig,
  dismissals: readonly Dismissal[] = [],
): EscalationFlag[] {
  const flags: EscalationFlag[] = [];
  const latestSeq = input.customerMessages.at(-1)?.seq ?? 0;
  for (const [trigger, rule] of Object.entries(RULES) as [Trigger, Rule][]) {
    if (!config.triggers[trigger].enabled) continue;
    const result = rule(input, config);
    if (!result) continue;
    const evidenceSeq = result.evidence.messageSeq ?? latestSeq;
    const dismissed = dismissals.some((d) => d.trigger === trigger && d.upToSeq >= evidenceSeq);
    if (!dismissed) flags.push(result);
  }
  return flags.sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]);
}
