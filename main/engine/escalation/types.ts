export const TRIGGERS = [
  'explicit_human_request',
  'negative_sentiment_streak',
  'repeated_intent',
  'low_confidence',
  'tool_error',
  'legal_compliance',
  'billing_dispute',
  'long_conversation',
] as const;

export type Trigger = (typeof TRIGGERS)[number];
export type Priority = 'immediate' | 'high' | 'medium';

export const PRIORITY_RANK: Record<Priority, number> = { immediate: 0, high: 1, medium: 2 };

/** What made a trigger fire, so the agent can see it and judge it. */
export interface FlagEvidence {
  readonly messageId?: string;
  readonly messageSeq?: number;
  /** The characters of that message that matched: content.slice(start, end). */
  readonly span?: { readonly start: number; readonly end: number; readonly text: string };
  readonly score?: number;
  readonly count?: number;
  readonly amountCents?: number;
  readonly tool?: string;
  readonly error?: string;
}

export interface EscalationFlag {
  readonly trigger: Trigger;
  readonly priority: Priority;
  readonly reason: string;
  readonly evidence: FlagEvidence;
}

/** One customer message as escalation sees it: text plus what the router said about it. */
export interface RoutedCustomerMessage {
  readonly id: string;
  readonly seq: number;
  readonly content: string;
  readonly intent: string | null;
  readonly confidence: number | null;
  readonly threshold: number | null;
  readonly sentimentScore: number | null;
  readonly sentimentLabel: 'angry' | 'negative' | 'neutral' | 'positive' | null;
  /** Money amounts mentioned in the message, integer cents. */
  readonly amountsCents: readonly number[];
  /** Orders mentioned in the message whose paid total is known, integer cents. */
  readonly orderTotalsCents: readonly number[];
}

export interface ToolOutcome {
  readonly tool: string;
  readonly critical: boolean;
  readonly ok: boolean;
  readonly error?: string;
  readonly at: number;
}

/** Everything the triggers look at; built by the assist pipeline from the stored conversation. */
export interface EscalationInput {
  readonly customerMessages: readonly RoutedCustomerMessage[];
  /** Customer and agent messages (system and tool messages are not conversation turns). */
  readonly turnCount: number;
  readonly toolOutcomes: readonly ToolOutcome[];
}
