import { formatCents } from '../money.js';
import { TandemError } from '../errors.js';
import { isToolName, toolSchemas, type ToolArgs, type ToolName } from './toolSchemas.js';

/** Seed rule: refunds above $100 need a supervisor; at or below, the agent's approval is enough. */
export const SUPERVISOR_REFUND_THRESHOLD_CENTS = 10_000;

export type ToolEffect = 'reads' | 'changes';
/** Who must say yes before the call runs. 'none' is only ever used for tools that read. */
export type Approval = 'none' | 'agent' | 'supervisor';

export interface ToolDefinition {
  readonly name: ToolName;
  readonly description: string;
  readonly effect: ToolEffect;
  readonly needsVerifiedCustomer: boolean;
  /** A failure of a critical tool is an escalation signal ("tool error on critical action"). */
  readonly critical: boolean;
  /** Where it runs: the commerce connector, or Tandem itself (tickets, knowledge base). */
  readonly runsOn: 'commerce' | 'tandem';
  readonly approvalFor: (args: unknown) => Approval;
  readonly describeChange: (args: unknown) => string;
  readonly policyNotes: readonly string[];
}

const agentApproval = (): Approval => 'agent';
const noApproval = (): Approval => 'none';
const nothingChanges = (): string => 'Reads data only; nothing changes.';

function tool(def: Omit<ToolDefinition, 'approvalFor' | 'describeChange' | 'policyNotes' | 'critical' | 'runsOn'> &
  Partial<Pick<ToolDefinition, 'approvalFor' | 'describeChange' | 'policyNotes' | 'critical' | 'runsOn'>>): ToolDefinition {
  return {
    approvalFor: def.effect === 'reads' ? noApproval : agentApproval,
    describeChange: nothingChanges,
    policyNotes: [],
    critical: def.effect === 'changes',
    runsOn: 'commerce',
    ...def,
  };
}

const arg = <T extends ToolName>(_name: T, args: unknown): Partial<ToolArgs<T>> => (args ?? {}) as Partial<ToolArgs<T>>;

