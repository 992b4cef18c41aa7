import type { Database } from '../store/database.js';

export type OutcomeKind = 'resolved' | 'escalated' | 'abandoned' | 'reopened';
export type OutcomeSource = 'agent' | 'api' | 'customer_message' | 'migration';
export type ConversationState = 'open' | 'resolved' | 'escalated' | 'abandoned';

/** A reopen counts against a resolution when it comes at most this long after it ("within 48 h", inclusive). */
export const FALSE_RESOLUTION_WINDOW_MS = 48 * 60 * 60 * 1000;

export interface OutcomeEvent {
  readonly conversationId: string;
  readonly kind: OutcomeKind;
  readonly assisted: boolean;
  readonly reason: string;
  readonly source: OutcomeSource;
  readonly actor: string;
  readonly at: number;
}

/**
 * SQL for the events metrics need (conclusions, reopens, CSAT, token usage) and for the per-conversation
 * rollup. The rollup is always re-derived from the source tables for one conversation at a time, so it
 * can be rebuilt at any moment and never disagrees with the messages it summarises.
 */
export class OutcomeRepository {
  constructor(private readonly db: Database) {}

  addOutcome(e: OutcomeEvent): void {
    this.db
      .prepare(
        `INSERT INTO conversation_outcomes (conversation_id, kind, assisted, reason, source, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.conversationId, e.kind, e.assisted ? 1 : 0, e.reason, e.source, e.actor, e.at);
  }

  outcomes(conversationId: string): OutcomeEvent[] {
    const rows = this.db
      .prepare(
        `SELECT kind, assisted, reason, source, actor, created_at FROM conversation_outcomes WHERE conversation_id = ? ORDER BY created_at, id`,
      )
      .all(conversationId) as { kind: OutcomeKind; assisted: number; reason: string; source: OutcomeSource; actor: string; created_at: number }[];
    return rows.map((r) => ({ conversationId, kind: r.kind, assisted: r.assisted === 1, reason: r.reason, source: r.source, actor: r.actor, at: r.created_at }));
  }

  state(conversationId: string): ConversationState | null {
    const row = this.db.prepare(`SELECT state FROM conversation_metrics WHERE conversation_id = ?`).get(conversationId) as
      | { state: ConversationState }
      | undefined;
    return row?.state ?? null;
  }

  setCsat(conversationId: string, score: number, source: 'agent' | 'api', comment: string, at: number): void {
    this.db
      .prepare(
        `INSERT INTO csat_ratings (conversation_id, score, source, comment, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id) DO UPDATE SET score = excluded.score, source = excluded.source,
           comment = excluded.comment, created_at = excluded.created_at`,
      )
      .run(conversationId, score, source, comment, at);
  }

  addModelUsage(u: { conversationId: string | null; model: string; local: boolean; promptTokens: number; completionTokens: number; at: number }): void {
    this.db
      .prepare(`INSERT INTO model_usage (conversation_id, model, local, prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(u.conversationId, u.model, u.local ? 1 : 0, u.promptTokens, u.completionTokens, u.at);
  }

  /** Whether the assistant helped: an action it proposed ran, or an agent reply was sent from a draft. */
  assistedSoFar(conversationId: string): boolean {
    const action = this.db.prepare(`SELECT 1 FROM actions WHERE conversation_id = ? AND status = 'succeeded' LIMIT 1`).get(conversationId);
    if (action) return true;
    const drafted = this.db
      .prepare(
        `SELECT 1 FROM messages WHERE conversation_id = ? AND role = 'agent'
           AND (json_extract(metadata_json, '$.draftId') IS NOT NULL OR json_extract(metadata_json, '$.fromDraft') = 1) LIMIT 1`,
      )
      .get(conversationId);
    return drafted !== undefined;
  }

  /**
   * An assist run was saved: raises the rollup's slowest run without re-deriving the rest (nothing else
   * the rollup reads changes with it; the 'conversation.updated' that follows each run refreshes it).
   */
  recordAssistRun(conversationId: string, ms: number): void {
    const raised = this.db
      .prepare(`UPDATE conversation_metrics SET assist_max_ms = MAX(COALESCE(assist_max_ms, ?), ?) WHERE conversation_id = ?`)
      .run(ms, ms, conversationId);
    if (raised.changes === 0) this.refreshRollup(conversationId, { assistRunMs: ms });
  }

  /**
   * Re-derives the conversation's rollup row from messages, outcomes, routing, escalations, CSAT and usage.
   * The slowest assist run is the exception: reading it back from every stored result cost more than the
   * rest of the rollup in a long conversation (each result's total sits behind its JSON), and it is
   * refreshed at every message. So the stored maximum is carried forward and raised by `assistRunMs`,
   * the run just saved; with `full` (rebuild) or without a rollup row yet it is read from the results.
   */
  refreshRollup(conversationId: string, options: { readonly assistRunMs?: number; readonly full?: boolean } = {}): void {
    const conv = this.db.prepare(`SELECT workspace_id, created_at FROM conversations WHERE id = ?`).get(conversationId) as
      | { workspace_id: string; created_at: number }
      | undefined;
    if (!conv) return;
    // Both lookups are one probe of the (conversation_id, role, created_at) index (migration 0008).
    const times = this.db
      .prepare(`SELECT MIN(created_at) AS first_customer FROM messages WHERE conversation_id = ? AND role = 'customer'`)
      .get(conversationId) as { first_customer: number | null };
    const firstCustomer = times.first_customer;
    const firstAgent =
      firstCustomer === null
        ? null
        : ((this.db
            .prepare(`SELECT MIN(created_at) AS t FROM messages WHERE conversation_id = ? AND role = 'agent' AND created_at >= ?`)
            .get(conversationId, firstCustomer) as { t: number | null }).t);
    const events = this.outcomes(conversationId);
    const conclusions = events.filter((e) => e.kind !== 'reopened');
    const latest = events.at(-1);
    const state: ConversationState = !latest || latest.kind === 'reopened' ? 'open' : latest.kind;
    const resolutions = events.filter((e) => e.kind === 'resolved');
    const escalatedRow = this.db.prepare(`SELECT queue FROM escalations WHERE conversation_id = ? ORDER BY created_at DESC LIMIT 1`).get(conversationId) as
      | { queue: string }
      | undefined;
    const intentRow = this.db
      .prepare(
        // Walks the messages from the first (their (conversation_id, seq) index) to the first routed
        // one, instead of sorting every routing of the conversation.
        `SELECT COALESCE(r.corrected_intent, r.intent) AS intent FROM messages m JOIN message_routing r ON r.message_id = m.id
         WHERE m.conversation_id = ? ORDER BY m.seq LIMIT 1`,
      )
      .get(conversationId) as { intent: string } | undefined;
    const csat = this.db.prepare(`SELECT score FROM csat_ratings WHERE conversation_id = ?`).get(conversationId) as { score: number } | undefined;
    const tokens = this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE WHEN local = 1 THEN prompt_tokens + completion_tokens END), 0) AS local_tokens,
                COALESCE(SUM(CASE WHEN local = 0 THEN prompt_tokens + completion_tokens END), 0) AS remote_tokens
         FROM model_usage WHERE conversation_id = ?`,
      )
      .get(conversationId) as { local_tokens: number; remote_tokens: number };
    const rolled = options.full
      ? undefined
      : (this.db.prepare(`SELECT assist_max_ms FROM conversation_metrics WHERE conversation_id = ?`).get(conversationId) as
          | { assist_max_ms: number | null }
          | undefined);
    const assist = rolled
      ? { max_ms: maxOf(rolled.assist_max_ms, options.assistRunMs ?? null) }
      : (this.db.prepare(`SELECT MAX(total_ms) AS max_ms FROM assist_results WHERE conversation_id = ?`).get(conversationId) as {
          max_ms: number | null;
        });
    const falseResolution = resolutions.some((r) =>
      events.some((e) => e.kind === 'reopened' && e.at > r.at && e.at - r.at <= FALSE_RESOLUTION_WINDOW_MS),
    );
    this.db
      .prepare(
        `INSERT INTO conversation_metrics (conversation_id, workspace_id, started_at, agent, intent, queue, state, first_customer_at,
           first_agent_at, concluded_at, resolved_at, ever_escalated, assisted, false_resolution, csat, local_tokens, remote_tokens, assist_max_ms)
         VALUES (@id, @workspace, @started, @agent, @intent, @queue, @state, @firstCustomer, @firstAgent, @concluded, @resolved,
           @escalated, @assisted, @falseResolution, @csat, @localTokens, @remoteTokens, @assistMax)
         ON CONFLICT (conversation_id) DO UPDATE SET started_at = excluded.started_at, agent = excluded.agent, intent = excluded.intent,
           queue = excluded.queue, state = excluded.state, first_customer_at = excluded.first_customer_at,
           first_agent_at = excluded.first_agent_at, concluded_at = excluded.concluded_at, resolved_at = excluded.resolved_at,
           ever_escalated = excluded.ever_escalated, assisted = excluded.assisted, false_resolution = excluded.false_resolution,
           csat = excluded.csat, local_tokens = excluded.local_tokens, remote_tokens = excluded.remote_tokens,
           assist_max_ms = excluded.assist_max_ms`,
      )
      .run({
        id: conversationId,
        workspace: conv.workspace_id,
        started: firstCustomer ?? conv.created_at,
        agent: conclusions.at(-1)?.actor ?? 'agent',
        intent: intentRow?.intent ?? null,
        queue: escalatedRow?.queue ?? null,
        state,
        firstCustomer,
        firstAgent,
        concluded: conclusions[0]?.at ?? null,
        resolved: resolutions[0]?.at ?? null,
        escalated: events.some((e) => e.kind === 'escalated') || escalatedRow !== undefined ? 1 : 0,
        assisted: resolutions.some((r) => r.assisted) ? 1 : 0,
        falseResolution: falseResolution ? 1 : 0,
        csat: csat?.score ?? null,
        localTokens: tokens.local_tokens,
        remoteTokens: tokens.remote_tokens,
        assistMax: assist.max_ms,
      });
  }
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
