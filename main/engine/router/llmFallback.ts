import type { Entity } from './types.js';

/**
 * A local LLM asked for a grammar-constrained JSON classification when the classifier is unsure.
 * The drafting feature provides the implementation once a model is loaded; the router only consumes
 * this interface. The customer's text is passed as data for classification, never as instructions.
 */
export interface IntentLlmFallback {
  /** False while no model is loaded: the router then does not consult it at all. Absent means always. */
  available?(): boolean;
  /** Resolves with an answer, or null/throws (a TandemError says why: timeout, invalid output…). */
  classify(request: {
    readonly text: string;
    readonly history: readonly string[];
    readonly intents: readonly { readonly name: string; readonly description: string }[];
    readonly signal?: AbortSignal;
  }): Promise<IntentLlmAnswer | null>;
}

export interface IntentLlmAnswer {
  readonly intent: string;
  readonly confidence: number;
  readonly entities?: readonly Pick<Entity, 'kind' | 'value'>[];
}

/** Weight of the LLM's vote: it can tip a close call but cannot overrule a confident classifier. */
export const LLM_WEIGHT = 0.3;

/**
 * Combines calibrated classifier probabilities with the LLM's answer as a mixture. An answer naming
 * an intent outside the taxonomy, or with a confidence outside [0, 1], is ignored.
 */
export function combineWithLlm(
  probabilities: ReadonlyMap<string, number>,
  answer: IntentLlmAnswer | null,
): { probabilities: Map<string, number>; used: boolean } {
  const result = new Map(probabilities);
  if (!answer || !probabilities.has(answer.intent) || !(answer.confidence >= 0 && answer.confidence <= 1)) {
    return { probabilities: result, used: false };
  }
  const others = Math.max(1, probabilities.size - 1);
  for (const [intent, p] of probabilities) {
    const vote = intent === answer.intent ? answer.confidence : (1 - answer.confidence) / others;
    result.set(intent, (1 - LLM_WEIGHT) * p + LLM_WEIGHT * vote);
  }
  return { probabilities: result, used: true };
}
