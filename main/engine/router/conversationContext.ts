import { tokenize } from './lexicalFeatures.js';

/** The seed classifies with the conversation's last turns (history[-3:]) when the message alone says little. */
export const HISTORY_TURNS = 3;

const ANAPHORA = /^(yes|yeah|yep|yup|no|nope|nah|ok|okay|sure|right|correct|exactly|please|pls|that|this|it|same|both|neither|either|the (first|second|third|last|other|new|old) (one|item|order)|that one|this one|the one)\b/i;

/**
 * Short or elliptical: "yes", "the second one", "it is still broken". Such a message is classified
 * alone and together with the previous turns; the more decisive reading is kept.
 */
export function isElliptical(text: string): boolean {
  const words = tokenize(text).length;
  return words <= 3 || (words <= 8 && ANAPHORA.test(text.trim()));
}

export function withHistory(text: string, history: readonly string[]): string {
  return [...history.slice(-HISTORY_TURNS).map((h) => h.slice(0, 1000)), text].join('\n');
}
