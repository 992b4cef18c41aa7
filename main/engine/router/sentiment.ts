import { createRequire } from 'node:module';
import type { SentimentLabel } from './types.js';

/**
 * Customer sentiment from VADER (a maintained, offline lexicon with negation, intensifier, "but" and
 * capitalisation rules), plus two support-specific corrections measured on our own examples:
 *  - VADER only knows lower-case negations, so "This is NOT good" scored +0.44; negations are folded
 *    to lower case first (other capitals keep their emphasis).
 *  - Service failures that carry no sentiment word ("it's not working", "never arrived", "still
 *    waiting") scored 0; a short list of such phrases adds negative valence.
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

const SERVICE_FAILURES: readonly [RegExp, number][] = [
  [/\b(not|isn'?t|is not|doesn'?t|does not|stopped|won'?t|never) (work|working|worked|turn on|charging|arrived|came|showed up)\b/i, -0.35],
  [/\b(never|still (haven'?t|have not|not)) (got|get|received|receive|arrived|heard)\b/i, -0.35],
  [/\bstill waiting\b/i, -0.3],
  [/\b(wrong (item|size|colou?r|order|address)|missing item|arrived (late|damaged|broken))\b/i, -0.3],
  [/\b(again|(\d+|three|four|five|several|many) times)\b.*\b(called|contacted|asked|emailed|written)\b|\b(called|contacted|asked|emailed|written)\b.*\b(\d+|three|four|five|several|many) times\b/i, -0.25],
  [/\b(charged twice|double charged|overcharged|scam|rip-?off|ripped off)\b/i, -0.4],
];

/** Strongly negative, or negative and shouting: the "angry" label feeds the escalation triggers. */
const ANGRY_SCORE = -0.6;

export function scoreSentiment(text: string): SentimentScore {
  const sample = text.slice(0, 5000);
  if (sample.trim() === '') return { score: 0, label: 'neutral' };
  const folded = sample.replace(NEGATIONS, (word) => word.toLowerCase());
  let score = vader.SentimentIntensityAnalyzer.polarity_scores(folded).compound;
  for (const [pattern, weight] of SERVICE_FAILURES) if (pattern.test(sample)) score += weight;
  score = Math.max(-1, Math.min(1, score));
  return { score: Math.round(score * 1000) / 1000, label: labelFor(score, sample) };
}

function labelFor(score: number, text: string): SentimentLabel {
  if (score >= 0.05) return 'positive';
  if (score > -0.05) return 'neutral';
  const shoutedWords = (text.match(/\b[A-Z]{3,}\b/g) ?? []).length;
  const shouting = shoutedWords >= 2 || /[!?]{3,}/.test(text);
  return score <= ANGRY_SCORE || (shouting && score <= -0.3) ? 'angry' : 'negative';
}

export function isNegative(label: SentimentLabel): boolean {
  return label === 'negative' || label === 'angry';
}
