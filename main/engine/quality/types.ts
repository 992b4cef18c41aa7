import type { ToolFacts } from '../drafting/toolFacts.js';

export type FindingKind =
  | 'pii'
  | 'other_customer'
  | 'apology'
  | 'unsupported_amount'
  | 'unsupported_claim'
  | 'tone'
  | 'ai_disclosure';

export type FindingFix =
  | { readonly kind: 'remove'; readonly start: number; readonly end: number; readonly label: string }
  | { readonly kind: 'replace'; readonly start: number; readonly end: number; readonly replacement: string; readonly label: string }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string; readonly label: string };

export interface Finding {
  readonly kind: FindingKind;
  /** A blocking finding stops "send" unless the agent overrides it (and the override is recorded). */
  readonly severity: 'blocking' | 'warning';
  /** The offending text: [start, end) in the draft. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fix: FindingFix;
}

/** The verified customer's own details: the only personal data a draft may contain. */
export interface VerifiedCustomer {
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly emails?: readonly string[];
  readonly phones?: readonly string[];
  /** Address lines (e.g. "445 Maple Drive"); matched case- and space-insensitively. */
  readonly addresses?: readonly string[];
  readonly orderIds?: readonly string[];
}

export interface GateInput {
  readonly draft: string;
  readonly customer: VerifiedCustomer | null;
  readonly facts: ToolFacts;
  /** Text of the cited evidence chunks: a policy sentence can support "$100" or "30 days". */
  readonly evidenceTexts: readonly string[];
  readonly apologizedAlready: boolean;
  /** True when this reply must say it was drafted with AI help (configured, first reply). */
  readonly disclosureRequired: boolean;
}

export interface GateReport {
  readonly findings: readonly Finding[];
  readonly blocking: boolean;
}
