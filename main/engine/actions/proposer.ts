import { canonicalJson } from './canonicalJson.js';
import type { ActionRecord } from './actionTypes.js';
import type { ProposalContext } from './proposalContext.js';
import { accountCalls, identificationCalls } from './proposing/accountRequests.js';
import { conversationFacts } from './proposing/conversationFacts.js';
import { itemRequestCall, type ItemRequestKind } from './proposing/itemRequests.js';
import { namesAnyItem } from './proposing/itemMentions.js';
import { NO_DETAILS } from './proposing/proposalDetails.js';
import type { ProposedCall } from './proposing/proposedCall.js';
import { readRequests, type RequestKind } from './proposing/requestKinds.js';
import { readStatedAmounts } from './proposing/statedAmounts.js';
import type { ToolName } from './toolSchemas.js';

export type { ProposedCall } from './proposing/proposedCall.js';

const TEXT_LIMIT = 400;
const ITEM_KINDS: readonly ItemRequestKind[] = ['refund', 'return', 'exchange', 'cancel'];
const KIND_TOOLS: Record<ItemRequestKind, readonly ToolName[]> = {
  refund: ['process_refund'],
  return: ['return_delivered_items'],
  exchange: ['exchange_delivered_items', 'modify_pending_order_items'],
  cancel: ['cancel_pending_order'],
};
/** Orders a request may touch at once before the agent has to narrow it down. */
const MAX_TARGET_ORDERS = 3;

/**
 * The next tool calls for a conversation, with arguments prefilled from entities and from results of
 * earlier actions. Pure: the service stores, de-duplicates, revises and (for allowed reads) runs them.
 * Nothing here approves anything; customer text only ever fills arguments and picks which card to show.
 */
export function proposeCalls(context: ProposalContext, existing: readonly ActionRecord[]): ProposedCall[] {
  const calls: ProposedCall[] = [];
  const { entities, intent, verifiedCustomerId } = context;
  const text = context.latestCustomerText.trim().slice(0, TEXT_LIMIT);
  const earlier = context.earlierCustomerTexts ?? [];
  const requests = readRequests(text);
  const facts = conversationFacts(existing, verifiedCustomerId);

  if (!verifiedCustomerId) calls.push(...identificationCalls(context, requests));
  calls.push(...accountCalls(context, requests, facts));

  for (const orderId of entities.orderIds) {
    calls.push({
      tool: 'lookup_order',
      args: { order_id: orderId },
      why: `The customer mentioned order ${orderId}.`,
    });
    if (intent === 'order_status' || requests.asks.has('order_status')) calls.push({ tool: 'track_shipment', args: { order_id: orderId }, why: `Order status question about ${orderId}.` });
  }

  const kinds = activeItemKinds(context, requests.asks, facts.orders.size > 0 ? [...facts.orders.values()].flatMap((o) => o.items) : []);
  const wantsOrders = kinds.length > 0 || requests.asks.has('order_status') || intent === 'order_status' || intent === 'refund_request';
  if (verifiedCustomerId && wantsOrders && entities.orderIds.length === 0 && facts.orders.size === 0 && context.verifiedEmail) {
    calls.push({ tool: 'lookup_order', args: { email: context.verifiedEmail }, why: 'The customer named no order: show their orders to find the one they mean.' });
  }

  if (verifiedCustomerId && kinds.length > 0) {
    const texts = [text, ...earlier];
    const asked = (t: string) => readStatedAmounts(t).filter((a) => a.role === 'asked');
    const statedIn = texts.find((t) => asked(t).length > 0);
    const named = new Set(entities.orderIds.map((id) => (id.startsWith('#') ? id : `#${id}`)));
    for (const kind of kinds) {
      for (const order of targetOrders(facts.orders, named, texts, kind)) {
        if (kind === 'refund' && !facts.eligibility.has(order.order_id)) {
          calls.push({ tool: 'check_refund_eligibility', args: { order_id: order.order_id, reason: text || 'refund request' }, why: `Refund request: order ${order.order_id} is known, check it against the policy.` });
          continue;
        }
        if (kind === 'exchange') calls.push(...productSearches(order, facts.products, texts));
        const notInOrder = (entities.products ?? []).filter((p) => !order.items.some((i) => i.name.toLowerCase() === p.toLowerCase()));
        const call = itemRequestCall({
          kind, order, texts, stated: statedIn ? asked(statedIn) : [], notInOrder, facts, existing,
        });
        const kept = call && repeatedAsk(call, existing, requests.asks.has(kind));
        if (kept) calls.push(kept);
      }
    }
  }
  calls.push(...withdrawals(requests.withdraws, existing, text));

  if (text && (intent === 'product_question' || intent === 'complaint' || intent === 'other')) {
    calls.push({ tool: 'search_knowledge_base', args: { query: text, intent }, why: 'Find the policy or help article that answers this.' });
  }
  if (text && intent === 'product_question') {
    calls.push({ tool: 'search_products', args: { query: text.slice(0, 200) }, why: 'Product question: check the catalogue for matching products.' });
  }
  if (text && intent === 'complaint') {
    calls.push({ tool: 'create_ticket', args: { subject: 'Customer complaint', priority: 'medium', summary: text }, why: 'Complaints get a ticket for follow-up.' });
  }
  return dedupe(calls, existing);
}

