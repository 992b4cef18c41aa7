import { AuditLog, entryHash, type AuditEntry, type AuditVerification } from '../actions/auditLog.js';
import type { Clock } from '../clock.js';
import { TandemError } from '../errors.js';
import type { Database } from '../store/database.js';
import { fileStamp } from './fileStamp.js';
import { readableRows, tableExists } from './tableRows.js';

export const CONVERSATION_EXPORT_FORMAT = 'tandem.conversation-export/1';

export interface ConversationExport {
  readonly format: typeof CONVERSATION_EXPORT_FORMAT;
  readonly exportedAt: number;
  readonly conversation: Record<string, unknown>;
  readonly messages: Record<string, unknown>[];
  readonly assistResults: Record<string, unknown>[];
  readonly actions: Array<Record<string, unknown> & { executions: Record<string, unknown>[] }>;
  readonly escalations: Record<string, unknown>[];
  readonly tickets: Record<string, unknown>[];
  readonly drafts: Record<string, unknown>[];
  readonly audit: {
    /** This conversation's entries (by conversation or by one of its actions), oldest first, with their hashes. */
    readonly entries: AuditEntry[];
    /** Each exported entry's hash recomputed from its own fields and the previous hash it names. */
    readonly entriesVerified: boolean;
    /** The whole workspace chain walked from its first entry: proves no entry was removed or changed. */
    readonly chain: AuditVerification | null;
    readonly verdict: 'verified' | 'broken' | 'no audit log';
  };
}

/**
 * One conversation with everything that happened in it, for a complaint, a legal request or an auditor:
 * the messages, each assist result, the actions with their decisions and results, escalations, tickets,
 * drafts, and the audit entries with their hashes and a verdict on the chain.
 */
export function exportConversation(db: Database, workspaceId: string, conversationId: string, clock: Clock): ConversationExport {
  const conversation = db.prepare('SELECT * FROM conversations WHERE id = ? AND workspace_id = ?').get(conversationId, workspaceId) as
    | Record<string, unknown>
    | undefined;
  if (!conversation) throw new TandemError('E_NOT_FOUND', `Conversation ${conversationId} does not exist.`);
  const byConversation = (table: string, order: string): Record<string, unknown>[] =>
    tableExists(db, table)
      ? readableRows(db.prepare(`SELECT * FROM ${table} WHERE conversation_id = ? ORDER BY ${order}`).all(conversationId) as Record<string, unknown>[])
      : [];

  const actions = byConversation('actions', 'created_at, id').map((action): Record<string, unknown> & { executions: Record<string, unknown>[] } => ({
    ...action,
    executions: readableRows(db.prepare('SELECT * FROM action_executions WHERE action_id = ? ORDER BY started_at').all(action['id']) as Record<string, unknown>[]),
  }));

  return {
    format: CONVERSATION_EXPORT_FORMAT,
    exportedAt: clock.now(),
    conversation: readableRows([conversation])[0] ?? conversation,
    messages: byConversation('messages', 'seq'),
    assistResults: byConversation('assist_results', 'created_at, message_id'),
    actions,
    escalations: byConversation('escalations', 'created_at'),
    tickets: byConversation('tickets', 'created_at'),
    drafts: byConversation('drafts', 'created_at'),
    audit: auditSection(db, conversationId, actions.map((a) => String(a['id']))),
  };
}

function auditSection(db: Database, conversationId: string, actionIds: readonly string[]): ConversationExport['audit'] {
  if (!tableExists(db, 'audit_log')) return { entries: [], entriesVerified: true, chain: null, verdict: 'no audit log' };
  const log = new AuditLog(db, { now: () => 0 });
  const bySeq = new Map<number, AuditEntry>();
  for (const entry of log.list({ conversationId, limit: 1_000_000 })) bySeq.set(entry.seq, entry);
  for (const actionId of actionIds) for (const entry of log.list({ actionId, limit: 1_000_000 })) bySeq.set(entry.seq, entry);
  const entries = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const entriesVerified = entries.every(({ hash, prevHash, ...body }) => entryHash(prevHash, body) === hash);
  const chain = log.verify();
  return { entries, entriesVerified, chain, verdict: chain.ok && entriesVerified ? 'verified' : 'broken' };
}

export function conversationExportFileName(conversationId: string, at: number): string {
  return `tandem-conversation-${conversationId.replace(/[^A-Za-z0-9_-]/g, '_')}-${fileStamp(at)}.json`;
}
