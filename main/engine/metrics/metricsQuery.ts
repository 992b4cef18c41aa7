import type { Database } from '../store/database.js';
import type { CostSettings } from './costSettings.js';
import { draftStats } from './draftStats.js';
import { filterClause, HEADLINE_COLUMNS, headlineFromRow, type HeadlineRow } from './headlineSql.js';
import { HEADLINE_METRICS, meetsTarget, METRIC_TARGETS, type HeadlineMetric } from './targets.js';
import type {
  AssistantMetrics,
  BreakdownRow,
  Counts,
  IntentCorrectionStats,
  MetricsFilter,
  MetricsSummary,
  MetricTile,
  TimeseriesPoint,
  ToolStats,
} from './types.js';

const DAY_MS = 86_400_000;
export type Bucket = 'day' | 'week';
export type GroupBy = 'agent' | 'intent' | 'queue';

/** Read-only metric queries over the rollup and the event tables, scoped to one workspace. */
export class MetricsQuery {
  constructor(
    private readonly db: Database,
    private readonly workspaceId: string,
  ) {}

  summary(filter: MetricsFilter, costs: CostSettings, groupBy?: GroupBy): MetricsSummary {
    const { where, params } = filterClause(this.workspaceId, filter);
    const row = this.db.prepare(`SELECT ${HEADLINE_COLUMNS} FROM conversation_metrics WHERE ${where}`).get(...params) as HeadlineRow;
    const headline = headlineFromRow(row, costs);
    return {
      filter,
      values: headline.values,
      costPerResolutionCents: headline.costPerResolutionCents,
      tiles: HEADLINE_METRICS.map((metric) => tile(metric, headline.values[metric], headline.counts)),
      counts: headline.counts,
      assistant: this.assistant(filter),
      assistedShareBp: headline.counts.concluded > 0 ? Math.round((headline.counts.assistedResolved * 10_000) / headline.counts.concluded) : null,
      breakdown: groupBy ? this.breakdown(filter, costs, groupBy) : null,
    };
  }

  breakdown(filter: MetricsFilter, costs: CostSettings, groupBy: GroupBy): BreakdownRow[] {
    const { where, params } = filterClause(this.workspaceId, filter);
    const rows = this.db
      .prepare(`SELECT COALESCE(${groupBy}, '') AS key, ${HEADLINE_COLUMNS} FROM conversation_metrics WHERE ${where} GROUP BY 1 ORDER BY 2 DESC`)
      .all(...params) as (HeadlineRow & { key: string })[];
    return rows.map((r) => {
      const h = headlineFromRow(r, costs);
      return { key: r.key || '(none)', values: h.values, counts: h.counts };
    });
  }

  /** Per day or ISO week (Monday start); `offsetMinutes` shifts bucket edges to the viewer's local midnight. */
  timeseries(filter: MetricsFilter, costs: CostSettings, bucket: Bucket, offsetMinutes = 0): TimeseriesPoint[] {
    const { where, params } = filterClause(this.workspaceId, filter);
    const offsetMs = offsetMinutes * 60_000;
    // Day 0 of the epoch is a Thursday: adding 3 makes weeks start on Monday.
    const key = bucket === 'day' ? `(started_at + ${offsetMs}) / ${DAY_MS}` : `((started_at + ${offsetMs}) / ${DAY_MS} + 3) / 7`;
    const rows = this.db
      .prepare(`SELECT ${key} AS bucket, ${HEADLINE_COLUMNS} FROM conversation_metrics WHERE ${where} GROUP BY 1 ORDER BY 1`)
      .all(...params) as (HeadlineRow & { bucket: number })[];
    return rows.map((r) => {
      const h = headlineFromRow(r, costs);
      const startDay = bucket === 'day' ? r.bucket : r.bucket * 7 - 3;
      return { start: startDay * DAY_MS - offsetMs, values: h.values, counts: h.counts };
    });
  }

  assistant(filter: MetricsFilter): AssistantMetrics {
    const filtered = filter.agent !== undefined || filter.intent !== undefined || filter.queue !== undefined;
    const latency = this.latency(filter, filtered);
    return {
      drafts: draftStats(this.db, this.workspaceId, filter, filtered),
      tools: this.tools(filter, filtered),
      intentCorrections: this.intentCorrections(filter, filtered),
      assistLatencyP95Ms: latency.p95,
      assistResults: latency.count,
    };
  }

