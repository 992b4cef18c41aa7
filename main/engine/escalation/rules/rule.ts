import type { EscalationConfig } from '../config.js';
import type { EscalationFlag, EscalationInput, FlagEvidence, RoutedCustomerMessage, Trigger } from '../types.js';

/** A trigger: looks at the conversation and returns at most one flag. Pure, so each is tested alone. */
export type Rule = (input: EscalationInput, config: EscalationConfig) => EscalationFlag | null;

export function flag(trigger: Trigger, config: EscalationConfig, reason: string, evidence: FlagEvidence): EscalationFlag {
  return { trigger, priority: config.triggers[trigger].priority, reason, evidence };
}

export function latestCustomerMessage(input: EscalationInput): RoutedCustomerMessage | undefined {
  return input.customerMessages.at(-1);
}

/** Finds the first match of any pattern in the customer's messages, newest first. */
export function findPhrase(
  messages: readonly RoutedCustomerMessage[],
  patterns: readonly RegExp[],
): { message: RoutedCustomerMessage; start: number; end: number; text: string } | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    for (const pattern of patterns) {
      const match = pattern.exec(message.content);
      if (match) return { message, start: match.index, end: match.index + match[0].length, text: match[0] };
    }
  }
  return null;
}

/** A user-supplied phrase as a case-insensitive whole-word pattern (its characters taken literally). */
export function phrasePattern(phrase: string): RegExp {
  const escaped = phrase.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`\\b${escaped}\\b`, 'i');
}
