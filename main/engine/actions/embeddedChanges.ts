import type { CommerceRepository } from '../commerce/commerceRepository.js';
import type { CommerceWrites } from '../commerce/commerceWrites.js';
import type { Order, PaymentMethod } from '../commerce/types.js';
import { TandemError } from '../errors.js';
import type { ToolCall } from './connector.js';
import { requireOwnAccount, requireOwnOrder } from './ownership.js';
import {
  addressChangeCheck, cancellationCheck, itemRefundCheck, itemSwapCheck, originalPaymentMethodId, refundAmountCheck,
  refundableCents, refundDestinationCheck, refundEligibility, refundTiming, returnCheck, type PolicyVerdict,
} from './retailPolicy.js';
import type { ToolArgs, ToolResult } from './toolSchemas.js';

/**
 * Data-changing tools of the embedded backend. Each method checks ownership and policy first and
 * writes only after every check passed; the caller holds the transaction, so a throw changes nothing.
 */
export class EmbeddedChanges {
  constructor(
    private readonly commerce: CommerceRepository,
    private readonly writes: CommerceWrites,
  ) {}

  processRefund(call: ToolCall, args: ToolArgs<'process_refund'>): ToolResult<'process_refund'> {
    const order = requireOwnOrder(this.commerce, call.workspaceId, args.order_id, call.customerId);
    enforce(refundEligibility(order));
    const amountCheck = refundAmountCheck(order, args.amount_cents);
    if (!amountCheck.ok) throw new TandemError('E_REFUND_EXCEEDS', amountCheck.reason);
    if (args.item_ids) enforce(itemRefundCheck(order, args.item_ids, args.amount_cents, this.commerce.itemIdsRefunded(call.workspaceId, order.id)));
    const methodId = args.payment_method_id ?? originalPaymentMethodId(order);
    const method = this.method(call, methodId);
    enforce(refundDestinationCheck(order, method, order.customerId));
    this.writes.appendPayment(call.workspaceId, order.id, 'refund', args.amount_cents, method!.id);
    if (method!.source === 'gift_card') this.writes.adjustGiftCardBalance(call.workspaceId, method!.id, args.amount_cents);
    this.writes.recordChange(call.workspaceId, order.customerId, order.id, 'refund', { amount_cents: args.amount_cents, reason: args.reason, payment_method_id: method!.id, idempotency_key: call.idempotencyKey, ...(args.item_ids ? { item_ids: args.item_ids } : {}) }, call.now);
    const after = this.commerce.getOrder(call.workspaceId, order.id)!;
    return { order_id: order.id, refunded_cents: args.amount_cents, payment_method_id: method!.id, timing: refundTiming(method!), remaining_refundable_cents: refundableCents(after) };
  }

  cancelPendingOrder(call: ToolCall, args: ToolArgs<'cancel_pending_order'>): ToolResult<'cancel_pending_order'> {
    const order = requireOwnOrder(this.commerce, call.workspaceId, args.order_id, call.customerId);
    enforce(cancellationCheck(order, args.reason));
    const refunds: ToolResult<'cancel_pending_order'>['refunds'] = [];
    // Refund each payment to the method that made it, net of anything already refunded to it.
    const net = new Map<string, number>();
    for (const p of order.payments) net.set(p.paymentMethodId, (net.get(p.paymentMethodId) ?? 0) + (p.transactionType === 'payment' ? p.amountCents : -p.amountCents));
    for (const [methodId, amount] of net) {
      if (amount <= 0) continue;
      const method = this.method(call, methodId);
      this.writes.appendPayment(call.workspaceId, order.id, 'refund', amount, methodId);
      if (method?.source === 'gift_card') this.writes.adjustGiftCardBalance(call.workspaceId, methodId, amount);
      refunds.push({ payment_method_id: methodId, amount_cents: amount, timing: method ? refundTiming(method) : '5-7 business days' });
    }
    this.writes.setOrderStatus(call.workspaceId, order.id, 'cancelled');
    this.writes.recordChange(call.workspaceId, order.customerId, order.id, 'cancel', { reason: args.reason }, call.now);
    return { order_id: order.id, status: 'cancelled', refunds };
  }

  returnDeliveredItems(call: ToolCall, args: ToolArgs<'return_delivered_items'>): ToolResult<'return_delivered_items'> {
    const order = requireOwnOrder(this.commerce, call.workspaceId, args.order_id, call.customerId);
    enforce(returnCheck(order, args.item_ids, this.method(call, args.payment_method_id), order.customerId));
    const refund = sumPrices(order, args.item_ids);
    // The refund itself happens when the items come back; the request records where it will go.
    this.writes.setOrderStatus(call.workspaceId, order.id, 'return requested');
    this.writes.recordChange(call.workspaceId, order.customerId, order.id, 'return', { item_ids: args.item_ids, payment_method_id: args.payment_method_id, refund_cents: refund }, call.now);
    return { order_id: order.id, status: 'return requested', item_ids: [...args.item_ids], refund_cents: refund, payment_method_id: args.payment_method_id };
  }