  /**
   * Event tables are scoped by their own time when no agent/intent/queue filter applies (an index range
   * scan); with a filter they go through the conversation rollup so the same conversations are counted.
   */
  private scope(alias: string, filter: MetricsFilter, filtered: boolean, ownTime: string, workspaceDirect: boolean): { join: string; where: string; params: unknown[] } {
    if (filtered) {
      const f = filterClause(this.workspaceId, filter, 'cm.');
      return { join: `JOIN conversation_metrics cm ON cm.conversation_id = ${alias}.conversation_id`, where: f.where, params: f.params };
    }
    if (workspaceDirect) {
      return { join: '', where: `${alias}.workspace_id = ? AND ${ownTime} >= ? AND ${ownTime} < ?`, params: [this.workspaceId, filter.from, filter.to] };
    }
    // With one workspace in the database (the usual case) every row is this workspace's: skip the join.
    const workspaces = (this.db.prepare(`SELECT COUNT(*) AS n FROM workspaces`).get() as { n: number }).n;
    if (workspaces <= 1) return { join: '', where: `${ownTime} >= ? AND ${ownTime} < ?`, params: [filter.from, filter.to] };
    return {
      // CROSS JOIN keeps SQLite from scanning every conversation of the workspace first: the event
      // table's time index is far more selective (3.6 s → milliseconds at 100k conversations).
      join: `CROSS JOIN conversations c ON c.id = ${alias}.conversation_id`,
      where: `${ownTime} >= ? AND ${ownTime} < ? AND c.workspace_id = ?`,
      params: [filter.from, filter.to, this.workspaceId],
    };
  }

  private tools(filter: MetricsFilter, filtered: boolean): ToolStats[] {
    const s = this.scope('a', filter, filtered, 'a.created_at', true);
    const rows = this.db
      .prepare(
        `SELECT a.tool AS tool, COUNT(*) AS proposed,
                SUM(a.status IN ('running', 'succeeded', 'failed')) AS approved,
                SUM(a.status = 'rejected') AS rejected,
                SUM(a.status = 'failed') AS failed,
                SUM(a.status IN ('succeeded', 'failed')) AS ran
         FROM actions a ${s.join} WHERE ${s.where} GROUP BY a.tool ORDER BY proposed DESC`,
      )
      .all(...s.params) as { tool: string; proposed: number; approved: number; rejected: number; failed: number; ran: number }[];
    return rows.map((r) => ({
      tool: r.tool,
      proposed: r.proposed,
      approved: r.approved,
      rejected: r.rejected,
      failed: r.failed,
      approvalRate: r.approved + r.rejected > 0 ? r.approved / (r.approved + r.rejected) : null,
      rejectionRate: r.approved + r.rejected > 0 ? r.rejected / (r.approved + r.rejected) : null,
      errorRate: r.ran > 0 ? r.failed / r.ran : null,
    }));
  }

  private intentCorrections(filter: MetricsFilter, filtered: boolean): IntentCorrectionStats[] {
    const s = this.scope('r', filter, filtered, 'r.created_at', false);
    const rows = this.db
      .prepare(
        `SELECT r.intent AS intent, COUNT(*) AS routed,
                SUM(r.corrected_intent IS NOT NULL AND r.corrected_intent <> r.intent) AS corrected
         FROM message_routing r ${s.join} WHERE ${s.where} GROUP BY r.intent ORDER BY corrected DESC, routed DESC`,
      )
      .all(...s.params) as { intent: string; routed: number; corrected: number }[];
    return rows.map((r) => ({ intent: r.intent, routed: r.routed, corrected: r.corrected, correctionRate: r.routed > 0 ? r.corrected / r.routed : null }));
  }

  /** Nearest-rank p95 of the whole assist pipeline's time per customer message. */
  private latency(filter: MetricsFilter, filtered: boolean): { p95: number | null; count: number } {
    const s = this.scope('x', filter, filtered, 'x.created_at', false);
    // One pass over the (created_at, total_ms) index; sorting a week of numbers in JS beats a second query.
    const times = this.db.prepare(`SELECT x.total_ms FROM assist_results x ${s.join} WHERE ${s.where}`).pluck().all(...s.params) as number[];
    if (times.length === 0) return { p95: null, count: 0 };
    const sorted = Float64Array.from(times).sort();
    return { p95: sorted[Math.ceil(0.95 * sorted.length) - 1] ?? null, count: sorted.length };
  }
}

function tile(metric: HeadlineMetric, value: number | null, counts: Counts): MetricTile {
  const sampleSize: Record<HeadlineMetric, number> = {
    resolution_rate: counts.concluded,
    first_response_time_s: counts.responded,
    csat: counts.csatResponses,
    escalation_rate: counts.concluded,
    average_handle_time_s: counts.concluded,
    cost_per_resolution: counts.resolved,
    false_resolution_rate: counts.resolved,
  };
  return { metric, value, target: METRIC_TARGETS[metric], meetsTarget: meetsTarget(metric, value), sampleSize: sampleSize[metric] };
}
