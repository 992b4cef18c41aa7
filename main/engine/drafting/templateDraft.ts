import { formatCents } from '../money.js';
import { bestEvidenceSentence } from './evidenceSentence.js';
import { toolFacts, type OrderFacts, type ToolFacts } from './toolFacts.js';
import type { DraftCitation, DraftContext, DraftText } from './types.js';

/** Said on the first reply when the workspace wants it (the seed: "be open that it is AI"). */
export const AI_DISCLOSURE = 'This reply was prepared with the help of an AI assistant and checked by our support team.';
export const APOLOGY = "I'm sorry for the trouble this has caused.";
const CLOSING = 'Is there anything else I can help you with?';
const VERIFY_REQUEST =
  'To look into this, could you please confirm the email address on your account, or your first and last name and zip code?';

/** Seed wording for a refund that needs a supervisor, and one that went through. */
export const refundSubmittedSentence = (cents: number): string =>
  `Your refund of ${formatCents(cents)} has been submitted for approval; a supervisor reviews refunds of this size, and we will confirm as soon as it is approved.`;
export const refundProcessedSentence = (cents: number, timing: string | null): string =>
  `Done! Your refund of ${formatCents(cents)} has been processed${timing === 'immediate' ? ' and is back on your original payment method' : timing ? ` and should appear on your original payment method within ${timing}` : ''}.`;

const STATUS_PHRASES: Record<string, string> = {
  pending: 'has been placed and is waiting to be processed',
  processed: 'has been processed and is on its way',
  delivered: 'has been delivered',
  cancelled: 'was cancelled',
  returned: 'was returned',
  exchanged: 'was exchanged',
  shipped: 'has shipped',
};

class Citations {
  readonly list: DraftCitation[] = [];
  private readonly byKey = new Map<string, number>();

  evidence(citationId: string, title: string, section: string): string {
    return this.marker(`e:${citationId}`, (marker) => ({ marker, kind: 'evidence', citationId, title, section }));
  }

  tool(tool: string, title: string): string {
    return this.marker(`t:${tool}`, (marker) => ({ marker, kind: 'tool', tool, title }));
  }

  private marker(key: string, make: (marker: number) => DraftCitation): string {
    let marker = this.byKey.get(key);
    if (marker === undefined) {
      marker = this.list.length + 1;
      this.byKey.set(key, marker);
      this.list.push(make(marker));
    }
    return `[${marker}]`;
  }
}

const TOOL_TITLES: Record<string, string> = {
  lookup_order: 'Order lookup',
  track_shipment: 'Shipment tracking',
  check_refund_eligibility: 'Refund eligibility check',
  process_refund: 'Refund',
  create_ticket: 'Ticket',
  reset_password: 'Password reset',
  lookup_account: 'Account lookup',
};

function orderSentences(order: OrderFacts, cite: string): string[] {
  const phrase = STATUS_PHRASES[order.status] ?? `has the status "${order.status}"`;
  const sentences = [`Your order ${order.orderId} ${phrase} ${cite}.`];
  if (order.trackingIds.length === 1) sentences.push(`Its tracking number is ${order.trackingIds[0]} ${cite}.`);
  else if (order.trackingIds.length > 1) sentences.push(`Its tracking numbers are ${order.trackingIds.join(', ')} ${cite}.`);
  return sentences;
}

function needsVerification(facts: ToolFacts): boolean {
  return facts.failures.some((f) => f.code === 'E_NOT_VERIFIED' || f.code === 'E_CUSTOMER_NOT_FOUND' || f.code === 'E_NOT_OWNER');
}

function orderCitationTool(order: OrderFacts, context: DraftContext): string {
  return context.toolResults.some((r) => r.ok && r.tool === 'track_shipment') && order.trackingIds.length ? 'track_shipment' : 'lookup_order';
}

function orderStatusBody(facts: ToolFacts, context: DraftContext, cites: Citations): string[] {
  const orders = [...facts.orders.values()];
  if (orders.length === 0) {
    return needsVerification(facts) ? [VERIFY_REQUEST] : ['Could you share your order number (it starts with #W) so I can check its status?'];
  }
  return orders.slice(0, 3).flatMap((order) => {
    const tool = orderCitationTool(order, context);
    return orderSentences(order, cites.tool(tool, TOOL_TITLES[tool]!));
  });
}

