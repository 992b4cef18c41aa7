/** Metrics and the feedback loop: outcome events, the seed's metrics, review list, knowledge gaps, ROI, export. */
export { MetricsService, flatMetrics, SEED_ROI_EXAMPLE, type RangeInput, type RoiPrefill } from './metricsService.js';
export { calculateRoi, type RoiInput, type RoiResult } from './roi.js';
export { HEADLINE_METRICS, METRIC_TARGETS, meetsTarget, type HeadlineMetric, type MetricTarget } from './targets.js';
export { CostSettingsSchema, DEFAULT_COST_SETTINGS, type CostSettings } from './costSettings.js';
export { REVIEW_CAUSES, CAUSE_LABELS, type ReviewCause, type ReviewGroup, type ReviewItem } from './reviewList.js';
export { FALSE_RESOLUTION_WINDOW_MS } from './outcomeRepository.js';
export type { DrilldownMetric, DrilldownRow } from './drilldown.js';
export type { GapCluster, KnowledgeGapReport } from './knowledgeGaps.js';
export type { ArticleDraft } from './articleDraft.js';
export type { ExportFile } from './exportMetrics.js';
export type * from './types.js';
