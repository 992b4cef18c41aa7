import type { Database } from '../store/database.js';
import type { DraftStats, MetricsFilter } from './types.js';

/**
 * Draft outcomes are recorded by drafting in its own `drafts` table (one row per draft with its
 * conversation, outcome, edit distance and time to send). Metrics only reads it, and only when it is
 * there: before drafting ships, or on an older database, every draft figure is null rather than 0.
 * Outcomes counted: accepted (sent as is), edited (sent after an edit); discarded/regenerated drafts
 * count in the denominator.
 */
const ACCEPTED = ['accepted', 'sent', 'sent_as_is'];
const EDITED = ['edited', 'sent_edited'];

export function draftTableShape(db: Database): { outcome: boolean; editDistance: boolean; conversation: boolean; createdAt: boolean } | null {
  const columns = db.prepare(`SELECT name FROM pragma_table_info('drafts')`).all() as { name: string }[];
  if (columns.length === 0) return null;
  const names = new Set(columns.map((c) => c.name));
  return { outcome: names.has('outcome'), editDistance: names.has('edit_distance'), conversation: names.has('conversation_id'), createdAt: names.has('created_at') };
}

export const NO_DRAFTS: DraftStats = { drafts: 0, acceptanceRate: null, editRate: null, meanEditDistance: null };

export function draftStats(db: Database, workspaceId: string, filter: MetricsFilter, filtered: boolean): DraftStats {
  const shape = draftTableShape(db);
  if (!shape || !shape.outcome || !shape.conversation || !shape.createdAt) return NO_DRAFTS;
  const inList = (values: string[]): string => values.map((v) => `'${v}'`).join(', ');
  const scope = filtered
    ? `JOIN conversation_metrics cm ON cm.conversation_id = d.conversation_id WHERE cm.workspace_id = ? AND cm.started_at >= ? AND cm.started_at < ?
       ${filter.agent !== undefined ? 'AND cm.agent = ?' : ''} ${filter.intent !== undefined ? 'AND cm.intent = ?' : ''} ${filter.queue !== undefined ? 'AND cm.queue = ?' : ''}`
    : `JOIN conversations c ON c.id = d.conversation_id WHERE c.workspace_id = ? AND d.created_at >= ? AND d.created_at < ?`;
  const params: unknown[] = [workspaceId, filter.from, filter.to];
  if (filtered) for (const v of [filter.agent, filter.intent, filter.queue]) if (v !== undefined) params.push(v);
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n,
              SUM(d.outcome IN (${inList(ACCEPTED)})) AS accepted,
              SUM(d.outcome IN (${inList(EDITED)})) AS edited,
              ${shape.editDistance ? `AVG(CASE WHEN d.outcome IN (${inList(EDITED)}) THEN d.edit_distance END)` : 'NULL'} AS mean_edit
       FROM drafts d ${scope} AND d.outcome IS NOT NULL`,
    )
    .get(...params) as { n: number; accepted: number | null; edited: number | null; mean_edit: number | null };
  if (row.n === 0) return NO_DRAFTS;
  return {
    drafts: row.n,
    acceptanceRate: (row.accepted ?? 0) / row.n,
    editRate: (row.edited ?? 0) / row.n,
    meanEditDistance: row.mean_edit,
  };
}
