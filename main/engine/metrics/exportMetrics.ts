import type { ReviewGroup } from './reviewList.js';
import { HEADLINE_METRICS, METRIC_TARGETS } from './targets.js';
import type { MetricsSummary, TimeseriesPoint } from './types.js';

export interface ExportFile {
  readonly fileName: string;
  readonly mimeType: 'text/csv' | 'application/json';
  readonly content: string;
}

/** RFC 4180: quote fields with commas, quotes or line breaks; customer text is exported as data. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(Number.isInteger(value) ? value : Number(value.toFixed(6))) : String(value);
  // A leading = + - @ makes spreadsheets evaluate the cell; a quote mark keeps it text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(rows: readonly (readonly unknown[])[]): string {
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function metricsCsv(summary: MetricsSummary, series: readonly TimeseriesPoint[]): string {
  const rows: unknown[][] = [['period_start', 'period_end', 'metric', 'value', 'target', 'direction', 'meets_target', 'sample_size']];
  for (const tile of summary.tiles) {
    rows.push([iso(summary.filter.from), iso(summary.filter.to), tile.metric, tile.value, tile.target.target, tile.target.direction, tile.meetsTarget, tile.sampleSize]);
  }
  const a = summary.assistant;
  rows.push([iso(summary.filter.from), iso(summary.filter.to), 'draft_acceptance_rate', a.drafts.acceptanceRate, null, null, null, a.drafts.drafts]);
  rows.push([iso(summary.filter.from), iso(summary.filter.to), 'draft_edit_rate', a.drafts.editRate, null, null, null, a.drafts.drafts]);
  rows.push([iso(summary.filter.from), iso(summary.filter.to), 'mean_edit_distance', a.drafts.meanEditDistance, null, null, null, a.drafts.drafts]);
  rows.push([iso(summary.filter.from), iso(summary.filter.to), 'assist_latency_p95_ms', a.assistLatencyP95Ms, null, null, null, a.assistResults]);
  for (const t of a.tools) {
    rows.push([iso(summary.filter.from), iso(summary.filter.to), `action_approval_rate:${t.tool}`, t.approvalRate, null, null, null, t.approved + t.rejected]);
    rows.push([iso(summary.filter.from), iso(summary.filter.to), `tool_error_rate:${t.tool}`, t.errorRate, null, null, null, t.proposed]);
  }
  for (const c of a.intentCorrections) {
    rows.push([iso(summary.filter.from), iso(summary.filter.to), `intent_corrections:${c.intent}`, c.corrected, null, null, null, c.routed]);
  }
  for (const point of series) {
    for (const metric of HEADLINE_METRICS) {
      rows.push([iso(point.start), null, metric, point.values[metric], METRIC_TARGETS[metric].target, METRIC_TARGETS[metric].direction, null, point.counts.conversations]);
    }
  }
  return csv(rows);
}

export function reviewCsv(groups: readonly ReviewGroup[]): string {
  const rows: unknown[][] = [['at', 'cause', 'kind', 'conversation_id', 'subject', 'customer', 'all_causes', 'detail']];
  for (const g of groups) {
    for (const i of g.items) rows.push([iso(i.at), i.cause, i.kind, i.conversationId, i.subject, i.customerRef, i.causes.join(' '), i.detail]);
  }
  return csv(rows);
}
