import { OOS_LABEL } from './labelledData.js';

export interface ClassificationReport {
  readonly n: number;
  readonly accuracy: number;
  readonly macro_f1: number;
  readonly in_scope_accuracy?: number;
  readonly oos_recall?: number;
  readonly perIntent: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  /** confusion[truth][predicted] = count */
  readonly confusion: Record<string, Record<string, number>>;
}

/** Accuracy, macro-F1 over the true labels, and the out-of-scope figures when the truth has `oos`. */
export function classificationReport(truth: readonly string[], predicted: readonly string[], oosLabel = OOS_LABEL): ClassificationReport {
  const labels = [...new Set(truth)].sort();
  const confusion: Record<string, Record<string, number>> = {};
  truth.forEach((t, i) => {
    const row = (confusion[t] ??= {});
    row[predicted[i]!] = (row[predicted[i]!] ?? 0) + 1;
  });
  const perIntent: ClassificationReport['perIntent'] = {};
  for (const label of labels) {
    const tp = confusion[label]?.[label] ?? 0;
    const support = truth.filter((t) => t === label).length;
    const predictedCount = predicted.filter((p) => p === label).length;
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    perIntent[label] = { precision: round(precision), recall: round(recall), f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0), support };
  }
  const correct = truth.filter((t, i) => t === predicted[i]).length;
  const report: ClassificationReport = {
    n: truth.length,
    accuracy: round(correct / Math.max(1, truth.length)),
    macro_f1: round(labels.reduce((s, l) => s + perIntent[l]!.f1, 0) / Math.max(1, labels.length)),
    perIntent,
    confusion,
  };
  if (!truth.includes(oosLabel)) return report;
  const inScope = truth.map((t, i) => i).filter((i) => truth[i] !== oosLabel);
  const outScope = truth.map((t, i) => i).filter((i) => truth[i] === oosLabel);
  return {
    ...report,
    in_scope_accuracy: round(inScope.filter((i) => predicted[i] === truth[i]).length / Math.max(1, inScope.length)),
    oos_recall: round(outScope.filter((i) => predicted[i] === oosLabel).length / Math.max(1, outScope.length)),
  };
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
