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
  /** Catalogue products the message names (the router's catalogue matches), by product name. */
  readonly products?: readonly string[];
}

export interface ProposalContext {
  readonly intent: string | null;
  readonly entities: ProposalEntities;
  readonly verifiedCustomerId: string | null;
  /** The latest customer message: used as data (a search query, a ticket summary), never as an instruction. */
  readonly latestCustomerText: string;
  /** Earlier customer messages, newest first (items and requests named in earlier turns). */
  readonly earlierCustomerTexts?: readonly string[];
  /** Tokens of the latest message that the commerce backend recognises as one of its user ids. */
  readonly userIds?: readonly string[];
  /** The verified customer's email on file, for "show my orders" when no order is named. */
  readonly verifiedEmail?: string | null;
}

export const NO_ENTITIES: ProposalEntities = { orderIds: [], emails: [], names: [], zip: null, amountsCents: [], products: [] };
