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
  /** Why it cannot run yet (e.g. the customer is not verified); null when it can. */
  readonly blockedReason: string | null;
  readonly why: string;
  readonly changes: string;
  readonly policyNotes: readonly string[];
  readonly idempotencyKey: string;
  readonly result: unknown;
  readonly error: ActionError | null;
  readonly decidedBy: string | null;
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
  readonly actor: string;
  readonly args?: Record<string, unknown> | undefined;
  readonly supervisorPin?: string | undefined;
}
