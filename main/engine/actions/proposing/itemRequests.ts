import { formatCents } from '../../money.js';
import type { ActionRecord } from '../actionTypes.js';
import type { ToolResult } from '../toolSchemas.js';
import { namedPaymentMethod, originalPayment, paymentChoices, type ConversationFacts } from './conversationFacts.js';
import { describeItems, selectItems, type ItemSelection } from './itemSelection.js';
import type { OrderLine } from './itemMentions.js';
import { NO_DETAILS, type ProposalDetails, type ProposalHold, type VariantChoice } from './proposalDetails.js';
import type { ProposedCall } from './proposedCall.js';
import { refundAmount } from './refundAmount.js';
import { cancellationReason, readRequests, type RequestKind } from './requestKinds.js';
import type { StatedAmount } from './statedAmounts.js';
import { CANCEL_REASONS } from '../toolSchemas.js';

type OrderView = ToolResult<'lookup_order'>['orders'][number];
export type ItemRequestKind = Extract<RequestKind, 'refund' | 'return' | 'exchange' | 'cancel'>;

export interface ItemRequest {
  readonly kind: ItemRequestKind;
  readonly order: OrderView;
  /** Customer messages, latest first. */
  readonly texts: readonly string[];
  /** Amounts stated in the latest message that states any. */
  readonly stated: readonly StatedAmount[];
  /** Catalogue products the latest message names that the order does not hold. */
  readonly notInOrder: readonly string[];
  readonly facts: ConversationFacts;
  readonly existing: readonly ActionRecord[];
}

const REASON_LIMIT = 200;

function linesOf(order: OrderView): OrderLine[] {
  return order.items.map((i) => ({ item_id: i.item_id, product_id: i.product_id, name: i.name, options: i.options, price_cents: i.price_cents }));
}

function detailsFor(request: ItemRequest, selection: ItemSelection, over: Partial<ProposalDetails>): ProposalDetails {
  return {
    ...NO_DETAILS,
    items: selection.choices,
    paymentMethods: paymentChoices(request.facts.account),
    originalPaymentMethodId: originalPayment(request.order),
    ...over,
  };
}

/**
 * The customer's own words as the reason a tool records (short, and only ever data): the message that
 * made the request, so a later "thanks" or "to my card" does not become the reason for a refund.
 */
function reasonFrom(texts: readonly string[], kind: ItemRequestKind, fallback: string): string {
  const asking = texts.find((t) => readRequests(t).asks.has(kind)) ?? texts.at(-1) ?? '';
  const text = asking.replace(/\s+/g, ' ').trim();
  return (text || fallback).slice(0, REASON_LIMIT);
}

function withChosen(selection: ItemSelection, lines: readonly number[]): ItemSelection {
  return { ...selection, lines, choices: selection.choices.map((c, i) => ({ ...c, selected: lines.includes(i) })) };
}

/** Items of this order already refunded or returned by an earlier card of this conversation. */
function alreadyHandled(existing: readonly ActionRecord[], orderId: string): { tool: string; itemIds: Set<string>; amountCents: number | null }[] {
  return existing
    .filter((a) => (a.tool === 'process_refund' || a.tool === 'return_delivered_items') && a.args.order_id === orderId)
    .filter((a) => a.status === 'succeeded' || a.status === 'awaiting_supervisor' || a.status === 'running')
    .map((a) => ({ tool: a.tool, itemIds: new Set((a.args.item_ids as string[] | undefined) ?? []), amountCents: typeof a.args.amount_cents === 'number' ? a.args.amount_cents : null }));
}

function repeatHold(request: ItemRequest, lines: readonly OrderLine[], chosen: readonly number[]): ProposalHold | null {
  const handled = alreadyHandled(request.existing, request.order.order_id);
  if (handled.length === 0) return null;
  const ids = chosen.map((i) => lines[i]!.item_id);
  const whole = handled.some((h) => h.itemIds.size === 0);
  const overlap = ids.filter((id) => handled.some((h) => h.itemIds.has(id)));
  if (!whole && overlap.length === 0 && ids.length > 0) return null;
  const what = overlap.length > 0 ? describeItems(lines, chosen.filter((i) => overlap.includes(lines[i]!.item_id))) : `order ${request.order.order_id}`;
  return { code: 'already_refunded', message: `A refund or return for ${what} was already made in this conversation. Check the earlier card before doing it again.` };
}

