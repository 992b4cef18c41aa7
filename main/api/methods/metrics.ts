import { z } from 'zod';
import type { ArticleDraft, CostSettings, ExportFile, KnowledgeGapReport, MetricsSummary, ReviewGroup, RoiPrefill, RoiResult, TimeseriesPoint } from '../../engine/metrics/index.js';
import type { DrilldownRow } from '../../engine/metrics/drilldown.js';
import { HEADLINE_METRICS } from '../../engine/metrics/targets.js';
import { Id } from '../schemas.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A time range (ms since the epoch; defaults to the last 7 days) and optional agent/intent/queue filters. */
const Range = {
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(1).optional(),
  agent: z.string().min(1).max(200).optional(),
  intent: z.string().min(1).max(200).optional(),
  queue: z.string().min(1).max(200).optional(),
};
const GroupBy = z.enum(['agent', 'intent', 'queue']);
const DrilldownMetric = z.enum([...HEADLINE_METRICS, 'abandoned', 'open']);

/** Engine-built values: typed for the UI, checked for shape (they never come from outside). */
const SummarySchema = z.custom<MetricsSummary>((v) => isRecord(v) && isRecord(v['values']) && Array.isArray(v['tiles']));
const PointSchema = z.custom<TimeseriesPoint>((v) => isRecord(v) && typeof v['start'] === 'number' && isRecord(v['values']));
const DrillRowSchema = z.custom<DrilldownRow>((v) => isRecord(v) && typeof v['conversationId'] === 'string');
const ReviewGroupSchema = z.custom<ReviewGroup>((v) => isRecord(v) && typeof v['cause'] === 'string' && Array.isArray(v['items']));
const GapReportSchema = z.custom<KnowledgeGapReport>((v) => isRecord(v) && Array.isArray(v['clusters']));
const ArticleSchema = z.custom<ArticleDraft>((v) => isRecord(v) && typeof v['markdown'] === 'string');
const ExportSchema = z.custom<ExportFile>((v) => isRecord(v) && typeof v['content'] === 'string' && typeof v['fileName'] === 'string');
const RoiResultSchema = z.custom<RoiResult>((v) => isRecord(v) && typeof v['monthlyCostBeforeCents'] === 'number');
const RoiPrefillSchema = z.custom<RoiPrefill>((v) => isRecord(v) && isRecord(v['input']) && isRecord(v['result']));
const CostsSchema = z.custom<CostSettings>((v) => isRecord(v) && typeof v['infraCentsPerHour'] === 'number');

const Count = z.number().int().min(0).max(100_000_000);

export const metricsMethods = {
  /** The seed's seven metrics with targets, plus draft, tool, intent-correction and latency figures. */
  'metrics.summary': {
    input: z.object({ ...Range, groupBy: GroupBy.optional() }).strict(),
    output: SummarySchema,
  },
  'metrics.timeseries': {
    input: z.object({ ...Range, bucket: z.enum(['day', 'week']).optional(), utcOffsetMinutes: z.number().int().min(-840).max(840).optional() }).strict(),
    output: z.array(PointSchema),
  },
  /** The conversations behind a number, worst first. */
  'metrics.drilldown': {
    input: z.object({ ...Range, metric: DrilldownMetric, limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.object({ total: z.number().int(), conversations: z.array(DrillRowSchema) }),
  },
  /** Agents, intents and queues seen, for filter menus. */
  'metrics.dimensions': {
    input: z.object({}).strict(),
    output: z.object({ agents: z.array(z.string()), intents: z.array(z.string()), queues: z.array(z.string()) }),
  },
  'metrics.export': {
    input: z.object({ ...Range, what: z.enum(['metrics', 'review']), format: z.enum(['csv', 'json']) }).strict(),
    output: ExportSchema,
  },
  'metrics.costSettings': {
    input: z.object({}).strict(),
    output: CostsSchema,
  },
  'metrics.setCostSettings': {
    input: z
      .object({
        localCentsPerMillionTokens: z.number().int().min(0).optional(),
        remoteCentsPerMillionTokens: z.number().int().min(0).optional(),
        infraCentsPerHour: z.number().int().min(0).optional(),
        goodEvidenceScore: z.number().min(0).max(1).optional(),
      })
      .strict(),
    output: CostsSchema,
  },
  /** The week's escalations, rejected actions and rejected drafts, grouped by cause. */
  'review.list': {
    input: z.object(Range).strict(),
    output: z.array(ReviewGroupSchema),
  },
  /** Customer questions that found no good evidence, clustered, biggest first. */
  'review.knowledgeGaps': {
    input: z.object(Range).strict(),
    output: GapReportSchema,
  },
  /** A Markdown article draft from a cluster's questions, for the lead to finish and import. */
  'review.draftArticle': {
    input: z.object({ messageIds: z.array(Id).min(1).max(2000) }).strict(),
    output: ArticleSchema,
  },
  /** The seed's ROI formula on the given inputs (cents and basis points). */
  'roi.calculate': {
    input: z
      .object({ ticketsPerMonth: Count, humanCostPerTicketCents: Count, assistedCostPerTicketCents: Count, assistedShareBp: z.number().int().min(0).max(10_000) })
      .strict(),
    output: RoiResultSchema,
  },
  /** ROI inputs from this workspace's last 30 days where measured, the seed's example otherwise. */
  'roi.prefill': {
    input: z.object({}).strict(),
    output: RoiPrefillSchema,
  },
  /** Customer satisfaction 1–5, entered by the agent or pushed by a helpdesk. */
  'csat.record': {
    input: z.object({ conversationId: Id, score: z.number().int().min(1).max(5), source: z.enum(['agent', 'api']).optional(), comment: z.string().max(2000).optional() }).strict(),
    output: z.object({ conversationId: Id, score: z.number().int() }),
  },
  /** Reopens a concluded conversation; a reopen within 48 h of a resolution makes it a false resolution. */
  'conversation.reopen': {
    input: z.object({ id: Id, source: z.enum(['agent', 'api']).optional(), reason: z.string().max(500).optional() }).strict(),
    output: z.object({ reopened: z.literal(true) }),
  },
  /** Closes a conversation the customer walked away from, without counting it as resolved. */
  'conversation.abandon': {
    input: z.object({ id: Id, reason: z.string().max(500).optional() }).strict(),
    output: z.object({ abandoned: z.literal(true) }),
  },
} as const;