export const TOOLS: Readonly<Record<ToolName, ToolDefinition>> = {
  lookup_order: tool({
    name: 'lookup_order',
    description: 'Look up an order (by order id, or all orders of the verified customer by email).',
    effect: 'reads',
    needsVerifiedCustomer: true,
    policyNotes: ['Only the verified customer\'s own orders are shown; an order number alone is not verification.'],
  }),
  track_shipment: tool({
    name: 'track_shipment',
    description: 'Show the shipping status and tracking numbers of an order.',
    effect: 'reads',
    needsVerifiedCustomer: true,
  }),
  check_refund_eligibility: tool({
    name: 'check_refund_eligibility',
    description: 'Check whether an order can be refunded under the policy, and how much is left to refund.',
    effect: 'reads',
    needsVerifiedCustomer: true,
    critical: true,
    policyNotes: ['Delivered orders can be refunded up to what was paid minus what was already refunded.'],
  }),
  process_refund: tool({
    name: 'process_refund',
    description: 'Refund an amount of an order to its original payment method or to one of the customer\'s gift cards.',
    effect: 'changes',
    needsVerifiedCustomer: true,
    approvalFor: (args) => ((arg('process_refund', args).amount_cents ?? 0) > SUPERVISOR_REFUND_THRESHOLD_CENTS ? 'supervisor' : 'agent'),
    describeChange: (args) => {
      const a = arg('process_refund', args);
      const amount = a.amount_cents === undefined ? 'the amount you choose' : formatCents(a.amount_cents);
      return `Refunds ${amount} of order ${a.order_id ?? '?'} to ${a.payment_method_id ?? 'the original payment method'}.`;
    },
    policyNotes: [
      'Refunds over $100 need a supervisor\'s PIN and open a high-priority ticket.',
      'Refunds go to the original payment method (gift cards at once, others in 5–7 business days) or to an existing gift card.',
    ],
  }),
  create_ticket: tool({
    name: 'create_ticket',
    description: 'Open a ticket for follow-up by the team.',
    effect: 'changes',
    needsVerifiedCustomer: false,
    critical: false,
    runsOn: 'tandem',
    describeChange: (args) => {
      const a = arg('create_ticket', args);
      return `Opens a ${a.priority ?? '?'}-priority ticket "${a.subject ?? ''}".`;
    },
  }),
  lookup_account: tool({
    name: 'lookup_account',
    description: 'Find the customer\'s account by email, or by first name + last name + zip, so the agent can confirm who they are.',
    effect: 'reads',
    needsVerifiedCustomer: false,
    policyNotes: ['Verification: the account is located by email, or name + zip, and the agent confirms the match.'],
  }),
  reset_password: tool({
    name: 'reset_password',
    description: 'Send a password-reset email to the verified customer\'s address on file.',
    effect: 'changes',
    needsVerifiedCustomer: true,
    critical: false,
    describeChange: () => 'Sends a password-reset link to the email on file.',
  }),
  update_account: tool({
    name: 'update_account',
    description: 'Change the verified customer\'s email or default address.',
    effect: 'changes',
    needsVerifiedCustomer: true,
    describeChange: (args) => {
      const a = arg('update_account', args);
      return `Changes the customer's ${[a.email ? 'email' : null, a.address ? 'default address' : null].filter(Boolean).join(' and ') || 'account'}.`;
    },
  }),
  search_knowledge_base: tool({
    name: 'search_knowledge_base',
    description: 'Search the knowledge base for policy and help articles.',
    effect: 'reads',
    needsVerifiedCustomer: false,
    runsOn: 'tandem',
  }),
  search_products: tool({
    name: 'search_products',
    description: 'Search the product catalogue: variants, prices and availability.',
    effect: 'reads',
    needsVerifiedCustomer: false,
  }),
  cancel_pending_order: tool({
    name: 'cancel_pending_order',
    description: 'Cancel a pending order and refund it to the original payment method.',
    effect: 'changes',
    needsVerifiedCustomer: true,
    describeChange: (args) => `Cancels order ${arg('cancel_pending_order', args).order_id ?? '?'} and refunds its total.`,
    policyNotes: [
      'Only pending orders can be cancelled; the reason must be "no longer needed" or "ordered by mistake".',
      'Confirm the order id and reason with the customer (an explicit yes) before approving.',
    ],
  }),
  return_delivered_items: tool({
    name: 'return_delivered_items',
    description: 'Request the return of delivered items; the refund goes to the original payment method or an existing gift card.',
    effect: 'changes',
    needsVerifiedCustomer: true,
    describeChange: (args) => {
      const a = arg('return_delivered_items', args);
      return `Marks order ${a.order_id ?? '?'} as "return requested" for ${a.item_ids?.length ?? 0} item(s).`;
    },
    policyNotes: ['Only delivered orders can be returned.', 'Confirm the order id and the list of items with the customer before approving.'],
  }),
  exchange_delivered_items: tool({
    name: 'exchange_delivered_items',
    description: 'Exchange delivered items for available variants of the same product.',
    effect: 'changes',
    needsVerifiedCustomer: true,
    describeChange: (args) => {
      const a = arg('exchange_delivered_items', args);
      return `Marks order ${a.order_id ?? '?'} as "exchange requested" for ${a.item_ids?.length ?? 0} item(s); charges or refunds the price difference.`;
    },
    policyNotes: ['Only delivered orders; same product, different option, available.', 'Can be done once per order: collect every item first.'],
  }),
  modify_pending_order_items: tool({
    name: 'modify_pending_order_items',
    description: 'Swap items of a pending order for available variants of the same product.',
    effect: 'changes',
    needsVerifiedCustomer: true,
    describeChange: (args) => {
      const a = arg('modify_pending_order_items', args);
      return `Changes ${a.item_ids?.length ?? 0} item(s) of order ${a.order_id ?? '?'}; the order can no longer be modified or cancelled.`;
    },
    policyNotes: ['Only pending orders; can be done once: collect every item first.'],
  }),
  modify_pending_order_address: tool({
    name: 'modify_pending_order_address',
    description: 'Change the shipping address of a pending order.',
    effect: 'changes',
    needsVerifiedCustomer: true,
    describeChange: (args) => `Changes the shipping address of order ${arg('modify_pending_order_address', args).order_id ?? '?'}.`,
    policyNotes: ['Only pending orders can change address.'],
  }),
  modify_user_address: tool({
    name: 'modify_user_address',
    description: 'Change the verified customer\'s default address.',
    effect: 'changes',
    needsVerifiedCustomer: true,
    describeChange: () => 'Changes the customer\'s default address.',
  }),
};

/** Validates a tool name and its arguments; the error names the fields so the agent can edit them. */
export function parseToolCall(name: string, args: unknown): { tool: ToolDefinition; args: unknown } {
  if (!isToolName(name)) throw new TandemError('E_UNKNOWN_TOOL', `There is no tool "${name}".`);
  const parsed = toolSchemas[name].args.safeParse(args ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : 'arguments'}: ${issue.message}`)
      .join('; ');
    throw new TandemError('E_TOOL_ARGS', `${name} — ${detail}.`);
  }
  return { tool: TOOLS[name], args: parsed.data };
}
