import { runningCostCents, type CostSettings } from './costSettings.js';
import type { Counts, HeadlineValues, MetricsFilter } from './types.js';

/**
 * One aggregate over the per-conversation rollup gives every headline metric; the same columns serve
 * the totals, the per-day/week series and the per-agent/intent/queue breakdowns.
 * Definitions (all over conversations whose first customer message is in the range):
 * - resolution rate: resolved and never escalated ÷ concluded (resolved, escalated or abandoned at least once);
 * - escalation rate: ever escalated ÷ concluded;
 * - first response time: mean seconds from the first customer message to the first agent reply after it;
 * - CSAT: mean of the ratings given (conversations without one are left out, not counted as 0);
 * - average handle time: mean seconds from the first customer message to the first conclusion;
 * - cost per resolution: model tokens × price + infra per hour × handle time, ÷ resolutions;
 * - false resolution rate: resolutions reopened within 48 h (inclusive) ÷ resolutions.
 */
export const HEADLINE_COLUMNS = `
  COUNT(*) AS conversations,
  COUNT(concluded_at) AS concluded,
  SUM(resolved_at IS NOT NULL AND ever_escalated = 0) AS resolved,
  SUM(resolved_at IS NOT NULL AND ever_escalated = 0 AND assisted = 1) AS assisted_resolved,
  SUM(resolved_at IS NOT NULL) AS resolved_any,
  SUM(ever_escalated = 1 AND concluded_at IS NOT NULL) AS escalated,
  SUM(state = 'abandoned') AS abandoned,
  SUM(false_resolution) AS false_resolutions,
  SUM(first_agent_at - first_customer_at) AS frt_total_ms,
  COUNT(first_agent_at) AS responded,
  SUM(csat) AS csat_total,
  COUNT(csat) AS csat_responses,
  SUM(concluded_at - first_customer_at) AS handle_total_ms,
  COUNT(CASE WHEN first_customer_at IS NOT NULL THEN concluded_at END) AS handled,
  SUM(local_tokens) AS local_tokens,
  SUM(remote_tokens) AS remote_tokens`;

export interface HeadlineRow {
  conversations: number;
  concluded: number;
  resolved: number | null;
  assisted_resolved: number | null;
  resolved_any: number | null;
  escalated: number | null;
  abandoned: number | null;
  false_resolutions: number | null;
  frt_total_ms: number | null;
  responded: number;
  csat_total: number | null;
  csat_responses: number;
  handle_total_ms: number | null;
  handled: number;
  local_tokens: number | null;
  remote_tokens: number | null;
}

/** WHERE clause and parameters for a filter over conversation_metrics (alias-free). */
export function filterClause(workspaceId: string, filter: MetricsFilter, prefix = ''): { where: string; params: unknown[] } {
  const parts = [`${prefix}workspace_id = ?`, `${prefix}started_at >= ?`, `${prefix}started_at < ?`];
  const params: unknown[] = [workspaceId, filter.from, filter.to];
  if (filter.agent !== undefined) {
    parts.push(`${prefix}agent = ?`);
    params.push(filter.agent);
  }
  if (filter.intent !== undefined) {
    parts.push(`${prefix}intent = ?`);
    params.push(filter.intent);
  }
  if (filter.queue !== undefined) {
    parts.push(`${prefix}queue = ?`);
    params.push(filter.queue);
  }
  return { where: parts.join(' AND '), params };
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

export function headlineFromRow(row: HeadlineRow, costs: CostSettings): { values: HeadlineValues; counts: Counts; costPerResolutionCents: number | null } {
  const resolved = row.resolved ?? 0;
  const resolvedAny = row.resolved_any ?? 0;
  const totalCostCents = runningCostCents(
    { localTokens: row.local_tokens ?? 0, remoteTokens: row.remote_tokens ?? 0, handleMs: row.handle_total_ms ?? 0 },
    costs,
  );
  const costPerResolutionCents = resolved > 0 ? Math.round(totalCostCents / resolved) : null;
  return {
    values: {
      resolution_rate: ratio(resolved, row.concluded),
      first_response_time_s: row.responded > 0 ? (row.frt_total_ms ?? 0) / row.responded / 1000 : null,
      csat: row.csat_responses > 0 ? (row.csat_total ?? 0) / row.csat_responses : null,
      escalation_rate: ratio(row.escalated ?? 0, row.concluded),
      average_handle_time_s: row.handled > 0 ? (row.handle_total_ms ?? 0) / row.handled / 1000 : null,
      cost_per_resolution: costPerResolutionCents === null ? null : costPerResolutionCents / 100,
      false_resolution_rate: ratio(row.false_resolutions ?? 0, resolvedAny),
    },
    counts: {
      conversations: row.conversations,
      concluded: row.concluded,
      resolved,
      assistedResolved: row.assisted_resolved ?? 0,
      escalated: row.escalated ?? 0,
      abandoned: row.abandoned ?? 0,
      falseResolutions: row.false_resolutions ?? 0,
      responded: row.responded,
      csatResponses: row.csat_responses,
      totalCostCents,
    },
    costPerResolutionCents,
  };
}
