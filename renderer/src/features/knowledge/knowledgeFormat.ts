const DAY_MS = 86_400_000;

/** "today", "3 days ago", "Mar 2024": how old an article is matters more than its exact time. */
export function formatAge(timestamp: number, now = Date.now()): string {
  const days = Math.floor((now - timestamp) / DAY_MS);
  if (days < 1) return 'today';
  if (days < 2) return 'yesterday';
  if (days < 45) return `${days} days ago`;
  return new Date(timestamp).toLocaleDateString(undefined, { month: 'short', year: 'numeric' });
}

export function formatEta(seconds: number | null): string {
  if (seconds === null) return 'estimating…';
  if (seconds <= 0) return 'almost done';
  if (seconds < 60) return `~${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  return `~${minutes} min left`;
}

/** Scores as the engine reports them: fused RRF values are small, so three decimals. */
export function formatScore(value: number | null): string {
  if (value === null) return '—';
  return Math.abs(value) >= 10 ? value.toFixed(1) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(3);
}

export const INTENT_LABEL = (intent: string): string => intent.replace(/_/g, ' ');

/** The default taxonomy, used when the router's own list cannot be read. */
export const DEFAULT_INTENTS = ['order_status', 'refund_request', 'account_issue', 'product_question', 'complaint', 'other'] as const;
