import type { ActionRecord } from '../actionTypes.js';
import { conversationFacts, originalPayment, paymentChoices } from './conversationFacts.js';
import { NO_DETAILS, type ProposalDetails } from './proposalDetails.js';

/**
 * The choices a card added by hand ("Run tool…") shows: the named order's items with their prices and
 * the customer's payment methods, from what the conversation's reads already returned.
 */
export function agentCallDetails(args: Record<string, unknown>, existing: readonly ActionRecord[], verifiedCustomerId: string | null): ProposalDetails {
  const facts = conversationFacts(existing, verifiedCustomerId);
  const order = typeof args.order_id === 'string' ? facts.orders.get(args.order_id.startsWith('#') ? args.order_id : `#${args.order_id}`) : undefined;
  const chosen = Array.isArray(args.item_ids) ? (args.item_ids as unknown[]) : [];
  return {
    ...NO_DETAILS,
    items: (order?.items ?? []).map((i) => ({ item_id: i.item_id, product_id: i.product_id, name: i.name, options: { ...i.options }, price_cents: i.price_cents, selected: chosen.includes(i.item_id) })),
    paymentMethods: paymentChoices(facts.account),
    originalPaymentMethodId: order ? originalPayment(order) : null,
  };
}
