import type { RoutedCustomerMessage } from '../types.js';
import { flag, type Rule } from './rule.js';

const NEGATIVE = new Set(['negative', 'angry']);

/** N consecutive negative customer messages, counted back from the latest (agent replies in between do not reset it). */
export const negativeSentimentStreak: Rule = (input, config) => {
  const streak: RoutedCustomerMessage[] = [];
  for (let i = input.customerMessages.length - 1; i >= 0; i--) {
    const message = input.customerMessages[i]!;
    if (!message.sentimentLabel || !NEGATIVE.has(message.sentimentLabel)) break;
    streak.unshift(message);
  }
  if (streak.length < config.negativeStreak) return null;
  const latest = streak.at(-1)!;
  const scores = streak.map((m) => (m.sentimentScore ?? 0).toFixed(2)).join(', ');
  return flag(
    'negative_sentiment_streak',
    config,
    `Negative sentiment on ${streak.length} consecutive customer messages (scores ${scores}).`,
    { messageId: latest.id, messageSeq: latest.seq, count: streak.length, score: latest.sentimentScore ?? 0 },
  );
};
