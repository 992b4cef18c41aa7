import type { Database } from '../store/database.js';
import { RememberedMessages } from './rememberedMessages.js';
import type { ConversationFlag, ConversationStatus, ConversationSummary, Message, MessageRole } from './types.js';

interface ConversationRow {
  workspace_id: string;
  id: string;
  customer_ref: string | null;
  customer_id: string | null;
  customer_name: string | null;
  verified: number;
  subject: string;
  status: ConversationStatus;
  channel: string;
  created_at: number;
  updated_at: number;
  last_message_at: number | null;
  last_content: string | null;
  last_role: MessageRole | null;
  message_count: number;
  flags_json: string | null;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  role: MessageRole;
  content: string;
  metadata_json: string;
  created_at: number;
}

const PREVIEW_CHARS = 140;

// The latest assist row is chosen by rowid before its JSON is read: sorting rows that carry
// json_extract parsed every result of the conversation (milliseconds per summary in long chats). It is
// found by walking the messages newest first (their (conversation_id, seq) index) to the first one
// with a result, not by sorting every result of the conversation by its message's seq.
const SUMMARY_SELECT = `
  SELECT c.*,
         cu.first_name || ' ' || cu.last_name AS customer_name,
         (SELECT content FROM messages m WHERE m.conversation_id = c.id ORDER BY seq DESC LIMIT 1) AS last_content,
         (SELECT role FROM messages m WHERE m.conversation_id = c.id ORDER BY seq DESC LIMIT 1) AS last_role,
         (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
         (SELECT json_extract(a.result_json, '$.flags') FROM assist_results a WHERE a.rowid =
            (SELECT latest.rowid FROM messages m JOIN assist_results latest
               ON latest.conversation_id = m.conversation_id AND latest.message_id = m.id
              WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1)) AS flags_json
  FROM conversations c
  LEFT JOIN customers cu ON cu.workspace_id = c.workspace_id AND cu.id = c.customer_id`;

/** Conversations whose messages stay in memory, and how many characters of content they may hold. */
const REMEMBERED_CONVERSATIONS = 200;
const REMEMBERED_CHARS = 8_000_000;

/** SQL for conversations and their messages. No validation here: the service owns the rules. */
export class ConversationRepository {
  private readonly remembered = new RememberedMessages(REMEMBERED_CONVERSATIONS, REMEMBERED_CHARS);

  constructor(private readonly db: Database) {}

  insert(row: {
    workspaceId: string;
    id: string;
    customerRef: string | null;
    customerId: string | null;
    subject: string;
    channel: string;
    now: number;
  }): void {
    this.db
      .prepare(
        `INSERT INTO conversations (workspace_id, id, customer_ref, customer_id, subject, channel, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.workspaceId, row.id, row.customerRef, row.customerId, row.subject, row.channel, row.now, row.now);
  }

  summary(id: string): ConversationSummary | null {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE c.id = ?`).get(id) as ConversationRow | undefined;
    return row ? toSummary(row) : null;
  }

  list(workspaceId: string, filter: { status?: ConversationStatus; limit: number }): ConversationSummary[] {
    const rows = this.db
      .prepare(
        `${SUMMARY_SELECT}
         WHERE c.workspace_id = @workspaceId AND (@status IS NULL OR c.status = @status)
         ORDER BY COALESCE(json_extract(flags_json, '$[0].priority') = 'immediate' AND c.status != 'escalated', 0) DESC,
                  COALESCE(c.last_message_at, c.created_at) DESC, c.id
         LIMIT @limit`,
      )
      .all({ workspaceId, status: filter.status ?? null, limit: filter.limit }) as ConversationRow[];
    return rows.map(toSummary);
  }

  /** The workspace of a conversation, or null when there is none: an existence check without the summary. */
  workspaceOf(id: string): string | null {
    return (this.db.prepare(`SELECT workspace_id FROM conversations WHERE id = ?`).pluck().get(id) as string | undefined) ?? null;
  }

  /** Every message of a conversation in seq order (only those appended since the last read come from SQL). */
  messages(conversationId: string): Message[] {
    return this.remembered.read(conversationId, (afterSeq) => this.messagesAfter(conversationId, afterSeq), !this.db.inTransaction);
  }

  private messagesAfter(conversationId: string, afterSeq: number): Message[] {
    const rows = this.db
      .prepare(`SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq`)
      .all(conversationId, afterSeq) as MessageRow[];
    return rows.map(toMessage);
  }

  /** Appends at the next sequence number inside one transaction, so concurrent writers cannot reorder. */
  appendMessage(message: Omit<Message, 'seq'>): Message {
    const append = this.db.transaction((): Message => {
      const { next } = this.db
        .prepare(`SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM messages WHERE conversation_id = ?`)
        .get(message.conversationId) as { next: number };
      this.db
        .prepare(
          `INSERT INTO messages (id, conversation_id, seq, role, content, metadata_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(message.id, message.conversationId, next, message.role, message.content,
          JSON.stringify(message.metadata), message.createdAt);
      this.db
        .prepare(`UPDATE conversations SET last_message_at = ?, updated_at = ? WHERE id = ?`)
        .run(message.createdAt, message.createdAt, message.conversationId);
      return { ...message, seq: next };
    });
    return append.immediate();
  }

  setStatus(id: string, status: ConversationStatus, now: number): void {
    this.db.prepare(`UPDATE conversations SET status = ?, updated_at = ? WHERE id = ?`).run(status, now, id);
  }

  delete(id: string): boolean {
    this.remembered.forget(id);
    return this.db.prepare(`DELETE FROM conversations WHERE id = ?`).run(id).changes > 0;
  }
}

function toSummary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    customerRef: row.customer_ref,
    customerId: row.customer_id,
    customerName: row.customer_name,
    verified: row.verified === 1,
    subject: row.subject,
    status: row.status,
    channel: row.channel,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastMessageAt: row.last_message_at,
    lastMessagePreview: row.last_content === null ? null : preview(row.last_content),
    lastMessageRole: row.last_role,
    messageCount: row.message_count,
    flags: row.flags_json ? (JSON.parse(row.flags_json) as ConversationFlag[]).map(({ trigger, priority, reason }) => ({ trigger, priority, reason })) : [],
  };
}

function preview(content: string): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    role: row.role,
    content: row.content,
    metadata: JSON.parse(row.metadata_json) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}
