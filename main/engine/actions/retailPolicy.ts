import type { Order, PaymentMethod, Variant } from '../commerce/types.js';
import { CANCEL_REASONS } from './toolSchemas.js';

/**
 * The retail policy as pure functions over plain values: every rule can be unit-tested without a
 * database, and the embedded connector asks these before it writes anything.
 */
export type PolicyVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const allow: PolicyVerdict = { ok: true };
const deny = (reason: string): PolicyVerdict => ({ ok: false, reason });

export function paidCents(order: Order): number {
  return order.payments.filter((p) => p.transactionType === 'payment').reduce((sum, p) => sum + p.amountCents, 0);
}

export function refundedCents(order: Order): number {
  return order.payments.filter((p) => p.transactionType === 'refund').reduce((sum, p) => sum + p.amountCents, 0);
}

/** Never negative: a refund can only give back what was paid and not yet given back. */
export function refundableCents(order: Order): number {
  return Math.max(0, paidCents(order) - refundedCents(order));
}

export function originalPaymentMethodId(order: Order): string | null {
  return order.payments.find((p) => p.transactionType === 'payment')?.paymentMethodId ?? null;
}

export function refundTiming(method: PaymentMethod): 'immediate' | '5-7 business days' {
  return method.source === 'gift_card' ? 'immediate' : '5-7 business days';
}

/** The seed's refund check, mapped onto this shop's statuses. */
export function refundEligibility(order: Order): PolicyVerdict {
  if (order.status === 'pending' || order.status.startsWith('pending')) {
    return deny(`Order ${order.id} is still pending: cancel it instead of refunding.`);
  }
  if (order.status === 'processed') return deny(`Order ${order.id} is processed but not delivered yet: it cannot be refunded before delivery.`);
  if (order.status === 'cancelled') return deny(`Order ${order.id} was cancelled; its payment was already refunded.`);
  if (!['delivered', 'return requested', 'exchange requested'].includes(order.status)) {
    return deny(`Order ${order.id} has status "${order.status}", which the policy does not refund.`);
  }
  if (refundableCents(order) === 0) return deny(`Order ${order.id} has nothing left to refund.`);
  return allow;
}

export function refundAmountCheck(order: Order, amountCents: number): PolicyVerdict {
  if (!Number.isInteger(amountCents) || amountCents <= 0) return deny('The refund amount must be a positive number of cents.');
  const left = refundableCents(order);
  if (amountCents > left) return deny(`Order ${order.id} can be refunded at most ${left} cents (paid ${paidCents(order)}, refunded ${refundedCents(order)}).`);
  return allow;
}

/**
 * A refund for named items: each is in the order (as often as named), none was refunded or returned
 * before, and the amount is at most their prices.
 */
export function itemRefundCheck(order: Order, itemIds: readonly string[], amountCents: number, refundedItemIds: readonly string[]): PolicyVerdict {
  const match = matchOrderLines(order, itemIds);
  if ('missing' in match) return deny(`Item ${match.missing} is not in order ${order.id} (or is listed more times than it was ordered).`);
  const count = (ids: readonly string[], id: string): number => ids.filter((x) => x === id).length;
  for (const id of new Set(itemIds)) {
    const ordered = order.items.filter((i) => i.itemId === id).length;
    if (count(itemIds, id) + count(refundedItemIds, id) > ordered) return deny(`Item ${id} of order ${order.id} was already refunded or returned.`);
  }
  const prices = match.lines.reduce((sum, line) => sum + order.items[line]!.priceCents, 0);
  if (amountCents > prices) return deny(`The refund (${amountCents} cents) is more than the items cost (${prices} cents).`);
  return allow;
}

/** Refunds go to the original payment method, or to a gift card the customer already has. */
export function refundDestinationCheck(order: Order, method: PaymentMethod | undefined, customerId: string): PolicyVerdict {
  if (!method || method.customerId !== customerId) return deny('That payment method is not one of the customer\'s.');
  if (method.id === originalPaymentMethodId(order)) return allow;
  if (method.source === 'gift_card') return allow;
  return deny('Refunds go to the original payment method or to an existing gift card.');
}

