import type { HeadlineMetric, MetricTarget } from '../../../../main/api/contract.js';

export function formatMetric(unit: MetricTarget['unit'], value: number | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'share':
      return `${(value * 100).toFixed(1)}%`;
    case 'seconds':
      return value >= 120 ? `${(value / 60).toFixed(1)} min` : `${value.toFixed(1)} s`;
    case 'score':
      return `${value.toFixed(2)} / 5`;
    case 'dollars':
      return `$${value.toFixed(2)}`;
  }
}

export function formatTarget(target: MetricTarget): string {
  return `${target.direction === 'above' ? '>' : '<'} ${formatMetric(target.unit, target.target).replace(' / 5', '')}`;
}

export const dollars = (cents: number): string =>
  `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const percent = (v: number | null, digits = 0): string => (v === null ? '—' : `${(v * 100).toFixed(digits)}%`);

export const DAY_MS = 86_400_000;

export const shortDate = (ms: number): string => new Date(ms).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Conversation ids are opaque; a subject or customer reads better, with the id as a fallback. */
export function conversationLabel(row: { subject: string; customerRef: string | null; conversationId: string }): string {
  return row.subject || row.customerRef || row.conversationId;
}

export type { HeadlineMetric };
