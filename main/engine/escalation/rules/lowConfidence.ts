import { flag, latestCustomerMessage, type Rule } from './rule.js';

/** The router is unsure about the latest message: below the intent's own threshold, a human should read it. */
export const lowConfidence: Rule = (input, config) => {
  const latest = latestCustomerMessage(input);
  if (!latest || latest.confidence === null || latest.threshold === null || !latest.intent) return null;
  if (latest.confidence >= latest.threshold) return null;
  return flag(
    'low_confidence',
    config,
    `Intent “${latest.intent}” at ${(latest.confidence * 100).toFixed(0)}% confidence, below its ${(latest.threshold * 100).toFixed(0)}% threshold.`,
    { messageId: latest.id, messageSeq: latest.seq, score: latest.confidence },
  );
};
