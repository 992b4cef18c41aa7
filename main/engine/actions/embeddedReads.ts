import type { CommerceRepository } from '../commerce/commerceRepository.js';
import { TandemError } from '../errors.js';
import { formatCents } from '../money.js';
import type { ToolCall } from './connector.js';
import { toOrderView } from './orderView.js';
import { requireOwnAccount, requireOwnOrder, requireVerified } from './ownership.js';
import { originalPaymentMethodId, paidCents, refundableCents, refundedCents, refundEligibility } from './retailPolicy.js';
import type { ToolArgs, ToolResult } from './toolSchemas.js';

/** Read-only tools of the embedded backend. None of them returns data of anyone but the verified customer. */
export class EmbeddedReads {
  constructor(private readonly commerce: CommerceRepository) {}

  lookupOrder(call: ToolCall, args: ToolArgs<'lookup_order'>): ToolResult<'lookup_order'> {
    if (args.order_id !== undefined) {
      return { orders: [toOrderView(requireOwnOrder(this.commerce, call.workspaceId, args.order_id, call.customerId))] };
    }
    const customer = requireOwnAccount(this.commerce, call.workspaceId, call.customerId);
    if (customer.email.toLowerCase() !== (args.email ?? '').toLowerCase()) {
      throw new TandemError('E_NOT_OWNER', 'That email is not the verified customer\'s.');
    }
    const orders = this.commerce.orderIdsOfCustomer(call.workspaceId, customer.id).map((id) => this.commerce.getOrder(call.workspaceId, id)!);
    return { orders: orders.map(toOrderView) };
  }

  trackShipment(call: ToolCall, args: ToolArgs<'track_shipment'>): ToolResult<'track_shipment'> {
    const order = requireOwnOrder(this.commerce, call.workspaceId, args.order_id, call.customerId);
    return {
      order_id: order.id,
      status: order.status,
      shipments: order.fulfillments.map((f) => ({ tracking_ids: [...f.trackingIds], item_ids: [...f.itemIds] })),
    };
  }

  checkRefundEligibility(call: ToolCall, args: ToolArgs<'check_refund_eligibility'>): ToolResult<'check_refund_eligibility'> {
    const order = requireOwnOrder(this.commerce, call.workspaceId, args.order_id, call.customerId);
    const verdict = refundEligibility(order);
    return {
      order_id: order.id,
      eligible: verdict.ok,
      explanation: verdict.ok ? `Order ${order.id} is ${order.status}; up to ${formatCents(refundableCents(order))} can be refunded.` : verdict.reason,
      paid_cents: paidCents(order),
      refunded_cents: refundedCents(order),
      refundable_cents: verdict.ok ? refundableCents(order) : 0,
      original_payment_method_id: originalPaymentMethodId(order),
    };
  }

  lookupAccount(call: ToolCall, args: ToolArgs<'lookup_account'>): ToolResult<'lookup_account'> {
    const wantsLookup = args.email !== undefined || args.first_name !== undefined || args.user_id !== undefined;
    if (!wantsLookup) {
      const customer = requireOwnAccount(this.commerce, call.workspaceId, call.customerId);
      return this.fullAccount(call.workspaceId, customer.id);
    }
    const found = args.email !== undefined
      ? this.commerce.findCustomerByEmail(call.workspaceId, args.email)
      : args.user_id !== undefined
        ? this.commerce.getCustomer(call.workspaceId, args.user_id)
        : this.commerce.findCustomerByNameZip(call.workspaceId, args.first_name!, args.last_name!, args.zip!);
    if (!found) throw new TandemError('E_CUSTOMER_NOT_FOUND');
    if (call.customerId === null) {
      // Before verification: only what the agent needs to confirm the match, never orders or payment data.
      return { customer_id: found.id, first_name: found.firstName, last_name: found.lastName, email: found.email, zip: found.address.zip, verified: false };
    }
    requireVerified(call.customerId);
    if (found.id !== call.customerId) throw new TandemError('E_NOT_OWNER', 'Those details match a different customer than the verified one.');
    return this.fullAccount(call.workspaceId, found.id);
  }

  searchProducts(call: ToolCall, args: ToolArgs<'search_products'>): ToolResult<'search_products'> {
    const words = args.query.toLowerCase().split(/\W+/).filter((w) => w.length > 2);
    const scored = this.commerce
      .listProducts(call.workspaceId)
      .map((p) => ({ p, score: words.filter((w) => p.name.toLowerCase().includes(w) || p.name.toLowerCase().includes(w.replace(/s$/, ''))).length }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    return {
      products: scored.map(({ p }) => ({
        product_id: p.id,
        name: p.name,
        variants: p.variants.map((v) => ({ item_id: v.itemId, options: { ...v.options }, price_cents: v.priceCents, available: v.available })),
      })),
    };
  }

  private fullAccount(workspaceId: string, customerId: string): ToolResult<'lookup_account'> {
    const c = this.commerce.getCustomer(workspaceId, customerId)!;
    return {
      customer_id: c.id,
      first_name: c.firstName,
      last_name: c.lastName,
      email: c.email,
      zip: c.address.zip,
      verified: true,
      address: { ...c.address },
      payment_methods: this.commerce.paymentMethods(workspaceId, c.id).map((m) => ({
        id: m.id, source: m.source, brand: m.brand, last_four: m.lastFour, balance_cents: m.balanceCents,
      })),
      order_ids: this.commerce.orderIdsOfCustomer(workspaceId, c.id),
    };
  }
}
