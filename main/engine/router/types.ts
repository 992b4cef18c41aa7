/** Shapes of the intent router: taxonomy, entities, sentiment and the routing result of one message. */

export interface IntentDefinition {
  /** Stable key used by tools, filters and escalation rules (snake_case). */
  readonly name: string;
  readonly description: string;
  readonly requiresAuth: boolean;
  readonly tools: readonly string[];
  /** Confidence below this escalates (the seed's per-intent thresholds). */
  readonly escalationThreshold: number;
  readonly examples: readonly string[];
}

export interface Taxonomy {
  readonly intents: readonly IntentDefinition[];
  /** The intent chosen when no other intent is close: must exist in `intents`. */
  readonly fallbackIntent: string;
}

export type EntityKind =
  | 'order_id'
  | 'email'
  | 'phone'
  | 'money'
  | 'date'
  | 'person_name'
  | 'zip'
  | 'product'
  | 'product_option'
  | 'tracking_number';

export interface Entity {
  readonly kind: EntityKind;
  /** The characters of the message, exactly: message.slice(start, end) === text. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Normalised value tools can be prefilled with (e.g. '#W2378156', cents, ISO date). */
  readonly value: string;
  /** Money only: integer cents and ISO currency. */
  readonly amountCents?: number;
  readonly currency?: string;
  /** Catalogue matches only: the product id. */
  readonly productId?: string;
}

export type SentimentLabel = 'angry' | 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  /** VADER compound score in [-1, 1]. */
  readonly score: number;
  readonly label: SentimentLabel;
  /** Consecutive negative (or angry) customer messages ending with this one. */
  readonly negativeStreak: number;
}

export interface IntentScore {
  readonly intent: string;
  readonly confidence: number;
}

export interface RoutingResult {
  readonly intent: string;
  /** Calibrated probability of `intent` (after temperature scaling). */
  readonly confidence: number;
  readonly runnerUp: IntentScore | null;
  /** True when no intent was close enough: `intent` is then the taxonomy's fallback. */
  readonly outOfScope: boolean;
  readonly entities: readonly Entity[];
  readonly sentiment: Sentiment;
  /** True when the message was short or elliptical and the last turns were classified with it. */
  readonly usedHistory: boolean;
  /** The intent's escalation threshold, so the UI can mark it and escalation can compare. */
  readonly threshold: number;
  readonly belowThreshold: boolean;
  readonly modelVersion: number | null;
  /** Where the decision came from; 'llm' only when a local model was consulted and agreed. */
  readonly source: 'classifier' | 'classifier+llm' | 'empty';
  /** Present when a local model was consulted on a low-confidence message: what it said, or why it was not used. */
  readonly llm?: LlmConsultation;
}

/**
 * The local model's part in one routing. `combined`: its answer was mixed into the probabilities;
 * otherwise the classifier result stands and `reason` says why (shown in the UI).
 */
export interface LlmConsultation {
  readonly outcome: 'combined' | 'timeout' | 'invalid' | 'failed';
  readonly intent: string | null;
  readonly confidence: number | null;
  readonly ms: number;
  readonly reason: string | null;
}

export type TrainingState = 'idle' | 'training' | 'failed';

export interface RouterStatus {
  readonly modelVersion: number | null;
  readonly modelRevision: number | null;
  readonly taxonomyRevision: number;
  readonly training: TrainingState;
  /** The active model was trained on an older taxonomy (a retrain is queued or running). */
  readonly stale: boolean;
  readonly embedderId: string;
  readonly exampleCount: number | null;
  readonly trainedAt: number | null;
  readonly trainMs: number | null;
  readonly lastError: string | null;
  readonly report: Record<string, unknown> | null;
}
