import { formatCents } from '../../money.js';
import type { ActionRecord } from '../actionTypes.js';
import type { ToolName, ToolResult } from '../toolSchemas.js';
import type { PaymentChoice } from './proposalDetails.js';

type OrderView = ToolResult<'lookup_order'>['orders'][number];
type Eligibility = ToolResult<'check_refund_eligibility'>;
type Product = ToolResult<'search_products'>['products'][number];
type Account = ToolResult<'lookup_account'>;

/**
 * What the conversation's finished reads established: the orders looked up (only the verified
 * customer's own ever succeed), their refund eligibility, the customer's payment methods and the
 * catalogue products searched. Proposals build on these, so every id a card carries came from a tool.
 */
export interface ConversationFacts {
  readonly orders: ReadonlyMap<string, OrderView>;
  readonly eligibility: ReadonlyMap<string, Eligibility>;
  readonly account: Account | null;
  readonly products: ReadonlyMap<string, Product>;
}

function succeeded(existing: readonly ActionRecord[], tool: ToolName): ActionRecord[] {
  return existing.filter((a) => a.tool === tool && a.status === 'succeeded' && a.result !== null);
}

export function conversationFacts(existing: readonly ActionRecord[], verifiedCustomerId: string | null): ConversationFacts {
  const orders = new Map<string, OrderView>();
  for (const action of succeeded(existing, 'lookup_order')) {
    for (const order of (action.result as ToolResult<'lookup_order'>).orders ?? []) orders.set(order.order_id, order);
  }
  const eligibility = new Map<string, Eligibility>();
  for (const action of succeeded(existing, 'check_refund_eligibility')) {
    const result = action.result as Eligibility;
    eligibility.set(result.order_id, result);
  }
  // The verified customer's own full account (lookups made before verification show no payment data).
  const account = succeeded(existing, 'lookup_account')
    .map((a) => a.result as Account)
    .filter((r) => r.verified && r.customer_id === verifiedCustomerId && r.payment_methods !== undefined)
    .at(-1) ?? null;
  const products = new Map<string, Product>();
  for (const action of succeeded(existing, 'search_products')) {
    for (const product of (action.result as ToolResult<'search_products'>).products ?? []) products.set(product.product_id, product);
  }
  return { orders, eligibility, account, products };
}

export function paymentChoices(account: Account | null): PaymentChoice[] {
  return (account?.payment_methods ?? []).map((m) => ({ id: m.id, source: m.source, label: paymentLabel(m) }));
}

export function paymentLabel(m: { id: string; source: string; brand: string | null; last_four: string | null; balance_cents: number | null }): string {
  if (m.source === 'credit_card') return m.last_four ? `credit card ending ${m.last_four}` : 'credit card';
  if (m.source === 'gift_card') return `gift card${m.balance_cents !== null ? ` (balance ${formatCents(m.balance_cents)})` : ''}`;
  if (m.source === 'paypal') return 'PayPal account';
  return m.id;
}

/** The payment method that paid for the order first: refunds and returns go back there by default. */
export function originalPayment(order: OrderView): string | null {
  return order.payments.find((p) => p.transaction_type === 'payment')?.payment_method_id ?? null;
}

/** A payment method the customer named ("to my gift card", "on PayPal", "back to my credit card"). */
export function namedPaymentMethod(text: string, account: Account | null): string | null {
  const methods = account?.payment_methods ?? [];
  const wants = /\bgift ?card\b/i.test(text) ? 'gift_card' : /\bpay ?pal\b/i.test(text) ? 'paypal' : /\b(?:credit|debit)? ?card\b|\bvisa\b|\bmastercard\b/i.test(text) ? 'credit_card' : null;
  if (!wants) return null;
  const ending = /\b(?:ending|ends) (?:in |with )?(\d{4})\b/i.exec(text)?.[1];
  const matching = methods.filter((m) => m.source === wants && (!ending || m.last_four === ending));
  return matching.length === 1 ? matching[0]!.id : null;
}

/** What a form offers the agent in this conversation: the orders looked up, payment methods, product options. */
export interface ConversationChoices {
  readonly orders: readonly { order_id: string; status: string; paid_cents: number; refunded_cents: number; original_payment_method_id: string | null; items: readonly { item_id: string; product_id: string; name: string; options: Record<string, string>; price_cents: number }[] }[];
  readonly paymentMethods: readonly PaymentChoice[];
  readonly variants: readonly { product_id: string; item_id: string; options: Record<string, string>; price_cents: number; available: boolean }[];
}

export function conversationChoices(facts: ConversationFacts): ConversationChoices {
  return {
    orders: [...facts.orders.values()].map((o) => ({
      order_id: o.order_id, status: o.status, paid_cents: o.paid_cents, refunded_cents: o.refunded_cents, original_payment_method_id: originalPayment(o),
      items: o.items.map((i) => ({ item_id: i.item_id, product_id: i.product_id, name: i.name, options: { ...i.options }, price_cents: i.price_cents })),
    })),
    paymentMethods: paymentChoices(facts.account),
    variants: [...facts.products.values()].flatMap((p) => p.variants.map((v) => ({ product_id: p.product_id, item_id: v.item_id, options: { ...v.options }, price_cents: v.price_cents, available: v.available }))),
  };
}
