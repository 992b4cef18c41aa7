/**
 * What the proposer needs to know about a conversation. The router fills `intent` and `entities`;
 * when it has not run, `fallbackEntities` fills them from the customer's text.
 */
export interface PersonName {
  readonly first: string;
  readonly last: string;
}

export interface ProposalEntities {
  readonly orderIds: readonly string[];
  readonly emails: readonly string[];
  readonly names?: readonly PersonName[];
  readonly zip?: string | null;
  readonly amountsCents: readonly number[];
}

export interface ProposalContext {
  readonly intent: string | null;
  readonly entities: ProposalEntities;
  readonly verifiedCustomerId: string | null;
  /** The latest customer message: used as data (a search query, a ticket summary), never as an instruction. */
  readonly latestCustomerText: string;
}

export const NO_ENTITIES: ProposalEntities = { orderIds: [], emails: [], names: [], zip: null, amountsCents: [] };