/**
 * Item requests this message makes or continues: the kinds it asks for, or — when it only names items,
 * an amount or an order ("the bookshelf and the camera, that's $929.79") — the kind asked for before.
 */
function activeItemKinds(context: ProposalContext, asks: ReadonlySet<RequestKind>, knownItems: readonly { name: string }[]): ItemRequestKind[] {
  const stated = ITEM_KINDS.filter((k) => asks.has(k));
  if (stated.length > 0) return stated;
  const text = context.latestCustomerText;
  const continues =
    context.entities.orderIds.length > 0 || readStatedAmounts(text).some((a) => a.role === 'asked') ||
    namesAnyItem(text, knownItems.map((i) => ({ ...i, item_id: '', product_id: '', options: {}, price_cents: 0 })));
  if (!continues) return [];
  for (const earlier of context.earlierCustomerTexts ?? []) {
    const before = readRequests(earlier).asks;
    const kinds = ITEM_KINDS.filter((k) => before.has(k));
    if (kinds.length > 0) return kinds;
  }
  return context.intent === 'refund_request' ? ['refund'] : [];
}

type Orders = ReturnType<typeof conversationFacts>['orders'];

/** The orders a request is about: those named, else those holding the items named, else the only one. */
function targetOrders(orders: Orders, named: ReadonlySet<string>, texts: readonly string[], kind: ItemRequestKind) {
  const all = [...orders.values()];
  const byName = all.filter((o) => named.has(o.order_id));
  if (byName.length > 0) return byName.slice(0, MAX_TARGET_ORDERS);
  const naming = all.filter((o) => texts.some((t) => namesAnyItem(t, o.items)));
  // An item bought twice: prefer the orders a request of this kind can act on.
  const fitting = naming.filter((o) => (kind === 'cancel' ? o.status.startsWith('pending') : kind === 'refund' ? true : o.status === 'delivered' || (kind === 'exchange' && o.status === 'pending')));
  const chosen = fitting.length > 0 ? fitting : naming;
  if (chosen.length > 0) return chosen.slice(0, MAX_TARGET_ORDERS);
  return all.length === 1 ? all : [];
}

/** An exchange needs the product's other options: a catalogue search per product not searched yet. */
function productSearches(order: Parameters<typeof itemRequestCall>[0]['order'], products: ReadonlyMap<string, unknown>, texts: readonly string[]): ProposedCall[] {
  const wanted = order.items.filter((i) => !products.has(i.product_id) && texts.some((t) => namesAnyItem(t, [i])));
  return [...new Set(wanted.map((i) => i.name))].map((name) => ({ tool: 'search_products', args: { query: name }, why: `Exchange: list the other options of the ${name}.` }));
}

