import type { SupervisorCredential } from './approval/approvalAuthority.js';
import type { Approval, ToolEffect } from './toolRegistry.js';
import type { ProposalDetails } from './proposing/proposalDetails.js';
import type { ToolName } from './toolSchemas.js';

export type ActionStatus = 'proposed' | 'awaiting_supervisor' | 'running' | 'succeeded' | 'failed' | 'rejected';

export interface ActionError {
  readonly code: string;
  readonly message: string;
  /** A failed critical tool is an escalation trigger ("tool error on critical action"). */
  readonly critical: boolean;
}

/** A proposed or decided tool call, as the Actions cards and the Approvals screen show it. */
export interface ActionRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly conversationId: string;
  readonly tool: ToolName;
  readonly args: Record<string, unknown>;
  readonly status: ActionStatus;
  readonly effect: ToolEffect;
  readonly approval: Approval;
  /** Why a supervisor must approve (e.g. the order's earlier refunds bring it over the threshold); null otherwise. */
  readonly approvalReason: string | null;
  /** Why it cannot run yet (e.g. the customer is not verified); null when it can. */
  readonly blockedReason: string | null;
  /** The workspace requires a second identity factor before money moves, and this conversation has none yet. */
  readonly secondFactorNeeded: boolean;
  readonly why: string;
  readonly changes: string;
  readonly policyNotes: readonly string[];
  readonly idempotencyKey: string;
  readonly result: unknown;
  readonly error: ActionError | null;
  /** The agent who approved, rejected or sent it to a supervisor. */
  readonly decidedBy: string | null;
  /** The supervisor who signed off, recorded apart from the agent; null when none did. */
  readonly supervisor: string | null;
  readonly decisionNote: string | null;
  readonly supervisorTicketId: string | null;
  /**
   * What the proposal offers the agent (items with prices, payment methods, reasons), what the customer
   * stated, and a hold when the card cannot run as proposed; null for actions added by hand.
   */
  readonly proposal: ProposalDetails | null;
  /** Where the money of a refund, return, exchange or cancellation goes ("credit card ending 5988"); null for other tools. */
  readonly destination: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What the agent-facing API passes when a human decides. Customer text never produces one of these. */
export interface Decision {
  /** The signed-in agent (from the session, never from a request body). */
  readonly actor: string;
  readonly args?: Record<string, unknown> | undefined;
  /** The supervisor's sign-off, when the action needs one. */
  readonly supervisor?: SupervisorCredential | undefined;
}
