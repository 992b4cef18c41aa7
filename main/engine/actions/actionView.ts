import type { ActionRow } from './actionRepository.js';
import type { ActionRecord } from './actionTypes.js';
import { TOOLS } from './toolRegistry.js';
import type { ToolName } from './toolSchemas.js';
import { accountLookupForView } from './verificationSecrets.js';

/** Turns a stored row into what the UI shows, computing the rule-derived fields from the registry. */
export function toActionRecord(row: ActionRow, verifiedCustomerId: string | null): ActionRecord {
  const tool = TOOLS[row.tool as ToolName];
  const args = JSON.parse(row.args_json) as Record<string, unknown>;
  const open = row.status === 'proposed' || row.status === 'awaiting_supervisor';
  const stored = row.result_json === null ? null : (JSON.parse(row.result_json) as unknown);
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