function refundCall(request: ItemRequest): ProposedCall | null {
  const { order } = request;
  const eligibility = request.facts.eligibility.get(order.order_id);
  if (!eligibility || !eligibility.eligible || eligibility.refundable_cents <= 0) return null;
  const lines = linesOf(order);
  const selection = selectItems(lines, request.texts, request.notInOrder, order.order_id);
  const amount = refundAmount(lines, selection, request.stated, eligibility.refundable_cents);
  const chosen = withChosen(selection, amount.lines);
  const hold = repeatHold(request, lines, amount.lines) ?? amount.hold ?? (amount.cents === null ? { code: 'choose_items' as const, message: `Choose the items (or enter the amount) to refund on order ${order.order_id}.` } : null);
  const method = namedPaymentMethod(request.texts[0] ?? '', request.facts.account);
  const args: Record<string, unknown> = {
    order_id: order.order_id,
    reason: reasonFrom(request.texts, 'refund', 'refund request'),
    ...(amount.cents !== null ? { amount_cents: amount.cents } : {}),
    ...(amount.lines.length > 0 ? { item_ids: amount.lines.map((i) => lines[i]!.item_id) } : {}),
    ...(method ? { payment_method_id: method } : {}),
  };
  const why = hold
    ? `Refund request on order ${order.order_id}: needs your decision before it can run.`
    : amount.lines.length > 0
      ? `The customer asked for a refund of ${describeItems(lines, amount.lines)}; the order is eligible.`
      : `The customer asked for ${formatCents(amount.cents ?? 0)} back; the order is eligible.`;
  return {
    tool: 'process_refund',
    args,
    why,
    subject: `process_refund ${order.order_id}`,
    details: detailsFor(request, chosen, { hold, notes: amount.notes, statedAmountCents: amount.statedCents }),
  };
}

function returnCall(request: ItemRequest, note?: string): ProposedCall {
  const { order } = request;
  const lines = linesOf(order);
  const selection = selectItems(lines, request.texts, request.notInOrder, order.order_id);
  const method = namedPaymentMethod(request.texts[0] ?? '', request.facts.account) ?? originalPayment(order);
  const statusHold: ProposalHold | null = order.status === 'delivered' ? null : {
    code: 'order_status',
    message: order.status.startsWith('pending')
      ? `Order ${order.order_id} is ${order.status}: it has not shipped, so it can be cancelled instead of returned.`
      : `Order ${order.order_id} is ${order.status}; only delivered orders can be returned.`,
  };
  const hold = statusHold ?? repeatHold(request, lines, selection.lines) ?? selection.hold;
  const args: Record<string, unknown> = {
    order_id: order.order_id,
    ...(selection.lines.length > 0 ? { item_ids: selection.lines.map((i) => lines[i]!.item_id) } : {}),
    ...(method ? { payment_method_id: method } : {}),
  };
  const notes = [...(note ? [note] : []), ...(selection.lines.length > 0 ? [`Returns ${describeItems(lines, selection.lines)}; the refund follows when they come back.`] : [])];
  return {
    tool: 'return_delivered_items',
    args,
    why: hold ? `Return request on order ${order.order_id}: needs your decision before it can run.` : `The customer wants to return ${describeItems(lines, selection.lines)}.`,
    subject: `return_delivered_items ${order.order_id}`,
    details: detailsFor(request, selection, { hold, notes }),
  };
}

/** Option values of `product` mentioned in the words, that the current item does not already have. */
function wantedOptions(text: string, current: OrderLine, variants: readonly { options: Record<string, string> }[]): Map<string, string> {
  const lower = text.toLowerCase();
  const wanted = new Map<string, string>();
  for (const variant of variants) {
    for (const [key, value] of Object.entries(variant.options)) {
      if (current.options[key] === value) continue;
      const v = value.toLowerCase();
      if (v.length < 2 || v === 'yes' || v === 'no') continue;
      const pattern = new RegExp(String.raw`(?<![\p{L}\p{N}])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+|-/g, '[\\s-]?')}(?![\p{L}\p{N}])`, 'iu');
      if (pattern.test(lower)) wanted.set(key, value);
    }
  }
  return wanted;
}

/** The new variant for each item being exchanged: the one that has every option asked for and keeps the rest. */
function newVariants(request: ItemRequest, lines: readonly OrderLine[], chosen: readonly number[]): { choices: VariantChoice[]; picked: (string | null)[] } {
  const choices: VariantChoice[] = [];
  const picked: (string | null)[] = [];
  for (const index of chosen) {
    const current = lines[index]!;
    const product = request.facts.products.get(current.product_id);
    const variants = (product?.variants ?? []).filter((v) => v.available && v.item_id !== current.item_id);
    const wanted = wantedOptions(request.texts[0] ?? '', current, variants);
    const fits = wanted.size === 0 ? [] : variants.filter((v) => [...wanted].every(([k, val]) => v.options[k] === val));
    const kept = (v: { options: Record<string, string> }): number => Object.entries(current.options).filter(([k, val]) => v.options[k] === val).length;
    const best = Math.max(-1, ...fits.map(kept));
    const top = fits.filter((v) => kept(v) === best);
    const choice = top.length === 1 ? top[0]!.item_id : null;
    picked.push(choice);
    for (const v of variants) choices.push({ for_item_id: current.item_id, item_id: v.item_id, options: { ...v.options }, price_cents: v.price_cents, selected: v.item_id === choice });
  }
  return { choices, picked };
}

