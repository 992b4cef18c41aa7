import type { ActionRow } from './actionRepository.js';
import type { ActionRecord } from './actionTypes.js';
import { TOOLS } from './toolRegistry.js';
import type { ToolName } from './toolSchemas.js';
import { parseStoredProposal, type ProposalDetails } from './proposing/proposalDetails.js';
import { accountLookupForView } from './verificationSecrets.js';

const MONEY_TOOLS = new Set<ToolName>(['process_refund', 'return_delivered_items', 'exchange_delivered_items', 'modify_pending_order_items', 'cancel_pending_order']);

/** The payment method money goes to, as the agent reads it: the label of the customer's method when known. */
function destinationOf(tool: ToolName, args: Record<string, unknown>, proposal: ProposalDetails | null): string | null {
  if (!MONEY_TOOLS.has(tool)) return null;
  const id = (tool !== 'cancel_pending_order' && typeof args.payment_method_id === 'string' ? args.payment_method_id : null) ?? proposal?.originalPaymentMethodId ?? null;
  if (id === null) return 'the original payment method';
  return proposal?.paymentMethods.find((m) => m.id === id)?.label ?? id;
}

/** Turns a stored row into what the UI shows, computing the rule-derived fields from the registry. */
export function toActionRecord(row: ActionRow, verifiedCustomerId: string | null): ActionRecord {
  const tool = TOOLS[row.tool as ToolName];
  const args = JSON.parse(row.args_json) as Record<string, unknown>;
  const open = row.status === 'proposed' || row.status === 'awaiting_supervisor';
  const stored = row.result_json === null ? null : (JSON.parse(row.result_json) as unknown);
  const storedProposal = parseStoredProposal(row.proposal_json);
  const proposal: ProposalDetails | null = storedProposal ? withoutStorageFields(storedProposal) : null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    conversationId: row.conversation_id,
    tool: tool.name,
    args,
    status: row.status,
    effect: tool.effect,
    approval: row.supervisor ? 'supervisor' : tool.approvalFor(args),
    approvalReason: null,
    secondFactorNeeded: false,
    blockedReason: open && tool.needsVerifiedCustomer && !verifiedCustomerId ? 'Verify the customer first (email, or name + zip).' : null,
    why: row.why,
    changes: tool.describeChange(args),
    policyNotes: tool.policyNotes,
    idempotencyKey: row.idempotency_key,
    // An account lookup's email and zip stay hidden until the conversation is verified as that customer.
    result: tool.name === 'lookup_account' ? accountLookupForView(stored, args, verifiedCustomerId) : stored,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '', critical: tool.critical },
    decidedBy: row.decided_by,
    supervisor: row.supervisor,
    decisionNote: row.decision_note,
    supervisorTicketId: row.supervisor_ticket_id,
    proposal,
    destination: destinationOf(tool.name, args, proposal),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function withoutStorageFields(stored: ProposalDetails & { revisable?: boolean }): ProposalDetails {
  const { revisable: _revisable, ...details } = stored;
  return details;
}
