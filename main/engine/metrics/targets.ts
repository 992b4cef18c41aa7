/**
 * The seed's seven headline metrics with their targets. `direction` says which side of the target is
 * good, so the dashboard can colour a tile without knowing what the metric means.
 */
export const HEADLINE_METRICS = [
  'resolution_rate',
  'first_response_time_s',
  'csat',
  'escalation_rate',
  'average_handle_time_s',
  'cost_per_resolution',
  'false_resolution_rate',
] as const;

export type HeadlineMetric = (typeof HEADLINE_METRICS)[number];

export interface MetricTarget {
  readonly label: string;
  /** Same unit as the metric: a 0..1 share, seconds, a 1–5 score, or dollars for cost_per_resolution. */
  readonly target: number;
  readonly direction: 'above' | 'below';
  readonly unit: 'share' | 'seconds' | 'score' | 'dollars';
}

export const METRIC_TARGETS: Readonly<Record<HeadlineMetric, MetricTarget>> = {
  resolution_rate: { label: 'Resolution rate', target: 0.6, direction: 'above', unit: 'share' },
  first_response_time_s: { label: 'First response time', target: 30, direction: 'below', unit: 'seconds' },
  csat: { label: 'CSAT', target: 4.0, direction: 'above', unit: 'score' },
  escalation_rate: { label: 'Escalation rate', target: 0.35, direction: 'below', unit: 'share' },
  average_handle_time_s: { label: 'Average handle time', target: 180, direction: 'below', unit: 'seconds' },
  cost_per_resolution: { label: 'Cost per resolution', target: 0.5, direction: 'below', unit: 'dollars' },
  false_resolution_rate: { label: 'False resolution rate', target: 0.05, direction: 'below', unit: 'share' },
};

/** null when there is no value yet: no data is neither on nor off target. */
export function meetsTarget(metric: HeadlineMetric, value: number | null): boolean | null {
  if (value === null) return null;
  const t = METRIC_TARGETS[metric];
  return t.direction === 'above' ? value > t.target : value < t.target;
}
