import { z } from 'zod';
import type { SentimentScore } from '../sentiment.js';
import type { SentimentLabel } from '../types.js';
import { classificationReport, type ClassificationReport } from './classificationMetrics.js';

/**
 * Sentiment accuracy on labelled support messages. Three classes: the scorer's "angry" is a kind of
 * negative (it only sharpens escalation), so it counts as negative here. `kind` (threat, sarcasm, caps…)
 * is reported separately because the overall figure hides the hard cases.
 */
export const SentimentCaseSchema = z.object({
  text: z.string().min(1).max(5000),
  label: z.enum(['negative', 'neutral', 'positive']),
  kind: z.string().max(40).optional(),
});
export type SentimentCase = z.output<typeof SentimentCaseSchema>;

export interface SentimentEvalReport {
  readonly n: number;
  readonly accuracy: number;
  readonly macro_f1: number;
  readonly per_label: ClassificationReport['perIntent'];
  readonly by_kind: Record<string, { n: number; accuracy: number }>;
  readonly confusion: ClassificationReport['confusion'];
  readonly misses: readonly { text: string; label: string; predicted: string; score: number }[];
}

const threeWay = (label: SentimentLabel): 'negative' | 'neutral' | 'positive' => (label === 'angry' ? 'negative' : label);

export function evaluateSentiment(cases: readonly SentimentCase[], score: (text: string) => SentimentScore): SentimentEvalReport {
  const scored = cases.map((c) => ({ c, s: score(c.text) }));
  const predicted = scored.map(({ s }) => threeWay(s.label));
  const report = classificationReport(cases.map((c) => c.label), predicted);
  const kinds = new Map<string, { n: number; right: number }>();
  scored.forEach(({ c }, i) => {
    const k = kinds.get(c.kind ?? 'other') ?? { n: 0, right: 0 };
    kinds.set(c.kind ?? 'other', { n: k.n + 1, right: k.right + (predicted[i] === c.label ? 1 : 0) });
  });
  return {
    n: report.n,
    accuracy: report.accuracy,
    macro_f1: report.macro_f1,
    per_label: report.perIntent,
    by_kind: Object.fromEntries([...kinds].sort().map(([k, v]) => [k, { n: v.n, accuracy: Math.round((v.right / v.n) * 1000) / 1000 }])),
    confusion: report.confusion,
    misses: scored.flatMap(({ c, s }, i) => (predicted[i] === c.label ? [] : [{ text: c.text, label: c.label, predicted: s.label, score: s.score }])),
  };
}
