import type { DraftContext, ToolOutcome } from './types.js';

/**
 * The verified facts in a conversation's tool results, read defensively (a connector may return
 * fields we do not know). Templates write only these; the quality gate accepts only these.
 */
export interface OrderFacts {
  readonly orderId: string;
  readonly status: string;
  readonly paidCents: number | null;
  readonly trackingIds: readonly string[];
  readonly itemNames: readonly string[];
}

export interface ToolFacts {
  readonly orders: ReadonlyMap<string, OrderFacts>;
  readonly eligibility: readonly { orderId: string; eligible: boolean; explanation: string; refundableCents: number | null }[];
  readonly refundsProcessed: readonly { orderId: string; refundedCents: number; timing: string | null }[];
  readonly refundsAwaitingApproval: readonly { orderId: string | null; amountCents: number | null }[];
  readonly refundsAwaitingAgent: readonly { orderId: string | null; amountCents: number | null }[];
  readonly tickets: readonly { ticketId: string; priority: string | null }[];
  readonly passwordResetSentTo: string | null;
  /** Every money amount (cents) anywhere in a successful tool result or pending action. */
  readonly amountsCents: ReadonlySet<number>;
  /** Every string anywhere in a successful tool result, lower-cased (ids, statuses, names…). */
  readonly strings: ReadonlySet<string>;
  /** Tools that failed, by code (e.g. E_NOT_VERIFIED), so a draft can ask for what is missing. */
  readonly failures: readonly { tool: string; code: string; message: string }[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

/** Walks a result, collecting strings and every *_cents (or amountCents-like) integer. */
function collect(value: unknown, key: string, strings: Set<string>, amounts: Set<number>, depth = 0): void {
  if (depth > 8) return;
  if (typeof value === 'string') strings.add(value.toLowerCase());
  else if (typeof value === 'number' && /cents$/i.test(key) && Number.isInteger(value)) amounts.add(value);
  else if (Array.isArray(value)) for (const item of value) collect(item, key, strings, amounts, depth + 1);
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) collect(v, k, strings, amounts, depth + 1);
}

function orderFrom(value: Json): OrderFacts | null {
  const orderId = str(value.order_id);
  const status = str(value.status);
  if (!orderId || !status) return null;
  const fulfillments = Array.isArray(value.fulfillments) ? value.fulfillments : Array.isArray(value.shipments) ? value.shipments : [];
  const trackingIds = fulfillments.flatMap((f) => (isObject(f) && Array.isArray(f.tracking_ids) ? f.tracking_ids.filter((t): t is string => typeof t === 'string') : []));
  const items = Array.isArray(value.items) ? value.items : [];
  return {
    orderId,
    status,
    paidCents: int(value.paid_cents),
    trackingIds,
    itemNames: items.flatMap((i) => (isObject(i) && typeof i.name === 'string' ? [i.name] : [])),
  };
}

export function toolFacts(context: Pick<DraftContext, 'toolResults' | 'pendingActions'>): ToolFacts {
  const orders = new Map<string, OrderFacts>();
  const eligibility: ToolFacts['eligibility'][number][] = [];
  const refundsProcessed: ToolFacts['refundsProcessed'][number][] = [];
  const refundsAwaitingApproval: ToolFacts['refundsAwaitingApproval'][number][] = [];
  const refundsAwaitingAgent: ToolFacts['refundsAwaitingAgent'][number][] = [];
  const tickets: ToolFacts['tickets'][number][] = [];
  const failures: ToolFacts['failures'][number][] = [];
  const strings = new Set<string>();
  const amounts = new Set<number>();
  let passwordResetSentTo: string | null = null;

  const mergeOrder = (order: OrderFacts): void => {
    const known = orders.get(order.orderId);
    orders.set(order.orderId, {
      ...order,
      paidCents: order.paidCents ?? known?.paidCents ?? null,
      trackingIds: order.trackingIds.length ? order.trackingIds : known?.trackingIds ?? [],
      itemNames: order.itemNames.length ? order.itemNames : known?.itemNames ?? [],
    });
  };

  for (const outcome of context.toolResults as readonly ToolOutcome[]) {
    if (!outcome.ok) {
      failures.push({ tool: outcome.tool, code: outcome.error.code, message: outcome.error.message });
      continue;
    }
    const result = outcome.result;
    collect(result, '', strings, amounts);
    if (!isObject(result)) continue;
    switch (outcome.tool) {
      case 'lookup_order':
        for (const order of Array.isArray(result.orders) ? result.orders : [result]) {
          const facts = isObject(order) ? orderFrom(order) : null;
          if (facts) mergeOrder(facts);
        }
        break;
      case 'track_shipment': {
        const facts = orderFrom(result);
        if (facts) mergeOrder(facts);
        break;
      }
      case 'check_refund_eligibility': {
        const orderId = str(result.order_id);
        if (orderId && typeof result.eligible === 'boolean') {
          eligibility.push({ orderId, eligible: result.eligible, explanation: str(result.explanation) ?? '', refundableCents: int(result.refundable_cents) });
        }
        break;
      }
      case 'process_refund': {
        const orderId = str(result.order_id);
        const refunded = int(result.refunded_cents);
        if (orderId && refunded !== null) refundsProcessed.push({ orderId, refundedCents: refunded, timing: str(result.timing) });
        break;
      }
      case 'create_ticket': {
        const ticketId = str(result.ticket_id);
        if (ticketId) tickets.push({ ticketId, priority: str(result.priority) });
        break;
      }
      case 'reset_password':
        passwordResetSentTo = str(result.sent_to);
        break;
    }
  }

  for (const action of context.pendingActions ?? []) {
    if (action.tool !== 'process_refund') continue;
    const amountCents = int(action.args.amount_cents);
    if (amountCents !== null) amounts.add(amountCents);
    const entry = { orderId: str(action.args.order_id), amountCents };
    (action.status === 'awaiting_supervisor' ? refundsAwaitingApproval : refundsAwaitingAgent).push(entry);
  }

  return {
    orders,
    eligibility,
    refundsProcessed,
    refundsAwaitingApproval,
    refundsAwaitingAgent,
    tickets,
    passwordResetSentTo,
    amountsCents: amounts,
    strings,
    failures,
  };
}
