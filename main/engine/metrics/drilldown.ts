import type { Database } from '../store/database.js';
import { filterClause } from './headlineSql.js';
import type { HeadlineMetric } from './targets.js';
import type { MetricsFilter } from './types.js';

export type DrilldownMetric = HeadlineMetric | 'abandoned' | 'open';

export interface DrilldownRow {
  readonly conversationId: string;
  readonly subject: string;
  readonly customerRef: string | null;
  readonly startedAt: number;
  readonly state: string;
  /** The conversation's own figure for the metric (seconds, 1–5, 0/1), or null. */
  readonly value: number | null;
}

/** Which conversations are behind each number, and which of their figures to show, worst first. */
const DEFINITIONS: Readonly<Record<DrilldownMetric, { where: string; value: string; order: string }>> = {
  resolution_rate: { where: 'resolved_at IS NOT NULL AND ever_escalated = 0', value: 'assisted', order: 'started_at DESC' },
  escalation_rate: { where: 'ever_escalated = 1 AND concluded_at IS NOT NULL', value: '1', order: 'started_at DESC' },
  false_resolution_rate: { where: 'false_resolution = 1', value: '1', order: 'started_at DESC' },
  csat: { where: 'csat IS NOT NULL', value: 'csat', order: 'csat ASC, started_at DESC' },
  first_response_time_s: { where: 'first_agent_at IS NOT NULL', value: '(first_agent_at - first_customer_at) / 1000.0', order: '6 DESC' },
  average_handle_time_s: {
    where: 'concluded_at IS NOT NULL AND first_customer_at IS NOT NULL',
    value: '(concluded_at - first_customer_at) / 1000.0',
    order: '6 DESC',
  },
  cost_per_resolution: { where: 'resolved_at IS NOT NULL AND ever_escalated = 0', value: 'local_tokens + remote_tokens', order: '6 DESC' },
  abandoned: { where: "state = 'abandoned'", value: 'NULL', order: 'started_at DESC' },
  open: { where: "state = 'open'", value: 'NULL', order: 'started_at ASC' },
};

export function drilldown(db: Database, workspaceId: string, metric: DrilldownMetric, filter: MetricsFilter, limit: number): { total: number; conversations: DrilldownRow[] } {
  const def = DEFINITIONS[metric];
  const { where, params } = filterClause(workspaceId, filter, 'm.');
  const scoped = `${where} AND ${def.where.replace(/\b(resolved_at|ever_escalated|concluded_at|false_resolution|csat|first_agent_at|first_customer_at|state|assisted|local_tokens|remote_tokens|started_at)\b/g, 'm.$1')}`;
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM conversation_metrics m WHERE ${scoped}`).get(...params) as { n: number }).n;
  const value = def.value.replace(/\b(csat|first_agent_at|first_customer_at|concluded_at|assisted|local_tokens|remote_tokens)\b/g, 'm.$1');
  const order = def.order.replace(/\b(csat|started_at)\b/g, 'm.$1');
  const rows = db
    .prepare(
      `SELECT m.conversation_id, c.subject, c.customer_ref, m.started_at, m.state, ${value} AS value
       FROM conversation_metrics m JOIN conversations c ON c.id = m.conversation_id
       WHERE ${scoped} ORDER BY ${order} LIMIT ?`,
    )
    .all(...params, limit) as { conversation_id: string; subject: string; customer_ref: string | null; started_at: number; state: string; value: number | null }[];
  return {
    total,
    conversations: rows.map((r) => ({
      conversationId: r.conversation_id,
      subject: r.subject,
      customerRef: r.customer_ref,
      startedAt: r.started_at,
      state: r.state,
      value: r.value,
    })),
  };
}
