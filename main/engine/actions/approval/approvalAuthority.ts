import type { ToolName } from '../toolSchemas.js';
import type { Lockout } from './pinLockout.js';

/**
 * The approval seam: every rule about WHO must say yes before a data-changing action runs, and how
 * that yes is proven, sits behind this interface. The action service asks it two things and nothing
 * else: what an action needs (`need`), and whether a presented sign-off is good (`signOff`). Hosts and
 * the UI read the roster from it.
 *
 * Today's implementation is LocalPinAuthority: supervisor profiles on this desktop, a PIN each, with
 * lockout. A team hub replaces it with one that checks supervisor identities instead: it implements
 * this same interface (a `SupervisorCredential` of kind 'hub-decision' carrying the id of a decision a
 * supervisor made on the hub), and the action service, the audit fields and the API stay as they are.
 *
 * Contract:
 * - `need` is pure with respect to the action (no side effects) and cheap: it runs for every open
 *   data-changing card the UI shows, and again inside the transaction that executes the action, so a
 *   refund on its way elsewhere is always counted.
 * - `signOff` resolves to the supervisor who approved, or throws a TandemError: E_SUPERVISOR_REQUIRED
 *   (no credential), E_NO_SUPERVISOR, E_UNKNOWN_SUPERVISOR, E_BAD_PIN, E_PIN_LOCKED. It audits every
 *   attempt itself (agent and supervisor as separate fields) and never changes the action.
 * - A sign-off is for one action and one agent; it is not reusable.
 */
export interface ApprovalAuthority {
  need(subject: ApprovalSubject): ApprovalNeed;
  signOff(subject: ApprovalSubject, credential: SupervisorCredential | undefined, agent: string): Promise<SupervisorSignOff>;
  roster(workspaceId: string): SupervisorRoster;
}

/** One data-changing action as the agent is about to approve it (arguments after the agent's edits). */
export interface ApprovalSubject {
  readonly workspaceId: string;
  readonly actionId: string;
  readonly conversationId: string;
  readonly tool: ToolName;
  readonly args: Record<string, unknown>;
}

export interface ApprovalNeed {
  readonly level: 'agent' | 'supervisor';
  /** Why a supervisor is needed ("$60.00 plus $80.00 already refunded on order #W1 is over $100.00"); null at agent level. */
  readonly reason: string | null;
}

/** How a supervisor proves the approval. The local authority takes their name and PIN. */
export type SupervisorCredential = { readonly kind: 'pin'; readonly supervisor: string; readonly pin: string };

export interface SupervisorSignOff {
  /** The supervisor's name as stored (normalized), recorded in the audit's supervisor field. */
  readonly supervisor: string;
  readonly method: SupervisorCredential['kind'];
}

export interface SupervisorRoster {
  readonly supervisors: readonly { readonly name: string; readonly lockedUntil: number | null }[];
  /** Supervisors and actions locked after too many wrong PINs (the Approvals screen shows an alert). */
  readonly lockouts: readonly Lockout[];
}
