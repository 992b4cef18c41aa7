import type { Database } from '../store/database.js';
import type { ActionStatus } from './actionTypes.js';

export interface ActionRow {
  id: string;
  workspace_id: string;
  conversation_id: string;
  tool: string;
  args_json: string;
  status: ActionStatus;
  why: string;
  idempotency_key: string;
  result_json: string | null;
  error_code: string | null;
  error_message: string | null;
  decided_by: string | null;
  supervisor: string | null;
  decision_note: string | null;
  supervisor_ticket_id: string | null;
  /** Choices, stated amount and hold of a proposal (actionProposal.ts); null for hand-added actions. */
  proposal_json: string | null;
  created_at: number;
  updated_at: number;
}

export interface ExecutionRow {
  idempotency_key: string;
  action_id: string;
  state: 'sent' | 'recorded' | 'failed';
  result_json: string | null;
}

/** SQL for actions and their executions. The service owns the rules and the transactions. */
export class ActionRepository {
  constructor(private readonly db: Database) {}

  insert(row: Pick<ActionRow, 'id' | 'workspace_id' | 'conversation_id' | 'tool' | 'args_json' | 'status' | 'why' | 'idempotency_key' | 'proposal_json' | 'created_at'>): void {
    this.db
      .prepare(
        `INSERT INTO actions (id, workspace_id, conversation_id, tool, args_json, status, why, idempotency_key, proposal_json, created_at, updated_at)
         VALUES (@id, @workspace_id, @conversation_id, @tool, @args_json, @status, @why, @idempotency_key, @proposal_json, @created_at, @created_at)`,
      )
      .run(row);
  }

  get(id: string): ActionRow | undefined {
    return this.db.prepare(`SELECT * FROM actions WHERE id = ?`).get(id) as ActionRow | undefined;
  }

  byConversation(conversationId: string): ActionRow[] {
    return this.db.prepare(`SELECT * FROM actions WHERE conversation_id = ? ORDER BY created_at, rowid`).all(conversationId) as ActionRow[];
  }

  open(workspaceId: string, limit: number): ActionRow[] {
    return this.db
      .prepare(`SELECT * FROM actions WHERE workspace_id = ? AND status IN ('proposed', 'awaiting_supervisor', 'running') ORDER BY created_at, rowid LIMIT ?`)
      .all(workspaceId, limit) as ActionRow[];
  }

  /** Moves an action only if it is still in one of the expected states: two approvals cannot both win. */
  transition(id: string, from: readonly ActionStatus[], to: ActionStatus, fields: Partial<Pick<ActionRow, 'args_json' | 'result_json' | 'error_code' | 'error_message' | 'decided_by' | 'supervisor' | 'decision_note' | 'supervisor_ticket_id'>>, now: number): boolean {
    const sets = Object.keys(fields).map((k) => `${k} = @${k}`);
    const placeholders = from.map((_, i) => `@from${i}`).join(', ');
    const params: Record<string, unknown> = { id, to, now, ...fields };
    from.forEach((s, i) => (params[`from${i}`] = s));
    const info = this.db
      .prepare(`UPDATE actions SET status = @to, updated_at = @now${sets.length ? `, ${sets.join(', ')}` : ''} WHERE id = @id AND status IN (${placeholders})`)
      .run(params);
    return info.changes === 1;
  }

  setArgs(id: string, argsJson: string, now: number): void {
    this.db.prepare(`UPDATE actions SET args_json = ?, updated_at = ? WHERE id = ?`).run(argsJson, now, id);
  }

  /** A proposal revised by a later message, or a hold lifted by the agent's decision. */
  setProposal(id: string, fields: Pick<ActionRow, 'args_json' | 'why' | 'proposal_json'>, now: number): void {
    this.db.prepare(`UPDATE actions SET args_json = ?, why = ?, proposal_json = ?, updated_at = ? WHERE id = ?`).run(fields.args_json, fields.why, fields.proposal_json, now, id);
  }

  setTicket(id: string, ticketId: string, now: number): void {
    this.db.prepare(`UPDATE actions SET supervisor_ticket_id = ?, updated_at = ? WHERE id = ?`).run(ticketId, now, id);
  }

  execution(key: string): ExecutionRow | undefined {
    return this.db.prepare(`SELECT * FROM action_executions WHERE idempotency_key = ?`).get(key) as ExecutionRow | undefined;
  }

  /** The intent record: inserted before the effect; the primary key refuses a second one for the same key. */
  recordSent(row: { key: string; actionId: string; workspaceId: string; tool: string; argsJson: string; now: number }): void {
    this.db
      .prepare(`INSERT INTO action_executions (idempotency_key, action_id, workspace_id, tool, args_json, state, started_at) VALUES (?, ?, ?, ?, ?, 'sent', ?)`)
      .run(row.key, row.actionId, row.workspaceId, row.tool, row.argsJson, row.now);
  }

  recordOutcome(key: string, state: 'recorded' | 'failed', resultJson: string | null, now: number): void {
    this.db.prepare(`UPDATE action_executions SET state = ?, result_json = ?, finished_at = ? WHERE idempotency_key = ?`).run(state, resultJson, now, key);
  }
}
