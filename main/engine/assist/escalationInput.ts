import type { Message } from '../conversations/types.js';
import type { EscalationInput, RoutedCustomerMessage, ToolOutcome } from '../escalation/types.js';
import type { RoutingResult } from '../router/types.js';

/**
 * How many of the latest customer messages the triggers read. Each assist re-evaluates the
 * conversation, so reading all of it would make a long conversation quadratic; the message count for
 * the long-conversation trigger still covers every message.
 */
export const ESCALATION_WINDOW = 200;

/**
 * Joins the stored conversation with the routing of each customer message into what the triggers read.
 * Customer messages that were never routed still count (as unknown intent and sentiment).
 */
export function buildEscalationInput(
  messages: readonly Message[],
  routingByMessage: ReadonlyMap<string, RoutingResult | null>,
  toolOutcomes: readonly ToolOutcome[],
  orderTotalCents: (orderId: string) => number | null,
  window = Number.POSITIVE_INFINITY,
  /** Customer and agent turns of the whole conversation, when `messages` holds only part of it. */
  turnCount?: number,
): EscalationInput {
  const customer = messages.filter((m) => m.role === 'customer');
  const customerMessages: RoutedCustomerMessage[] = customer
    .slice(Math.max(0, customer.length - window))
    .map((m) => {
      const routing = routingByMessage.get(m.id) ?? null;
      const entities = routing?.entities ?? [];
      return {
        id: m.id,
        seq: m.seq,
        content: m.content,
        intent: routing && routing.source !== 'empty' ? routing.intent : null,
        confidence: routing && routing.source !== 'empty' ? routing.confidence : null,
        threshold: routing ? routing.threshold : null,
        sentimentScore: routing?.sentiment.score ?? null,
        sentimentLabel: routing?.sentiment.label ?? null,
        amountsCents: entities.filter((e) => e.kind === 'money' && e.amountCents !== undefined).map((e) => e.amountCents!),
        orderTotalsCents: entities
          .filter((e) => e.kind === 'order_id')
          .map((e) => orderTotalCents(e.value))
          .filter((c): c is number => c !== null),
      };
    });
  return {
    customerMessages,
    turnCount: turnCount ?? messages.filter((m) => m.role === 'customer' || m.role === 'agent').length,
    toolOutcomes,
  };
}