function exchangeCall(request: ItemRequest): ProposedCall | null {
  const { order } = request;
  const pending = order.status === 'pending';
  const tool = pending ? 'modify_pending_order_items' : 'exchange_delivered_items';
  const lines = linesOf(order);
  const selection = selectItems(lines, request.texts, request.notInOrder, order.order_id);
  const { choices, picked } = newVariants(request, lines, selection.lines);
  const method = namedPaymentMethod(request.texts[0] ?? '', request.facts.account) ?? originalPayment(order);
  const statusHold: ProposalHold | null = pending || order.status === 'delivered' ? null : {
    code: 'order_status', message: `Order ${order.order_id} is ${order.status}; items can be exchanged once it is delivered (or changed while it is pending).`,
  };
  const missingNew = selection.lines.length > 0 && picked.some((p) => p === null);
  const hold = statusHold ?? selection.hold ?? (missingNew ? { code: 'choose_new_item' as const, message: `Choose the new option for ${describeItems(lines, selection.lines.filter((_, k) => picked[k] === null))} with the customer.` } : null);
  const args: Record<string, unknown> = {
    order_id: order.order_id,
    ...(selection.lines.length > 0 ? { item_ids: selection.lines.map((i) => lines[i]!.item_id) } : {}),
    ...(selection.lines.length > 0 && !missingNew ? { new_item_ids: picked as string[] } : {}),
    ...(method ? { payment_method_id: method } : {}),
  };
  return {
    tool,
    args,
    why: hold ? `Exchange request on order ${order.order_id}: needs your decision before it can run.` : `The customer wants to exchange ${describeItems(lines, selection.lines)} for another option.`,
    subject: `${tool} ${order.order_id}`,
    details: detailsFor(request, selection, { hold, newItems: choices, notes: pending ? ['The order is still pending: its items are changed instead of exchanged, once, for every item at the same time.'] : ['An order can be exchanged once: collect every item first.'] }),
  };
}

function cancelCall(request: ItemRequest): ProposedCall | null {
  const { order } = request;
  if (order.status === 'delivered') return returnCall(request, `Order ${order.order_id} was delivered, so it cannot be cancelled; a return is proposed instead.`);
  const lines = linesOf(order);
  const selection = selectItems(lines, request.texts, request.notInOrder, order.order_id);
  const reason = request.texts.map(cancellationReason).find((r) => r !== null) ?? null;
  const partial = selection.named && selection.lines.length > 0 && selection.lines.length < lines.length;
  const statusHold: ProposalHold | null = order.status === 'pending' ? null : {
    code: 'order_status', message: `Order ${order.order_id} is ${order.status}; only pending orders can be cancelled.`,
  };
  const hold: ProposalHold | null = statusHold ?? (partial
    ? { code: 'partial_cancel', message: `The customer asked to cancel ${describeItems(lines, selection.lines)}, but a pending order can only be cancelled as a whole (${describeItems(lines, lines.map((_, i) => i))}). Confirm with the customer before approving.` }
    : reason === null ? { code: 'cancel_reason', message: 'Ask the customer why: the policy accepts “no longer needed” or “ordered by mistake”.' } : null);
  const total = order.paid_cents - order.refunded_cents;
  return {
    tool: 'cancel_pending_order',
    args: { order_id: order.order_id, ...(reason ? { reason } : {}) },
    why: hold ? `Cancellation request on order ${order.order_id}: needs your decision before it can run.` : `The customer wants to cancel order ${order.order_id} (${reason}).`,
    subject: `cancel_pending_order ${order.order_id}`,
    details: detailsFor(request, withChosen(selection, lines.map((_, i) => i)), { hold, reasons: [...CANCEL_REASONS], notes: [`Cancels the whole order and refunds ${formatCents(total)} to the original payment method.`] }),
  };
}

/** The card for one item-level request on one order, or null when the order cannot have one yet. */
export function itemRequestCall(request: ItemRequest): ProposedCall | null {
  switch (request.kind) {
    case 'refund': return refundCall(request);
    case 'return': return returnCall(request);
    case 'exchange': return exchangeCall(request);
    case 'cancel': return cancelCall(request);
  }
}