function refundBody(facts: ToolFacts, context: DraftContext, cites: Citations): string[] {
  const lines: string[] = [];
  for (const refund of facts.refundsProcessed) lines.push(`${refundProcessedSentence(refund.refundedCents, refund.timing).slice(0, -1)} ${cites.tool('process_refund', 'Refund')}.`);
  if (lines.length) return lines;
  for (const pending of facts.refundsAwaitingApproval) {
    if (pending.amountCents !== null) lines.push(refundSubmittedSentence(pending.amountCents));
  }
  if (lines.length) return lines;
  for (const check of facts.eligibility) {
    const cite = cites.tool('check_refund_eligibility', TOOL_TITLES.check_refund_eligibility!);
    if (check.eligible) {
      const amount = check.refundableCents !== null ? ` of up to ${formatCents(check.refundableCents)}` : '';
      lines.push(`Your order ${check.orderId} is eligible for a refund${amount} ${cite}.`);
      const pending = facts.refundsAwaitingAgent.find((p) => p.orderId === check.orderId && p.amountCents !== null);
      if (pending?.amountCents) lines.push(`I can refund ${formatCents(pending.amountCents)} to your original payment method; shall I go ahead?`);
    } else {
      const reason = check.explanation ? `: ${check.explanation.replace(/\.$/, '')}` : '';
      lines.push(`I checked order ${check.orderId}, and it cannot be refunded under our policy${reason} ${cite}.`);
    }
  }
  if (lines.length) return lines;
  return needsVerification(facts) ? [VERIFY_REQUEST] : orderStatusBody(facts, context, cites);
}

function accountBody(facts: ToolFacts, context: DraftContext, cites: Citations): string[] {
  if (facts.passwordResetSentTo !== null) return [`I've sent a password reset link to the email address on your account ${cites.tool('reset_password', 'Password reset')}.`];
  if (context.toolResults.some((r) => r.ok && r.tool === 'update_account')) return [`Your account details have been updated ${cites.tool('update_account', 'Account update')}.`];
  if (needsVerification(facts) || !context.toolResults.some((r) => r.ok && r.tool === 'lookup_account')) return [VERIFY_REQUEST];
  return [`I've found your account ${cites.tool('lookup_account', 'Account lookup')}. What would you like me to change?`];
}

/** The grounded draft written without a model: every fact comes from a tool result or the cited chunk. */
export function templateDraft(context: DraftContext): DraftText {
  const facts = toolFacts(context);
  const cites = new Citations();
  const top = context.evidence[0];
  const quote = top ? bestEvidenceSentence(top, `${context.customerMessage ?? ''} ${context.intent.replace(/_/g, ' ')}`) : null;
  const quoteMarker = top && quote ? cites.evidence(top.citationId, top.title, top.section) : '';

  const lines: string[] = [];
  const name = context.customerFirstName?.trim();
  lines.push(name ? `Hi ${name},` : 'Hi there,');
  const failed = facts.failures.some((f) => !['E_NOT_VERIFIED', 'E_CUSTOMER_NOT_FOUND'].includes(f.code));
  if (!context.apologizedAlready && (context.intent === 'complaint' || failed)) lines.push(APOLOGY);

  switch (context.intent) {
    case 'order_status':
      lines.push(...orderStatusBody(facts, context, cites));
      break;
    case 'refund_request':
      lines.push(...refundBody(facts, context, cites));
      break;
    case 'account_issue':
      lines.push(...accountBody(facts, context, cites));
      break;
    case 'complaint':
      lines.push('Thank you for telling us about this; I want to make it right.');
      break;
    default:
      if (!quote) lines.push("Thanks for reaching out. Could you tell me a little more so I can find the right answer?");
  }
  // Demo policy chunks are titled "Retail policy: <section>": naming the section twice reads as a stutter.
  const section = top?.section && !top.title.toLowerCase().endsWith(top.section.toLowerCase()) ? ` (${top.section})` : '';
  if (quote && top) lines.push(`From our ${top.title}${section}: "${quote}" ${quoteMarker}`);
  for (const ticket of facts.tickets) {
    lines.push(`I've opened ticket ${ticket.ticketId} so our team can follow up ${cites.tool('create_ticket', 'Ticket')}.`);
  }
  if (context.aiDisclosure && context.firstReply !== false) lines.push(AI_DISCLOSURE);
  lines.push(CLOSING);
  return { text: lines.join('\n\n'), citations: cites.list, source: 'template' };
}
