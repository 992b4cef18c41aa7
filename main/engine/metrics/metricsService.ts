import type { Embedder } from '../../ml/embedder.js';
import type { Clock } from '../clock.js';
import type { ConversationService } from '../conversations/conversationService.js';
import { TandemError } from '../errors.js';
import type { EngineEvent, EventBus } from '../events.js';
import type { Log } from '../log.js';
import type { Database } from '../store/database.js';
import type { WorkspaceRepository } from '../workspace/workspaceRepository.js';
import { draftArticleFromQuestions, type ArticleDraft } from './articleDraft.js';
import { DEFAULT_COST_SETTINGS, parseCostSettings, type CostSettings } from './costSettings.js';
import { drilldown, type DrilldownMetric, type DrilldownRow } from './drilldown.js';
import { metricsCsv, reviewCsv, type ExportFile } from './exportMetrics.js';
import { clusterQuestions, ungroundedQuestions, type KnowledgeGapReport } from './knowledgeGaps.js';
import { MetricsQuery, type Bucket, type GroupBy } from './metricsQuery.js';
import { OutcomeRepository, type OutcomeSource } from './outcomeRepository.js';
import { reviewList, type ReviewGroup } from './reviewList.js';
import { calculateRoi, type RoiInput, type RoiResult } from './roi.js';
import type { MetricsFilter, MetricsSummary, TimeseriesPoint } from './types.js';

const COST_KEY = 'metrics.costs';
const WEEK_MS = 7 * 86_400_000;

export interface RangeInput {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly agent?: string | undefined;
  readonly intent?: string | undefined;
  readonly queue?: string | undefined;
}

/** The seed's example, used for any ROI input that has no measured figure yet. */
export const SEED_ROI_EXAMPLE: RoiInput = { ticketsPerMonth: 5000, humanCostPerTicketCents: 850, assistedCostPerTicketCents: 35, assistedShareBp: 6500 };

export interface RoiPrefill {
  readonly input: RoiInput;
  /** Which inputs come from this workspace's own figures rather than the seed's example. */
  readonly measured: { readonly ticketsPerMonth: boolean; readonly assistedCostPerTicketCents: boolean; readonly assistedShareBp: boolean };
  readonly result: RoiResult;
}

/**
 * Records what the metrics need as conversations happen (conclusions, reopens, CSAT, token usage) and
 * answers the dashboard, the review screen, exports and the CLI.
 */
export class MetricsService {
  private readonly outcomes: OutcomeRepository;
  private readonly query: MetricsQuery;

  constructor(
    private readonly deps: {
      readonly db: Database;
      readonly workspaceId: string;
      readonly workspaces: WorkspaceRepository;
      readonly conversations: ConversationService;
      readonly events: EventBus;
      readonly clock: Clock;
      readonly log: Log;
      readonly embedder: Embedder | null;
    },
  ) {
    this.outcomes = new OutcomeRepository(deps.db);
    this.query = new MetricsQuery(deps.db, deps.workspaceId);
    deps.events.subscribe((event) => {
      try {
        this.onEvent(event);
      } catch (error) {
        deps.log.error('metrics could not record an event', { type: event.type, error: String(error) });
      }
    });
  }

  // ── recording ────────────────────────────────────────────────────────────

