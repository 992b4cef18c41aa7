import type { ToolName } from '../toolSchemas.js';
import type { ProposalDetails } from './proposalDetails.js';

export interface ProposedCall {
  readonly tool: ToolName;
  /** Arguments as the card would run them; a held call may lack what the agent must still choose. */
  readonly args: Record<string, unknown>;
  readonly why: string;
  readonly details?: ProposalDetails;
  /**
   * What the call is about (a tool on one order): an open card with the same subject that the agent
   * has not edited is revised by a later message instead of a second card being added.
   */
  readonly subject?: string;
}
