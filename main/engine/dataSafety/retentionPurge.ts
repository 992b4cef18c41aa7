import type { AuditLog } from '../actions/auditLog.js';
import type { Database } from '../store/database.js';
import { tableExists } from './tableRows.js';

const DAY_MS = 86_400_000;

export interface PurgeOptions {
  readonly workspaceId: string;
  readonly olderThanDays: number;
  readonly now: number;
  readonly dryRun: boolean;
  readonly actor: string;
  /** Rebuild the file afterwards so freed pages are gone from disk too (slower on a big workspace). */
  readonly vacuum?: boolean;
}

export interface PurgeReport {
  readonly dryRun: boolean;
  readonly olderThanDays: number;
  /** Conversations whose last activity is before this instant (ms since the epoch) are purged. */
  readonly cutoff: number;
  readonly conversations: number;
  readonly messages: number;
  /** Rows deleted per table, cascades included (on a dry run: rows that would be deleted). */
  readonly rowsByTable: Readonly<Record<string, number>>;
  readonly auditSeq: number | null;
  readonly vacuumed: boolean;
}

/**
 * Deletes the customer data of conversations older than the retention period: the conversations and
 * every row that names them or one of their messages, in any table (found from the schema, so a table
 * added later is covered without touching this file), inside one transaction with SQLite's secure_delete
 * on so freed pages are zeroed. The audit log is the exception by design: it is append-only and
 * hash-chained, keeps the record of who approved what, and holds identifiers and structured action
 * arguments but free text only as a hash (auditRedaction.ts). A 'retention.purge' entry records the
 * counts. The embedded shop's commerce_changes rows are the shop's own record and stay, minus the
 * customer's words in a refund reason.
 */
export function purgeConversations(db: Database, audit: AuditLog | null, options: PurgeOptions): PurgeReport {
  const cutoff = options.now - options.olderThanDays * DAY_MS;
  const byConversation = tablesWithColumn(db, 'conversation_id');
  const byMessage = tablesWithColumn(db, 'message_id').filter((table) => !byConversation.includes(table));
  const byAction = tablesWithColumn(db, 'action_id').filter((table) => !byConversation.includes(table) && !byMessage.includes(table));

  const run = (): PurgeReport => {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS purge_conversations (id TEXT PRIMARY KEY);
             CREATE TEMP TABLE IF NOT EXISTS purge_messages (id TEXT PRIMARY KEY);
             CREATE TEMP TABLE IF NOT EXISTS purge_actions (id TEXT PRIMARY KEY);
             DELETE FROM purge_conversations; DELETE FROM purge_messages; DELETE FROM purge_actions;`);
    db.prepare(
      `INSERT INTO purge_conversations (id)
       SELECT id FROM conversations
       WHERE workspace_id = ? AND MAX(created_at, updated_at, COALESCE(last_message_at, 0)) < ?`,
    ).run(options.workspaceId, cutoff);
    db.exec(`INSERT INTO purge_messages (id) SELECT id FROM messages WHERE conversation_id IN (SELECT id FROM purge_conversations)`);
    if (tableExists(db, 'actions')) {
      db.exec(`INSERT INTO purge_actions (id) SELECT id FROM actions WHERE conversation_id IN (SELECT id FROM purge_conversations)`);
    }
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    const conversations = count('SELECT COUNT(*) AS n FROM purge_conversations');
    const messages = count('SELECT COUNT(*) AS n FROM purge_messages');

    const rowsByTable: Record<string, number> = {};
    const plan: Array<{ table: string; where: string }> = [
      ...byMessage.map((table) => ({ table, where: `message_id IN (SELECT id FROM purge_messages)` })),
      ...byAction.map((table) => ({ table, where: `action_id IN (SELECT id FROM purge_actions)` })),
      // Children before parents, the conversations table last: its cascades then find nothing left to do.
      ...byConversation.filter((t) => t !== 'messages').map((table) => ({ table, where: `conversation_id IN (SELECT id FROM purge_conversations)` })),
      { table: 'messages', where: `id IN (SELECT id FROM purge_messages)` },
      { table: 'conversations', where: `id IN (SELECT id FROM purge_conversations)` },
    ];
    // The embedded shop's change log is the commerce record (kept), but a refund's reason is the customer's words.
    if (tableExists(db, 'commerce_changes') && tableExists(db, 'actions')) {
      const linked = `json_extract(details_json, '$.reason') IS NOT NULL AND json_extract(details_json, '$.idempotency_key') IN
        (SELECT idempotency_key FROM actions WHERE id IN (SELECT id FROM purge_actions))`;
      const n = count(`SELECT COUNT(*) AS n FROM commerce_changes WHERE ${linked}`);
      if (n > 0) rowsByTable['commerce_changes (reason text removed)'] = n;
      if (!options.dryRun && n > 0) db.prepare(`UPDATE commerce_changes SET details_json = json_set(details_json, '$.reason', '[removed by retention purge]') WHERE ${linked}`).run();
    }
    for (const { table, where } of plan) {
      const n = count(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`);
      if (n > 0) rowsByTable[table] = n;
      if (!options.dryRun && n > 0) db.prepare(`DELETE FROM "${table}" WHERE ${where}`).run();
    }
    let auditSeq: number | null = null;
    if (!options.dryRun && audit && conversations > 0) {
      auditSeq = audit.append({
        workspaceId: options.workspaceId,
        actor: options.actor,
        kind: 'retention.purge',
        data: { olderThanDays: options.olderThanDays, cutoff, conversations, messages, rowsByTable },
      }).seq;
    }
    db.exec('DELETE FROM purge_conversations; DELETE FROM purge_messages; DELETE FROM purge_actions;');
    return { dryRun: options.dryRun, olderThanDays: options.olderThanDays, cutoff, conversations, messages, rowsByTable, auditSeq, vacuumed: false };
  };

  const previousSecureDelete = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  let report: PurgeReport;
  try {
    report = db.transaction(run).immediate();
  } finally {
    db.pragma(`secure_delete = ${previousSecureDelete}`);
  }
  if (options.dryRun || !options.vacuum || report.conversations === 0) return report;
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { ...report, vacuumed: true };
}

/** Ordinary tables with a column of that name, audit_log excluded (it is append-only; see above). */
function tablesWithColumn(db: Database, column: string): string[] {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
    .all() as Array<{ name: string }>;
  return tables
    .filter(({ name }) => (db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(name, column)) !== undefined)
    .map(({ name }) => name);
}