  private onEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'conversation.created':
        this.outcomes.refreshRollup(event.conversation.id);
        return;
      case 'message.added': {
        const id = event.message.conversationId;
        const state = this.outcomes.state(id);
        if (event.message.role === 'customer' && (state === 'resolved' || state === 'abandoned')) {
          // The customer wrote again after we called it done: the conversation is open again.
          this.outcomes.addOutcome({ conversationId: id, kind: 'reopened', assisted: false, reason: 'customer wrote again', source: 'customer_message', actor: 'customer', at: event.message.createdAt });
          this.outcomes.refreshRollup(id);
          this.deps.conversations.setStatus(id, 'open');
          return;
        }
        this.outcomes.refreshRollup(id);
        return;
      }
      case 'conversation.updated':
        this.onStatus(event.conversation.id, event.conversation.status, 'agent', 'agent', '');
        return;
      case 'assist.updated':
        this.outcomes.recordAssistRun(event.conversationId, event.result.timings.total);
        return;
      default:
        return;
    }
  }

  /** Turns a status the conversation now has into an outcome event, once per change. */
  private onStatus(id: string, status: 'open' | 'resolved' | 'escalated', source: OutcomeSource, actor: string, reason: string): void {
    const state = this.outcomes.state(id);
    const at = this.deps.clock.now();
    if (status === 'resolved' && state !== 'resolved' && state !== 'abandoned') {
      this.outcomes.addOutcome({ conversationId: id, kind: 'resolved', assisted: this.outcomes.assistedSoFar(id), reason, source, actor, at });
    } else if (status === 'escalated' && state !== 'escalated') {
      this.outcomes.addOutcome({ conversationId: id, kind: 'escalated', assisted: false, reason: reason || this.latestEscalationReason(id), source, actor, at });
    } else if (status === 'open' && state !== null && state !== 'open') {
      this.outcomes.addOutcome({ conversationId: id, kind: 'reopened', assisted: false, reason, source, actor, at });
    }
    this.outcomes.refreshRollup(id);
  }

  private latestEscalationReason(conversationId: string): string {
    const row = this.deps.db
      .prepare(`SELECT json_extract(packet_json, '$.reason') AS reason FROM escalations WHERE conversation_id = ? ORDER BY created_at DESC LIMIT 1`)
      .get(conversationId) as { reason: string | null } | undefined;
    return row?.reason ?? '';
  }

  /** A reopen pushed by a helpdesk or the agent: recorded with its source, then the conversation is open. */
  reopen(conversationId: string, source: 'agent' | 'api', reason = ''): void {
    this.deps.conversations.summary(conversationId); // E_NOT_FOUND before anything is written
    const state = this.outcomes.state(conversationId);
    if (state === 'open') throw new TandemError('E_CONFLICT', 'This conversation is already open; there is nothing to reopen.');
    this.outcomes.addOutcome({ conversationId, kind: 'reopened', assisted: false, reason, source, actor: source, at: this.deps.clock.now() });
    this.outcomes.refreshRollup(conversationId);
    this.deps.conversations.setStatus(conversationId, 'open');
  }

  /** The customer went away without an answer; closes the conversation without counting a resolution. */
  abandon(conversationId: string, source: 'agent' | 'api', reason = ''): void {
    this.deps.conversations.summary(conversationId);
    this.outcomes.addOutcome({ conversationId, kind: 'abandoned', assisted: false, reason, source, actor: source, at: this.deps.clock.now() });
    this.outcomes.refreshRollup(conversationId);
    this.deps.conversations.setStatus(conversationId, 'resolved');
  }

  recordCsat(conversationId: string, score: number, source: 'agent' | 'api', comment = ''): { conversationId: string; score: number } {
    this.deps.conversations.summary(conversationId);
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new TandemError('E_VALIDATION', 'CSAT is a whole number from 1 to 5.');
    this.outcomes.setCsat(conversationId, score, source, comment.trim().slice(0, 2000), this.deps.clock.now());
    this.outcomes.refreshRollup(conversationId);
    return { conversationId, score };
  }

  /** Drafting (or any model call) reports its tokens here; cost is computed when metrics are read. */
  recordModelUsage(usage: { conversationId: string | null; model: string; local: boolean; promptTokens: number; completionTokens: number }): void {
    if (!Number.isInteger(usage.promptTokens) || !Number.isInteger(usage.completionTokens) || usage.promptTokens < 0 || usage.completionTokens < 0) {
      throw new TandemError('E_VALIDATION', 'Token counts are whole numbers of at least 0.');
    }
    this.outcomes.addModelUsage({ ...usage, at: this.deps.clock.now() });
    if (usage.conversationId) this.outcomes.refreshRollup(usage.conversationId);
  }

  /** Re-derives every conversation's rollup row (after an import, or to repair). */
  rebuild(): number {
    const ids = this.deps.db.prepare(`SELECT id FROM conversations WHERE workspace_id = ?`).all(this.deps.workspaceId) as { id: string }[];
    this.deps.db.transaction(() => {
      for (const { id } of ids) this.outcomes.refreshRollup(id, { full: true });
    })();
    return ids.length;
  }

  // ── settings ─────────────────────────────────────────────────────────────

  costSettings(): CostSettings {
    const stored = this.deps.workspaces.getSetting<unknown>(this.deps.workspaceId, COST_KEY);
    if (stored === undefined) return DEFAULT_COST_SETTINGS;
    try {
      return parseCostSettings(stored);
    } catch {
      return DEFAULT_COST_SETTINGS;
    }
  }

  setCostSettings(value: unknown): CostSettings {
    const parsed = parseCostSettings({ ...this.costSettings(), ...(value as object) });
    this.deps.workspaces.setSetting(this.deps.workspaceId, COST_KEY, parsed, this.deps.clock.now());
    return parsed;
  }

  // ── reading ──────────────────────────────────────────────────────────────

  filter(input: RangeInput = {}): MetricsFilter {
    const to = input.to ?? this.deps.clock.now() + 1;
    const from = input.from ?? to - WEEK_MS;
    if (from >= to) throw new TandemError('E_VALIDATION', 'The range must start before it ends; pick an earlier "from" date.');
    return { from, to, agent: input.agent, intent: input.intent, queue: input.queue };
  }

  summary(input: RangeInput = {}, groupBy?: GroupBy): MetricsSummary {
    return this.query.summary(this.filter(input), this.costSettings(), groupBy);
  }

  timeseries(input: RangeInput = {}, bucket: Bucket = 'day', offsetMinutes = 0): TimeseriesPoint[] {
    return this.query.timeseries(this.filter(input), this.costSettings(), bucket, offsetMinutes);
  }

  drilldown(metric: DrilldownMetric, input: RangeInput = {}, limit = 200): { total: number; conversations: DrilldownRow[] } {
    return drilldown(this.deps.db, this.deps.workspaceId, metric, this.filter(input), limit);
  }

  /** Agents, intents and queues that have conversations, for the dashboard's filter menus. */
  dimensions(): { agents: string[]; intents: string[]; queues: string[] } {
    const values = (column: string): string[] =>
      (this.deps.db.prepare(`SELECT DISTINCT ${column} AS v FROM conversation_metrics WHERE workspace_id = ? AND ${column} IS NOT NULL ORDER BY 1`).all(this.deps.workspaceId) as { v: string }[]).map((r) => r.v);
    return { agents: values('agent'), intents: values('intent'), queues: values('queue') };
  }

  review(input: RangeInput = {}): ReviewGroup[] {
    const f = this.filter(input);
    return reviewList(this.deps.db, this.deps.workspaceId, f, this.costSettings().goodEvidenceScore);
  }

  async knowledgeGaps(input: RangeInput = {}): Promise<KnowledgeGapReport> {
    const f = this.filter(input);
    const questions = ungroundedQuestions(this.deps.db, this.deps.workspaceId, f, this.costSettings().goodEvidenceScore);
    try {
      return await clusterQuestions(questions, this.deps.embedder);
    } catch (error) {
      // An embedder that fails (model missing, worker crashed) must not hide the report: fall back to words.
      this.deps.log.error('knowledge-gap embedding failed; clustering on words', { error: String(error) });
      return clusterQuestions(questions, null);
    }
  }

  /** A Markdown article draft from a knowledge-gap cluster's questions (given by message id). */
  draftArticle(messageIds: readonly string[]): ArticleDraft {
    if (messageIds.length === 0) throw new TandemError('E_VALIDATION', 'Pick a knowledge-gap cluster with at least one question to draft an article from.');
    const placeholders = messageIds.map(() => '?').join(', ');
    const rows = this.deps.db
      .prepare(
        `SELECT m.id, m.conversation_id, m.content, m.created_at, r.intent FROM messages m JOIN conversations c ON c.id = m.conversation_id
         LEFT JOIN message_routing r ON r.message_id = m.id
         WHERE c.workspace_id = ? AND m.role = 'customer' AND m.id IN (${placeholders})`,
      )
      .all(this.deps.workspaceId, ...messageIds) as { id: string; conversation_id: string; content: string; created_at: number; intent: string | null }[];
    if (rows.length === 0) throw new TandemError('E_NOT_FOUND', 'None of those customer messages exist any more; refresh the knowledge-gap report.');
    return draftArticleFromQuestions(
      rows.map((r) => ({ messageId: r.id, conversationId: r.conversation_id, text: r.content, intent: r.intent, at: r.created_at })),
      this.deps.clock.now(),
    );
  }

  calculateRoi(input: RoiInput): RoiResult {
    return calculateRoi(input);
  }

  /**
   * The ROI inputs from the last 30 days where they were measured: tickets per month from conversations,
   * assisted cost per ticket from the running cost, the share from assisted resolutions. Human cost per
   * ticket is never measured here, so it keeps the seed's figure until the lead types theirs.
   */
  roiPrefill(): RoiPrefill {
    const to = this.deps.clock.now() + 1;
    const s = this.query.summary({ from: to - 30 * 86_400_000, to }, this.costSettings());
    const measuredTickets = s.counts.conversations > 0;
    const measuredShare = s.assistedShareBp !== null;
    const measuredCost = s.counts.conversations > 0 && this.costSettings() !== DEFAULT_COST_SETTINGS;
    const input: RoiInput = {
      ticketsPerMonth: measuredTickets ? s.counts.conversations : SEED_ROI_EXAMPLE.ticketsPerMonth,
      humanCostPerTicketCents: SEED_ROI_EXAMPLE.humanCostPerTicketCents,
      assistedCostPerTicketCents: measuredCost ? Math.round(s.counts.totalCostCents / s.counts.conversations) : SEED_ROI_EXAMPLE.assistedCostPerTicketCents,
      assistedShareBp: measuredShare ? (s.assistedShareBp as number) : SEED_ROI_EXAMPLE.assistedShareBp,
    };
    return { input, measured: { ticketsPerMonth: measuredTickets, assistedCostPerTicketCents: measuredCost, assistedShareBp: measuredShare }, result: calculateRoi(input) };
  }

  export(what: 'metrics' | 'review', format: 'csv' | 'json', input: RangeInput = {}): ExportFile {
    const f = this.filter(input);
    const day = new Date(f.to - 1).toISOString().slice(0, 10);
    if (what === 'metrics') {
      const summary = this.summary(input);
      const series = this.timeseries(input, 'day');
      return format === 'csv'
        ? { fileName: `tandem-metrics-${day}.csv`, mimeType: 'text/csv', content: metricsCsv(summary, series) }
        : { fileName: `tandem-metrics-${day}.json`, mimeType: 'application/json', content: `${JSON.stringify({ ...flatMetrics(summary), summary, timeseries: series }, null, 2)}\n` };
    }
    const groups = this.review(input);
    return format === 'csv'
      ? { fileName: `tandem-review-${day}.csv`, mimeType: 'text/csv', content: reviewCsv(groups) }
      : { fileName: `tandem-review-${day}.json`, mimeType: 'application/json', content: `${JSON.stringify({ from: f.from, to: f.to, groups }, null, 2)}\n` };
  }
}

/** The flat, snake_case view the CLI prints and exports lead with (null where there is no data yet). */
export function flatMetrics(s: MetricsSummary): Record<string, number | string | null> {
  return {
    since: new Date(s.filter.from).toISOString(),
    until: new Date(s.filter.to).toISOString(),
    conversations: s.counts.conversations,
    resolution_rate: s.values.resolution_rate,
    first_response_time_s: s.values.first_response_time_s,
    csat: s.values.csat,
    escalation_rate: s.values.escalation_rate,
    average_handle_time_s: s.values.average_handle_time_s,
    cost_per_resolution: s.values.cost_per_resolution,
    cost_per_resolution_cents: s.costPerResolutionCents,
    false_resolution_rate: s.values.false_resolution_rate,
    draft_acceptance_rate: s.assistant.drafts.acceptanceRate,
    draft_edit_rate: s.assistant.drafts.editRate,
    mean_edit_distance: s.assistant.drafts.meanEditDistance,
    assist_latency_p95_ms: s.assistant.assistLatencyP95Ms,
  };
}