  exchangeDeliveredItems(call: ToolCall, args: ToolArgs<'exchange_delivered_items'>): ToolResult<'exchange_delivered_items'> {
    const order = requireOwnOrder(this.commerce, call.workspaceId, args.order_id, call.customerId);
    const verdict = itemSwapCheck(order, 'delivered', args.item_ids, args.new_item_ids.map((id) => this.writes.variant(call.workspaceId, id)), this.method(call, args.payment_method_id), order.customerId);
    enforce(verdict);
    const difference = verdict.plan!.priceDifferenceCents;
    this.writes.setOrderStatus(call.workspaceId, order.id, 'exchange requested');
    this.writes.recordChange(call.workspaceId, order.customerId, order.id, 'exchange', { item_ids: args.item_ids, new_item_ids: args.new_item_ids, payment_method_id: args.payment_method_id, price_difference_cents: difference }, call.now);
    return { order_id: order.id, status: 'exchange requested', price_difference_cents: difference, payment_method_id: args.payment_method_id };
  }

  modifyPendingOrderItems(call: ToolCall, args: ToolArgs<'modify_pending_order_items'>): ToolResult<'modify_pending_order_items'> {
    const order = requireOwnOrder(this.commerce, call.workspaceId, args.order_id, call.customerId);
    const method = this.method(call, args.payment_method_id);
    const verdict = itemSwapCheck(order, 'pending', args.item_ids, args.new_item_ids.map((id) => this.writes.variant(call.workspaceId, id)), method, order.customerId);
    enforce(verdict);
    const plan = verdict.plan!;
    plan.lines.forEach((line, index) => this.writes.replaceOrderItem(call.workspaceId, order.id, line, plan.newVariants[index]!));
    const difference = plan.priceDifferenceCents;
    if (difference !== 0) {
      this.writes.appendPayment(call.workspaceId, order.id, difference > 0 ? 'payment' : 'refund', Math.abs(difference), method!.id);
      if (method!.source === 'gift_card') this.writes.adjustGiftCardBalance(call.workspaceId, method!.id, -difference);
    }
    this.writes.setOrderStatus(call.workspaceId, order.id, 'pending (item modified)');
    this.writes.recordChange(call.workspaceId, order.customerId, order.id, 'modify_items', { item_ids: args.item_ids, new_item_ids: args.new_item_ids, price_difference_cents: difference }, call.now);
    return { order_id: order.id, status: 'pending (item modified)', price_difference_cents: difference, payment_method_id: method!.id };
  }

  modifyPendingOrderAddress(call: ToolCall, args: ToolArgs<'modify_pending_order_address'>): ToolResult<'modify_pending_order_address'> {
    const order = requireOwnOrder(this.commerce, call.workspaceId, args.order_id, call.customerId);
    enforce(addressChangeCheck(order));
    this.writes.setOrderAddress(call.workspaceId, order.id, args.address);
    this.writes.recordChange(call.workspaceId, order.customerId, order.id, 'modify_address', { from: order.address, to: args.address }, call.now);
    return { order_id: order.id, address: { ...args.address } };
  }

  modifyUserAddress(call: ToolCall, args: ToolArgs<'modify_user_address'>): ToolResult<'modify_user_address'> {
    const customer = requireOwnAccount(this.commerce, call.workspaceId, call.customerId);
    this.writes.setCustomerAddress(call.workspaceId, customer.id, args.address);
    this.writes.recordChange(call.workspaceId, customer.id, null, 'modify_user_address', { from: customer.address, to: args.address }, call.now);
    return { customer_id: customer.id, address: { ...args.address } };
  }

  updateAccount(call: ToolCall, args: ToolArgs<'update_account'>): ToolResult<'update_account'> {
    const customer = requireOwnAccount(this.commerce, call.workspaceId, call.customerId);
    const updated: string[] = [];
    if (args.email !== undefined) {
      const other = this.commerce.findCustomerByEmail(call.workspaceId, args.email);
      if (other && other.id !== customer.id) throw new TandemError('E_CONFLICT', 'That email already belongs to another account.');
      this.writes.setCustomerEmail(call.workspaceId, customer.id, args.email);
      updated.push('email');
    }
    if (args.address !== undefined) {
      this.writes.setCustomerAddress(call.workspaceId, customer.id, args.address);
      updated.push('address');
    }
    this.writes.recordChange(call.workspaceId, customer.id, null, 'update_account', { fields: updated }, call.now);
    return { customer_id: customer.id, updated_fields: updated };
  }

  resetPassword(call: ToolCall): ToolResult<'reset_password'> {
    const customer = requireOwnAccount(this.commerce, call.workspaceId, call.customerId);
    this.writes.recordChange(call.workspaceId, customer.id, null, 'reset_password', { sent_to: customer.email }, call.now);
    return { customer_id: customer.id, sent_to: maskEmail(customer.email) };
  }

  private method(call: ToolCall, id: string | null | undefined): PaymentMethod | undefined {
    if (!id || !call.customerId) return undefined;
    return this.commerce.paymentMethods(call.workspaceId, call.customerId).find((m) => m.id === id);
  }
}

function enforce(verdict: PolicyVerdict): void {
  if (!verdict.ok) throw new TandemError('E_NOT_ELIGIBLE', verdict.reason);
}

function sumPrices(order: Order, itemIds: readonly string[]): number {
  const used = new Set<number>();
  let total = 0;
  for (const id of itemIds) {
    const line = order.items.findIndex((item, index) => item.itemId === id && !used.has(index));
    used.add(line);
    total += order.items[line]!.priceCents;
  }
  return total;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