/**
 * The customer asks again for what this conversation already did: instead of nothing (a refund silently
 * not proposed) the card says so, held. Only when this very message asks, so "thanks!" adds nothing.
 */
function repeatedAsk(call: ProposedCall, existing: readonly ActionRecord[], askedNow: boolean): ProposedCall | null {
  if (call.details?.hold?.code !== 'already_refunded') return call;
  const open = existing.some((a) => a.status === 'proposed' && subjectOf(a.tool, a.args) === call.subject);
  return askedNow || open ? call : null;
}

/** Open cards the customer takes back ("never mind, I'll keep it") are held for the agent to reject. */
function withdrawals(withdraws: ReadonlySet<RequestKind> | 'all', existing: readonly ActionRecord[], text: string): ProposedCall[] {
  const tools = withdraws === 'all' ? ITEM_KINDS.flatMap((k) => KIND_TOOLS[k]) : [...withdraws].flatMap((k) => (ITEM_KINDS as readonly string[]).includes(k) ? KIND_TOOLS[k as ItemRequestKind] : []);
  return existing
    .filter((a) => a.status === 'proposed' && tools.includes(a.tool) && a.proposal?.hold?.code !== 'customer_withdrew')
    .map((a) => ({
      tool: a.tool,
      args: a.args,
      why: a.why,
      subject: `${a.tool} ${String(a.args.order_id ?? '')}`,
      details: { ...(a.proposal ?? NO_DETAILS), hold: { code: 'customer_withdrew' as const, message: `The customer took this back (“${text.slice(0, 120)}”): reject the card unless they ask again.` } },
    }));
}

/**
 * Two proposals are "the same" when they would do the same thing: a refund check is about an order
 * (not the wording of the reason), a refund or return about an order's items, a complaint ticket is
 * one per conversation.
 */
export function callKey(tool: string, args: Record<string, unknown>): string {
  if (tool === 'check_refund_eligibility') return `${tool} ${String(args.order_id)}`;
  if (tool === 'process_refund' || tool === 'return_delivered_items' || tool === 'exchange_delivered_items' || tool === 'modify_pending_order_items') {
    const items = Array.isArray(args.item_ids) ? [...(args.item_ids as string[])].sort().join(',') : '*';
    return `${tool} ${String(args.order_id)} ${items}`;
  }
  if (tool === 'cancel_pending_order') return `${tool} ${String(args.order_id)}`;
  if (tool === 'create_ticket') return tool;
  return `${tool} ${canonicalJson(args)}`;
}

/**
 * A call already proposed (in any state, including rejected) is not proposed again; a call about the
 * subject of an open card goes through, for the service to revise that card.
 */
function dedupe(calls: ProposedCall[], existing: readonly ActionRecord[]): ProposedCall[] {
  const seen = new Set(existing.map((a) => callKey(a.tool, a.args)));
  const openSubjects = new Set(existing.filter((a) => a.status === 'proposed').map((a) => subjectOf(a.tool, a.args)));
  const repeats = new Set(existing.filter((a) => a.proposal?.hold?.code === 'already_refunded').map((a) => subjectOf(a.tool, a.args)));
  const fresh: ProposedCall[] = [];
  const taken = new Set<string>();
  for (const call of calls) {
    const key = callKey(call.tool, call.args);
    const revises = call.subject !== undefined && openSubjects.has(call.subject);
    // A repeated request is shown once, held, although the same call already ran.
    const repeat = call.details?.hold?.code === 'already_refunded' && !repeats.has(call.subject ?? '');
    if ((!revises && !repeat && seen.has(key)) || taken.has(call.subject ?? key)) continue;
    taken.add(call.subject ?? key);
    seen.add(key);
    fresh.push(call);
  }
  return fresh;
}

export function subjectOf(tool: string, args: Record<string, unknown>): string {
  return `${tool} ${String(args.order_id ?? '')}`;
}
