import type { Database } from '../store/database.js';
import type { Finding } from '../quality/types.js';
import type { DraftOutcome, DraftRecord, DraftStatus } from './draftRecord.js';
import type { DraftCitation } from './types.js';

interface DraftRow {
  id: string;
  conversation_id: string;
  message_id: string | null;
  source: 'template' | 'llm';
  status: DraftStatus;
  original_text: string;
  text: string;
  citations_json: string;
  findings_json: string;
  blocking: number;
  outcome: DraftOutcome | null;
  edit_distance: number | null;
  time_to_send_ms: number | null;
  override: number;
  sent_message_id: string | null;
  model: string | null;
  fallback_reason: string | null;
  created_at: number;
  ready_at: number | null;
  sent_at: number | null;
}

function fromRow(row: DraftRow): DraftRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    source: row.source,
    status: row.status,
    originalText: row.original_text,
    text: row.text,
    citations: JSON.parse(row.citations_json) as DraftCitation[],
    findings: JSON.parse(row.findings_json) as Finding[],
    blocking: row.blocking === 1,
    outcome: row.outcome,
    editDistance: row.edit_distance,
    timeToSendMs: row.time_to_send_ms,
    override: row.override === 1,
    sentMessageId: row.sent_message_id,
    model: row.model,
    fallbackReason: row.fallback_reason,
    createdAt: row.created_at,
    readyAt: row.ready_at,
    sentAt: row.sent_at,
  };
}

/** Rows of the drafts table; every write is one short statement. */
export class DraftRepository {
  constructor(private readonly db: Database) {}

  /** False on a database without the drafts table (an older migration list): drafting is then off. */
  static available(db: Database): boolean {
    return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drafts'`).get() !== undefined;
  }

  get(id: string): DraftRecord | null {
    const row = this.db.prepare(`SELECT * FROM drafts WHERE id = ?`).get(id) as DraftRow | undefined;
    return row ? fromRow(row) : null;
  }

  latest(conversationId: string): DraftRecord | null {
    const row = this.db.prepare(`SELECT * FROM drafts WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`).get(conversationId) as DraftRow | undefined;
    return row ? fromRow(row) : null;
  }

  insert(draft: DraftRecord): void {
    this.db
      .prepare(
        `INSERT INTO drafts (id, conversation_id, message_id, source, status, original_text, text, citations_json, findings_json, blocking, model, fallback_reason, created_at, ready_at)
         VALUES (@id, @conversationId, @messageId, @source, @status, @originalText, @text, @citations, @findings, @blocking, @model, @fallbackReason, @createdAt, @readyAt)`,
      )
      .run({
        id: draft.id,
        conversationId: draft.conversationId,
        messageId: draft.messageId,
        source: draft.source,
        status: draft.status,
        originalText: draft.originalText,
        text: draft.text,
        citations: JSON.stringify(draft.citations),
        findings: JSON.stringify(draft.findings),
        blocking: draft.blocking ? 1 : 0,
        model: draft.model,
        fallbackReason: draft.fallbackReason,
        createdAt: draft.createdAt,
        readyAt: draft.readyAt,
      });
  }

  /** A generated (or regenerated-in-place) draft becomes ready with its text, citations and findings. */
  complete(id: string, fields: Pick<DraftRecord, 'source' | 'text' | 'citations' | 'findings' | 'blocking' | 'model' | 'fallbackReason' | 'readyAt'>): void {
    this.db
      .prepare(
        `UPDATE drafts SET status = 'ready', source = ?, original_text = ?, text = ?, citations_json = ?, findings_json = ?, blocking = ?, model = ?, fallback_reason = ?, ready_at = ?
         WHERE id = ? AND status = 'generating'`,
      )
      .run(fields.source, fields.text, fields.text, JSON.stringify(fields.citations), JSON.stringify(fields.findings), fields.blocking ? 1 : 0, fields.model, fields.fallbackReason, fields.readyAt, id);
  }

  /** A one-click fix changed the text; the findings are those of the new text. */
  updateText(id: string, text: string, findings: readonly Finding[], blocking: boolean): void {
    this.db.prepare(`UPDATE drafts SET text = ?, findings_json = ?, blocking = ? WHERE id = ?`).run(text, JSON.stringify(findings), blocking ? 1 : 0, id);
  }

  close(id: string, status: 'discarded' | 'superseded', outcome: DraftOutcome | null): void {
    this.db.prepare(`UPDATE drafts SET status = ?, outcome = ? WHERE id = ? AND status IN ('generating', 'ready')`).run(status, outcome, id);
  }

  markSent(id: string, fields: { outcome: DraftOutcome; editDistance: number; timeToSendMs: number; override: boolean; sentMessageId: string; sentAt: number; findings: readonly Finding[]; blocking: boolean }): boolean {
    const changed = this.db
      .prepare(
        `UPDATE drafts SET status = 'sent', outcome = ?, edit_distance = ?, time_to_send_ms = ?, override = ?, sent_message_id = ?, sent_at = ?, findings_json = ?, blocking = ?
         WHERE id = ? AND status = 'ready'`,
      )
      .run(fields.outcome, fields.editDistance, fields.timeToSendMs, fields.override ? 1 : 0, fields.sentMessageId, fields.sentAt, JSON.stringify(fields.findings), fields.blocking ? 1 : 0, id);
    return changed.changes === 1;
  }

  /** Drafts left 'generating' by a crash or a closed engine can never finish: close them on open. */
  supersedeUnfinished(): number {
    return this.db.prepare(`UPDATE drafts SET status = 'superseded' WHERE status = 'generating'`).run().changes;
  }
}
