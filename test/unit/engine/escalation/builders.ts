import type { EscalationInput, RoutedCustomerMessage } from '../../../../main/engine/escalation/index.js';

let seq = 0;

export function customer(content: string, overrides: Partial<RoutedCustomerMessage> = {}): RoutedCustomerMessage {
  seq += 1;
  return {
    id: `m${seq}`,
    seq,
    content,
    intent: 'order_status',
    confidence: 0.9,
    threshold: 0.3,
    sentimentScore: 0,
    sentimentLabel: 'neutral',
    amountsCents: [],
    orderTotalsCents: [],
    ...overrides,
  };
}

export function conversation(messages: RoutedCustomerMessage[], extra: Partial<EscalationInput> = {}): EscalationInput {
  return { customerMessages: messages, turnCount: messages.length, toolOutcomes: [], ...extra };
}
