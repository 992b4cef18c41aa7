import { canonicalJson } from './canonicalJson.js';
import type { ActionRecord } from './actionTypes.js';
import type { ProposalContext } from './proposalContext.js';
import type { ToolName } from './toolSchemas.js';

export interface ProposedCall {
  readonly tool: ToolName;
  readonly args: Record<string, unknown>;
  readonly why: string;
}

const TEXT_LIMIT = 400;

/**
 * The next tool calls for a conversation, with arguments prefilled from entities and from results of
 * earlier actions. Pure: the service stores, de-duplicates and (for allowed reads) runs them. Nothing
 * here approves anything; customer text only ever fills arguments.
 */
export function proposeCalls(context: ProposalContext, existing: readonly ActionRecord[]): ProposedCall[] {
  const calls: ProposedCall[] = [];
  const { entities, intent, verifiedCustomerId } = context;
  const text = context.latestCustomerText.trim().slice(0, TEXT_LIMIT);

  if (!verifiedCustomerId) {
    const email = entities.emails[0];
    const name = entities.names?.[0];
    if (email) calls.push({ tool: 'lookup_account', args: { email }, why: `The customer gave the email ${email}: locate the account, then confirm it is them.` });
    else if (name && entities.zip) {
      calls.push({
        tool: 'lookup_account',
        args: { first_name: name.first, last_name: name.last, zip: entities.zip },
        why: `The customer gave their name (${name.first} ${name.last}) and zip ${entities.zip}: locate the account, then confirm it is them.`,
      });
    }
  } else if (intent === 'account_issue') {
    calls.push({ tool: 'lookup_account', args: {}, why: 'Account question: show the verified customer\'s account.' });
  }

  for (const orderId of entities.orderIds) {
    calls.push({
      tool: 'lookup_order',
      args: { order_id: orderId },
      why: verifiedCustomerId ? `The customer mentioned order ${orderId}.` : `The customer mentioned order ${orderId}; it can be looked up once they are verified.`,
    });
    if (intent === 'order_status') calls.push({ tool: 'track_shipment', args: { order_id: orderId }, why: `Order status question about ${orderId}.` });
  }

  if (intent === 'refund_request' && verifiedCustomerId) {
    for (const order of ownOrdersLookedUp(existing)) {
      calls.push({ tool: 'check_refund_eligibility', args: { order_id: order, reason: text || 'refund request' }, why: `Refund request: order ${order} is known, check it against the policy.` });
    }
    for (const eligibility of succeeded(existing, 'check_refund_eligibility')) {
      const r = eligibility.result as { order_id: string; eligible: boolean; refundable_cents: number };
      if (!r.eligible || r.refundable_cents <= 0) continue;
      const asked = entities.amountsCents.find((a) => a > 0 && a <= r.refundable_cents);
      calls.push({
        tool: 'process_refund',
        args: { order_id: r.order_id, amount_cents: asked ?? r.refundable_cents, reason: String(eligibility.args.reason ?? 'refund request') },
        why: asked ? `The order is eligible and the customer asked for this amount.` : `The order is eligible; prefilled with the full refundable amount — edit it if the customer asked for less.`,
      });
    }
  }

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
 * Two proposals are "the same" when they would do the same thing: a refund check or refund is about
 * an order (not the wording of the reason), a complaint ticket is one per conversation.
 */
export function callKey(tool: string, args: Record<string, unknown>): string {
  if (tool === 'check_refund_eligibility' || tool === 'process_refund') return `${tool} ${String(args.order_id)}`;
  if (tool === 'create_ticket') return tool;
  return `${tool} ${canonicalJson(args)}`;
}

function ownOrdersLookedUp(existing: readonly ActionRecord[]): string[] {
  const ids = succeeded(existing, 'lookup_order').flatMap((a) => ((a.result as { orders?: { order_id: string }[] }).orders ?? []).map((o) => o.order_id));
  return [...new Set(ids)];
}

function succeeded(existing: readonly ActionRecord[], tool: ToolName): ActionRecord[] {
  return existing.filter((a) => a.tool === tool && a.status === 'succeeded' && a.result !== null);
}

/** A call already proposed (in any state, including rejected) is not proposed again. */
function dedupe(calls: ProposedCall[], existing: readonly ActionRecord[]): ProposedCall[] {
  const seen = new Set(existing.map((a) => callKey(a.tool, a.args)));
  const fresh: ProposedCall[] = [];
  for (const call of calls) {
    const key = callKey(call.tool, call.args);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(call);
  }
  return fresh;
}
