/**
 * What a proposed card knows beyond its arguments. The agent decides with these: the order's items as
 * checkboxes with their prices, the customer's payment methods, and the amount the customer stated.
 * A hold says why the card cannot run as proposed; only an agent's decision (an edit) lifts it.
 */
export const HOLD_CODES = [
  'choose_items',
  'item_not_in_order',
  'amount_unclear',
  'amount_not_positive',
  'amount_currency',
  'amount_exceeds',
  'already_refunded',
  'choose_new_item',
  'cancel_reason',
  'partial_cancel',
  'customer_withdrew',
  'address_incomplete',
  'order_status',
] as const;
export type HoldCode = (typeof HOLD_CODES)[number];

export interface ProposalHold {
  readonly code: HoldCode;
  /** A sentence for the agent: what is unclear and what to ask or choose. */
  readonly message: string;
}

export interface ItemChoice {
  readonly item_id: string;
  readonly product_id: string;
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
  readonly price_cents: number;
  /** Chosen by the proposal (the customer named it); the agent can change the choice. */
  readonly selected: boolean;
}

/** Another option of the same product, for exchanges and item changes. */
export interface VariantChoice {
  readonly for_item_id: string;
  readonly item_id: string;
  readonly options: Readonly<Record<string, string>>;
  readonly price_cents: number;
  readonly selected: boolean;
}

export interface PaymentChoice {
  readonly id: string;
  /** "credit card ending 5988", "gift card (balance $69.00)", "PayPal". */
  readonly label: string;
  readonly source: string;
}

export interface ProposalDetails {
  readonly hold: ProposalHold | null;
  /** The order's items ([] when the tool is not about items). */
  readonly items: readonly ItemChoice[];
  readonly newItems: readonly VariantChoice[];
  readonly paymentMethods: readonly PaymentChoice[];
  /** Where money goes when the arguments name no payment method (the order's original one). */
  readonly originalPaymentMethodId: string | null;
  /** The amount the customer stated for this request, in US cents (null when none, or unusable). */
  readonly statedAmountCents: number | null;
  /** Enumerated values the agent picks from (a cancellation reason). */
  readonly reasons: readonly string[];
  /** Short facts behind the proposal ("Asked for $929.79; the bookshelf and the action camera come to $929.79."). */
  readonly notes: readonly string[];
}

export const NO_DETAILS: ProposalDetails = {
  hold: null, items: [], newItems: [], paymentMethods: [], originalPaymentMethodId: null, statedAmountCents: null, reasons: [], notes: [],
};

/** The stored form: what the proposal said, and whether later customer messages may still revise it. */
export interface StoredProposal extends ProposalDetails {
  /** False once the agent edited the card: a new customer message then never changes it. */
  readonly revisable: boolean;
}

export function parseStoredProposal(json: string | null): StoredProposal | null {
  if (json === null) return null;
  const value = JSON.parse(json) as Partial<StoredProposal>;
  return { ...NO_DETAILS, revisable: true, ...value };
}
