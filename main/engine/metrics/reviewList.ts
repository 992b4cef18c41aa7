import type { AssistResult } from '../assist/types.js';
import type { Database } from '../store/database.js';
import { draftTableShape } from './draftStats.js';

export const REVIEW_CAUSES = ['missing_knowledge', 'action_rejected', 'low_intent_confidence', 'bad_tone', 'other'] as const;
export type ReviewCause = (typeof REVIEW_CAUSES)[number];

export const CAUSE_LABELS: Readonly<Record<ReviewCause, string>> = {
  missing_knowledge: 'Missing knowledge',
  action_rejected: 'Wrong tool or action rejected',
  low_intent_confidence: 'Low intent confidence',
  bad_tone: 'Bad tone flagged',
  other: 'Other reasons',
};

export interface ReviewItem {
  readonly kind: 'escalation' | 'rejected_action' | 'rejected_draft';
  readonly conversationId: string;
  readonly subject: string;
  readonly customerRef: string | null;
  readonly at: number;
  /** The cause it is grouped under (the first that applies, in REVIEW_CAUSES order). */
  readonly cause: ReviewCause;
  /** Every cause that applies. */
  readonly causes: readonly ReviewCause[];
  /** What happened, in a sentence: the escalation reason, the rejected tool and note, the draft outcome. */
  readonly detail: string;
}

export interface ReviewGroup {
  readonly cause: ReviewCause;
  readonly label: string;
  readonly items: readonly ReviewItem[];
}

/**
 * The weekly review: escalations, rejected actions and rejected drafts in the range, grouped by what
 * most likely went wrong, so the lead fixes the knowledge base, the tools, the taxonomy or the tone.
 */
export function reviewList(db: Database, workspaceId: string, range: { from: number; to: number }, goodEvidenceScore: number): ReviewGroup[] {
  const signals = new ConversationSignals(db, goodEvidenceScore);
  const items: ReviewItem[] = [];

  const escalations = db
    .prepare(
      `SELECT e.conversation_id, e.packet_json, e.created_at, c.subject, c.customer_ref FROM escalations e JOIN conversations c ON c.id = e.conversation_id
       WHERE c.workspace_id = ? AND e.created_at >= ? AND e.created_at < ? ORDER BY e.created_at DESC`,
    )
    .all(workspaceId, range.from, range.to) as { conversation_id: string; packet_json: string; created_at: number; subject: string; customer_ref: string | null }[];
  for (const e of escalations) {
    const causes = signals.causes(e.conversation_id);
    const reason = safeReason(e.packet_json);
    items.push(item('escalation', e, causes, reason ? `Escalated: ${reason}` : 'Escalated to a human'));
  }

  const rejected = db
    .prepare(
      `SELECT a.conversation_id, a.tool, a.decision_note, a.updated_at AS created_at, c.subject, c.customer_ref FROM actions a
       JOIN conversations c ON c.id = a.conversation_id
       WHERE a.workspace_id = ? AND a.status = 'rejected' AND a.updated_at >= ? AND a.updated_at < ? ORDER BY a.updated_at DESC`,
    )
    .all(workspaceId, range.from, range.to) as { conversation_id: string; tool: string; decision_note: string | null; created_at: number; subject: string; customer_ref: string | null }[];
  for (const a of rejected) {
    const causes: ReviewCause[] = ['action_rejected', ...signals.causes(a.conversation_id).filter((c) => c !== 'action_rejected')];
    items.push(item('rejected_action', a, causes, `Rejected ${a.tool}${a.decision_note ? `: ${a.decision_note}` : ''}`));
  }

  for (const d of rejectedDrafts(db, workspaceId, range)) {
    const causes: ReviewCause[] = [...(d.toneFlagged ? (['bad_tone'] as const) : []), ...signals.causes(d.conversation_id).filter((c) => c !== 'bad_tone')];
    items.push(item('rejected_draft', d, causes, `Draft ${d.outcome}`));
  }

  return REVIEW_CAUSES.map((cause) => ({ cause, label: CAUSE_LABELS[cause], items: items.filter((i) => i.cause === cause) })).filter((g) => g.items.length > 0);
}

function item(
  kind: ReviewItem['kind'],
  row: { conversation_id: string; subject: string; customer_ref: string | null; created_at: number },
  causes: ReviewCause[],
  detail: string,
): ReviewItem {
  const ordered = REVIEW_CAUSES.filter((c) => causes.includes(c));
  const primary: ReviewCause = kind === 'rejected_action' ? 'action_rejected' : (ordered[0] ?? 'other');
  return {
    kind,
    conversationId: row.conversation_id,
    subject: row.subject,
    customerRef: row.customer_ref,
    at: row.created_at,
    cause: primary,
    causes: ordered.length > 0 ? ordered : ['other'],
    detail,
  };
}