export function cancellationCheck(order: Order, reason: string): PolicyVerdict {
  if (order.status !== 'pending') return deny(`Order ${order.id} has status "${order.status}"; only pending orders can be cancelled.`);
  if (!(CANCEL_REASONS as readonly string[]).includes(reason)) return deny('The reason must be "no longer needed" or "ordered by mistake".');
  return allow;
}

/** Finds the order lines for a list of item ids, each line used at most once (an order may hold an item twice). */
export function matchOrderLines(order: Order, itemIds: readonly string[]): { lines: number[] } | { missing: string } {
  const used = new Set<number>();
  const lines: number[] = [];
  for (const itemId of itemIds) {
    const line = order.items.findIndex((item, index) => item.itemId === itemId && !used.has(index));
    if (line < 0) return { missing: itemId };
    used.add(line);
    lines.push(line);
  }
  return { lines };
}

export function returnCheck(order: Order, itemIds: readonly string[], method: PaymentMethod | undefined, customerId: string): PolicyVerdict {
  if (order.status !== 'delivered') return deny(`Order ${order.id} has status "${order.status}"; only delivered orders can be returned.`);
  const match = matchOrderLines(order, itemIds);
  if ('missing' in match) return deny(`Item ${match.missing} is not in order ${order.id} (or is listed more times than it was ordered).`);
  return refundDestinationCheck(order, method, customerId);
}

export interface ItemSwapPlan {
  readonly lines: readonly number[];
  readonly newVariants: readonly (Variant & { productId: string })[];
  readonly priceDifferenceCents: number;
}

/**
 * Exchanges (delivered) and item modifications (pending) share one rule: each item becomes an
 * available variant of the same product with different options; the price difference is paid by, or
 * refunded to, one of the customer's payment methods, and a gift card must cover what it pays.
 */
export function itemSwapCheck(
  order: Order,
  requiredStatus: 'delivered' | 'pending',
  itemIds: readonly string[],
  newVariants: readonly ((Variant & { productId: string }) | undefined)[],
  method: PaymentMethod | undefined,
  customerId: string,
): PolicyVerdict & { plan?: ItemSwapPlan } {
  if (order.status !== requiredStatus) {
    return deny(`Order ${order.id} has status "${order.status}"; only ${requiredStatus} orders can ${requiredStatus === 'pending' ? 'have items modified' : 'be exchanged'}.`);
  }
  if (itemIds.length !== newVariants.length) return deny('Give one new item for each item.');
  const match = matchOrderLines(order, itemIds);
  if ('missing' in match) return deny(`Item ${match.missing} is not in order ${order.id}.`);
  let difference = 0;
  const chosen: (Variant & { productId: string })[] = [];
  for (const [index, line] of match.lines.entries()) {
    const current = order.items[line]!;
    const next = newVariants[index];
    if (!next) return deny(`New item ${index + 1} does not exist in the catalogue.`);
    if (next.productId !== current.productId) return deny(`Item ${next.itemId} is a different product than ${current.itemId}; only options of the same product can be swapped.`);
    if (next.itemId === current.itemId) return deny(`Item ${current.itemId} would be swapped for itself; pick a different option.`);
    if (!next.available) return deny(`Item ${next.itemId} is not available.`);
    difference += next.priceCents - current.priceCents;
    chosen.push(next);
  }
  if (!method || method.customerId !== customerId) return deny('That payment method is not one of the customer\'s.');
  if (method.source === 'gift_card' && difference > 0 && (method.balanceCents ?? 0) < difference) {
    return deny(`The gift card balance does not cover the price difference of ${difference} cents.`);
  }
  return { ok: true, plan: { lines: match.lines, newVariants: chosen, priceDifferenceCents: difference } };
}

export function addressChangeCheck(order: Order): PolicyVerdict {
  if (order.status !== 'pending') return deny(`Order ${order.id} has status "${order.status}"; only pending orders can change address.`);
  return allow;
}
