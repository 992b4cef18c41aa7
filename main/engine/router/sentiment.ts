import { createRequire } from 'node:module';
import { neutralizeSupportPhrases, readSupportCues } from './supportSentiment.js';
import type { SentimentLabel } from './types.js';

/**
 * Customer sentiment from VADER (a maintained, offline lexicon with negation, intensifier, "but" and
 * capitalisation rules), read the way a support agent reads a message (supportSentiment.ts):
 *  - VADER only knows lower-case negations, so "This is NOT good" scored +0.44; negations are folded
 *    to lower case first (other capitals keep their emphasis).
 *  - Commerce words a general lexicon scores ("gift card", "please", "I'd like") are neutralised.
 *  - Threats, sarcasm, shouting and reported failures move the score down. Three-way accuracy
 *    (`tandem eval sentiment`): 0.51 → 0.93 on the 187 messages the rules were written against,
 *    0.55 → 0.62 on 74 messages written afterwards and never used to change them
 *    (docs/decisions/0010-support-sentiment.md).
 */
export interface SentimentScore {
  readonly score: number;
  readonly label: SentimentLabel;
}

// vader-sentiment is a CommonJS bundle without type declarations.
const vader = createRequire(import.meta.url)('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};

const NEGATIONS = /\b(NOT|NEVER|NO|NOBODY|NOTHING|NONE|DON'?T|DOESN'?T|DIDN'?T|ISN'?T|WASN'?T|AREN'?T|CAN'?T|CANNOT|WON'?T)\b/g;

/** Strongly negative, or negative and shouting: the "angry" label feeds the escalation triggers. */
const ANGRY_SCORE = -0.6;
/** Below this a shouted message is anger; above it, shouted praise ("THANK YOU SO MUCH") stays praise. */
const SHOUTED_PRAISE = 0.3;

export function scoreSentiment(text: string): SentimentScore {
  const sample = text.slice(0, 5000);
  if (sample.trim() === '') return { score: 0, label: 'neutral' };
  const folded = neutralizeSupportPhrases(sample).replace(NEGATIONS, (word) => word.toLowerCase());
  let score = folded.trim() === '' ? 0 : vader.SentimentIntensityAnalyzer.polarity_scores(folded).compound;
  const cues = readSupportCues(sample);
  // Praise around a failure is a complaint: its praise words count against it.
  if (cues.sarcasm) score = -Math.max(0.4, Math.abs(score) * 0.8);
  else if (cues.failure) score -= 0.35;
  if (cues.threat) score = Math.min(score, 0) - 0.5;
  if (cues.shouting && score < SHOUTED_PRAISE) score = Math.min(score, 0) - 0.45;
  else if (cues.emphasis && score < SHOUTED_PRAISE) score -= 0.2;
  score = Math.max(-1, Math.min(1, score));
  return { score: Math.round(score * 1000) / 1000, label: labelFor(score, sample, cues.shouting) };
}

function labelFor(score: number, text: string, shouting: boolean): SentimentLabel {
  if (score >= 0.05) return 'positive';
  if (score > -0.05) return 'neutral';
  const shoutedWords = (text.match(/\b[A-Z]{3,}\b/g) ?? []).length;
  const loud = shouting || shoutedWords >= 2 || /[!?]{3,}/.test(text);
  return score <= ANGRY_SCORE || (loud && score <= -0.3) ? 'angry' : 'negative';
}

export function isNegative(label: SentimentLabel): boolean {
  return label === 'negative' || label === 'angry';
}