function safeReason(packetJson: string): string | null {
  try {
    const packet = JSON.parse(packetJson) as { reason?: unknown };
    return typeof packet.reason === 'string' && packet.reason ? packet.reason : null;
  } catch {
    return null;
  }
}

/** What the stored assist results, actions and drafts say about one conversation, computed once. */
class ConversationSignals {
  private readonly cache = new Map<string, ReviewCause[]>();
  constructor(
    private readonly db: Database,
    private readonly goodEvidenceScore: number,
  ) {}

  causes(conversationId: string): ReviewCause[] {
    const cached = this.cache.get(conversationId);
    if (cached) return cached;
    const results = (
      this.db.prepare(`SELECT result_json FROM assist_results WHERE conversation_id = ?`).all(conversationId) as { result_json: string }[]
    ).flatMap((r) => {
      try {
        return [JSON.parse(r.result_json) as AssistResult];
      } catch {
        return [];
      }
    });
    const causes: ReviewCause[] = [];
    if (results.some((r) => !hasGoodEvidence(r, this.goodEvidenceScore))) causes.push('missing_knowledge');
    if (this.db.prepare(`SELECT 1 FROM actions WHERE conversation_id = ? AND status = 'rejected' LIMIT 1`).get(conversationId)) causes.push('action_rejected');
    if (results.some((r) => r.routing?.belowThreshold || r.routing?.outOfScope || r.flags.some((f) => f.trigger === 'low_confidence'))) {
      causes.push('low_intent_confidence');
    }
    if (toneFlaggedDrafts(this.db, conversationId)) causes.push('bad_tone');
    this.cache.set(conversationId, causes);
    return causes;
  }
}

/** A customer message found good evidence when its best hit reaches the score; a failed retrieval is not counted as a gap. */
export function hasGoodEvidence(result: AssistResult, goodEvidenceScore: number): boolean {
  if (result.stageErrors.some((e) => e.stage === 'retrieve')) return true;
  return result.evidence.some((hit) => hit.score >= goodEvidenceScore);
}

function toneFlaggedDrafts(db: Database, conversationId: string): boolean {
  const column = qualityColumn(db);
  if (!column) return false;
  const tone = column === 'findings_json' ? `findings_json LIKE '%"kind":"tone"%'` : `quality_json LIKE '%tone%'`;
  return db.prepare(`SELECT 1 FROM drafts WHERE conversation_id = ? AND ${tone} LIMIT 1`).get(conversationId) !== undefined;
}

function qualityColumn(db: Database): 'findings_json' | 'quality_json' | null {
  const names = (db.prepare(`SELECT name FROM pragma_table_info('drafts') WHERE name IN ('findings_json', 'quality_json')`).all() as { name: string }[]).map((r) => r.name);
  return names.includes('findings_json') ? 'findings_json' : names.includes('quality_json') ? 'quality_json' : null;
}

function rejectedDrafts(
  db: Database,
  workspaceId: string,
  range: { from: number; to: number },
): { conversation_id: string; subject: string; customer_ref: string | null; created_at: number; outcome: string; toneFlagged: boolean }[] {
  const shape = draftTableShape(db);
  if (!shape?.outcome || !shape.conversation || !shape.createdAt) return [];
  // Drafting stores the gate's findings in findings_json ({"kind":"tone",…}); quality_json is the older name.
  const column = qualityColumn(db);
  const quality = column === 'findings_json' ? `d.findings_json LIKE '%"kind":"tone"%'` : column ? `d.quality_json LIKE '%tone%'` : '0';
  return (
    db
      .prepare(
        `SELECT d.conversation_id, d.created_at, d.outcome, ${quality} AS tone, c.subject, c.customer_ref FROM drafts d
         JOIN conversations c ON c.id = d.conversation_id
         WHERE c.workspace_id = ? AND d.outcome IN ('discarded', 'rejected') AND d.created_at >= ? AND d.created_at < ? ORDER BY d.created_at DESC`,
      )
      .all(workspaceId, range.from, range.to) as { conversation_id: string; created_at: number; outcome: string; tone: number; subject: string; customer_ref: string | null }[]
  ).map((r) => ({ ...r, toneFlagged: r.tone === 1 }));
}
