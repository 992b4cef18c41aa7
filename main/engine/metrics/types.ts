import type { HeadlineMetric, MetricTarget } from './targets.js';

/** Which conversations a metric covers: those whose first customer message falls in [from, to). */
export interface MetricsFilter {
  readonly from: number;
  readonly to: number;
  readonly agent?: string | undefined;
  readonly intent?: string | undefined;
  readonly queue?: string | undefined;
}

export interface HeadlineValues {
  readonly resolution_rate: number | null;
  readonly first_response_time_s: number | null;
  readonly csat: number | null;
  readonly escalation_rate: number | null;
  readonly average_handle_time_s: number | null;
  /** Dollars (cents ÷ 100) so it reads against the $0.50 target; the cents are in costPerResolutionCents. */
  readonly cost_per_resolution: number | null;
  readonly false_resolution_rate: number | null;
}

export interface Counts {
  readonly conversations: number;
  readonly concluded: number;
  readonly resolved: number;
  readonly assistedResolved: number;
  readonly escalated: number;
  readonly abandoned: number;
  readonly falseResolutions: number;
  readonly responded: number;
  readonly csatResponses: number;
  readonly totalCostCents: number;
}

export interface MetricTile {
  readonly metric: HeadlineMetric;
  readonly value: number | null;
  readonly target: MetricTarget;
  readonly meetsTarget: boolean | null;
  /** How many conversations the value is computed from. */
  readonly sampleSize: number;
}

export interface ToolStats {
  readonly tool: string;
  readonly proposed: number;
  readonly approved: number;
  readonly rejected: number;
  readonly failed: number;
  readonly approvalRate: number | null;
  readonly rejectionRate: number | null;
  readonly errorRate: number | null;
}

export interface IntentCorrectionStats {
  readonly intent: string;
  readonly routed: number;
  readonly corrected: number;
  readonly correctionRate: number | null;
}

export interface DraftStats {
  readonly drafts: number;
  readonly acceptanceRate: number | null;
  readonly editRate: number | null;
  readonly meanEditDistance: number | null;
}

export interface AssistantMetrics {
  readonly drafts: DraftStats;
  readonly tools: readonly ToolStats[];
  readonly intentCorrections: readonly IntentCorrectionStats[];
  readonly assistLatencyP95Ms: number | null;
  readonly assistResults: number;
}

export interface BreakdownRow {
  readonly key: string;
  readonly values: HeadlineValues;
  readonly counts: Counts;
}

export interface MetricsSummary {
  readonly filter: MetricsFilter;
  readonly values: HeadlineValues;
  readonly costPerResolutionCents: number | null;
  readonly tiles: readonly MetricTile[];
  readonly counts: Counts;
  readonly assistant: AssistantMetrics;
  /** Share of concluded conversations resolved with the assistant's help (basis points), for the ROI prefill. */
  readonly assistedShareBp: number | null;
  readonly breakdown: readonly BreakdownRow[] | null;
}

export interface TimeseriesPoint {
  /** Start of the day or ISO week (Monday), ms since the epoch, in the caller's UTC offset. */
  readonly start: number;
  readonly values: HeadlineValues;
  readonly counts: Counts;
}
