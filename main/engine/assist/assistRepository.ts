import type { Database } from '../store/database.js';
import type { Dismissal } from '../escalation/evaluateEscalation.js';
import type { Trigger } from '../escalation/types.js';
import type { RoutingResult } from '../router/types.js';
import type { AssistResult } from './types.js';

/** SQL for assist results, flag dismissals and sent escalations. */
export class AssistRepository {
  constructor(private readonly db: Database) {}

  /** Saves a result unless the conversation or message was deleted meanwhile; returns whether it was saved. */
  save(result: AssistResult): boolean {
    const info = this.db
      .prepare(
        `INSERT INTO assist_results (conversation_id, message_id, result_json, total_ms, created_at)
         SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM messages WHERE id = ? AND conversation_id = ?)
         ON CONFLICT (conversation_id, message_id) DO UPDATE SET result_json = excluded.result_json,
           total_ms = excluded.total_ms, created_at = excluded.created_at`,
      )
      .run(result.conversationId, result.messageId, JSON.stringify(result), result.timings.total, result.createdAt, result.messageId, result.conversationId);
    return info.changes > 0;
  }

  /** Every stored result of a conversation, in message order. */
  forConversation(conversationId: string): AssistResult[] {
    const rows = this.db
      .prepare(
        `SELECT a.result_json FROM assist_results a JOIN messages m ON m.id = a.message_id
         WHERE a.conversation_id = ? ORDER BY m.seq`,
      )
      .all(conversationId) as { result_json: string }[];
    return rows.map((r) => JSON.parse(r.result_json) as AssistResult);
  }

  /**
   * The routing stored with each assist result of a conversation from message `fromSeq` on. Only the
   * routing is read out of each stored result (json_extract in SQLite), not the evidence and actions.
   */
  routings(conversationId: string, fromSeq = 0): Map<string, RoutingResult | null> {
    const rows = this.db
      .prepare(
        // From the messages (their (conversation_id, seq) index) to their results, so only the range
        // asked for is read, not every result of the conversation.
        `SELECT a.message_id AS id, json_extract(a.result_json, '$.routing') AS routing FROM messages m
         JOIN assist_results a ON a.conversation_id = m.conversation_id AND a.message_id = m.id
         WHERE m.conversation_id = ? AND m.seq >= ? ORDER BY m.seq`,
      )
      .all(conversationId, fromSeq) as { id: string; routing: string | null }[];
    return new Map(rows.map((r) => [r.id, r.routing === null ? null : (JSON.parse(r.routing) as RoutingResult)]));
  }

  /** Ids of the messages of a conversation that have an assist result. */
  assistedMessageIds(conversationId: string): Set<string> {
    return new Set(this.db.prepare('SELECT message_id FROM assist_results WHERE conversation_id = ?').pluck().all(conversationId) as string[]);
  }

  latest(conversationId: string): AssistResult | null {
    const row = this.db
      .prepare(
        // The newest row is picked by rowid first, so only its JSON is read (not every result's), and
        // found by walking the messages newest first to the first one with a result (no sort).
        `SELECT result_json FROM assist_results WHERE rowid =
           (SELECT a.rowid FROM messages m JOIN assist_results a ON a.conversation_id = m.conversation_id AND a.message_id = m.id
             WHERE m.conversation_id = ? ORDER BY m.seq DESC LIMIT 1)`,
      )
      .get(conversationId) as { result_json: string } | undefined;
    return row ? (JSON.parse(row.result_json) as AssistResult) : null;
  }

  dismissals(conversationId: string): Dismissal[] {
    return (
      this.db.prepare(`SELECT trigger, up_to_seq FROM escalation_dismissals WHERE conversation_id = ?`).all(conversationId) as {
        trigger: Trigger;
        up_to_seq: number;
      }[]
    ).map((r) => ({ trigger: r.trigger, upToSeq: r.up_to_seq }));
  }

  addDismissal(d: { conversationId: string; trigger: Trigger; upToSeq: number; reason: string; actor: string; now: number }): void {
    this.db
      .prepare(
        `INSERT INTO escalation_dismissals (conversation_id, trigger, up_to_seq, reason, actor, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(d.conversationId, d.trigger, d.upToSeq, d.reason, d.actor, d.now);
  }

  addEscalation(e: { id: string; conversationId: string; queue: string; packet: unknown; destination: string; actor: string; now: number }): void {
    this.db
      .prepare(
        `INSERT INTO escalations (id, conversation_id, queue, packet_json, destination, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.id, e.conversationId, e.queue, JSON.stringify(e.packet), e.destination, e.actor, e.now);
  }
}
