import type { ActionRecord } from '../../../../../main/engine/actions/actionTypes.js';
import { NO_ENTITIES, type ProposalContext } from '../../../../../main/engine/actions/proposalContext.js';
import { TOOLS } from '../../../../../main/engine/actions/toolRegistry.js';

/** Small, realistic tool results for proposer tests (shapes as the tools return them). */
export const ctx = (over: Partial<ProposalContext>): ProposalContext => ({ intent: null, entities: NO_ENTITIES, verifiedCustomerId: null, latestCustomerText: '', ...over });

export function action(tool: ActionRecord['tool'], args: Record<string, unknown>, result: unknown, over: Partial<ActionRecord> = {}): ActionRecord {
  return {
    id: `a_${tool}_${Math.random().toString(36).slice(2, 8)}`, workspaceId: 'w', conversationId: 'c', tool, args, status: 'succeeded', effect: TOOLS[tool].effect,
    approval: 'none', approvalReason: null, blockedReason: null, secondFactorNeeded: false, why: '', changes: '', policyNotes: [], idempotencyKey: 'k', result, error: null, decidedBy: 'tandem', supervisor: null, decisionNote: null,
    supervisorTicketId: null, proposal: null, destination: null, createdAt: 1, updatedAt: 1, ...over,
  };
}

export interface Line {
  readonly item_id: string;
  readonly name: string;
  readonly price_cents: number;
  readonly options?: Record<string, string>;
  readonly product_id?: string;
}

export function order(orderId: string, status: string, lines: readonly Line[], paymentMethodId = 'credit_card_1', refunded = 0) {
  const paid = lines.reduce((s, l) => s + l.price_cents, 0);
  return {
    order_id: orderId,
    customer_id: 'c1',
    status,
    address: { address1: '1 Main St', address2: '', city: 'Austin', state: 'TX', country: 'USA', zip: '78701' },
    items: lines.map((l) => ({ item_id: l.item_id, product_id: l.product_id ?? `p_${l.name}`, name: l.name, options: l.options ?? {}, price_cents: l.price_cents })),
    fulfillments: [],
    payments: [{ transaction_type: 'payment' as const, amount_cents: paid, payment_method_id: paymentMethodId }, ...(refunded ? [{ transaction_type: 'refund' as const, amount_cents: refunded, payment_method_id: paymentMethodId }] : [])],
    paid_cents: paid,
    refunded_cents: refunded,
  };
}

export const lookedUp = (o: ReturnType<typeof order>): ActionRecord => action('lookup_order', { order_id: o.order_id }, { orders: [o] });

export const eligible = (o: ReturnType<typeof order>): ActionRecord =>
  action('check_refund_eligibility', { order_id: o.order_id, reason: 'refund' }, {
    order_id: o.order_id, eligible: true, explanation: 'ok', paid_cents: o.paid_cents, refunded_cents: o.refunded_cents,
    refundable_cents: o.paid_cents - o.refunded_cents, original_payment_method_id: o.payments[0]!.payment_method_id,
  });

export const account = (): ActionRecord =>
  action('lookup_account', {}, {
    customer_id: 'c1', first_name: 'Ava', last_name: 'Moore', email: 'ava@example.com', zip: '78701', verified: true,
    payment_methods: [
      { id: 'credit_card_1', source: 'credit_card', brand: 'visa', last_four: '5988', balance_cents: null },
      { id: 'gift_card_1', source: 'gift_card', brand: null, last_four: null, balance_cents: 6900 },
    ],
    order_ids: ['#W1'],
  });

/** The dispute order of the demo: five items, $1,380.79. */
export const DISPUTE = order('#W4817420', 'delivered', [
  { item_id: 'i_bottle', name: 'Water Bottle', price_cents: 4776, options: { color: 'red' } },
  { item_id: 'i_shelf', name: 'Bookshelf', price_cents: 46304, options: { material: 'glass' } },
  { item_id: 'i_camera', name: 'Action Camera', price_cents: 46675, options: { resolution: '4K' } },
  { item_id: 'i_kettle', name: 'Electric Kettle', price_cents: 15890 },
  { item_id: 'i_boots', name: 'Hiking Boots', price_cents: 24434, options: { size: '7' } },
], 'gift_card_1');
