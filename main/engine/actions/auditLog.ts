import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../store/database.js';
import { canonicalJson } from './canonicalJson.js';
import { redactFreeText } from '../dataSafety/auditRedaction.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditKind =
  | 'customer.lookup'
  | 'customer.verified'
  | 'action.proposed'
  | 'action.approved'
  | 'action.edited'
  /** A later customer message changed an open proposal the agent had not edited (items named, request taken back). */
  | 'action.revised'
  /** The agent decided on a held card with their own arguments. */
  | 'action.hold_lifted'
  | 'action.rejected'
  | 'action.refused'
  | 'action.awaiting_supervisor'
  | 'action.executed'
  | 'action.failed'
  | 'supervisor.pin_set'
  | 'supervisor.pin_rejected'
  /** A supervisor profile was created (by an administrator's `tandem supervisor set`, or by an existing supervisor). */
  | 'supervisor.created'
  | 'supervisor.pin_changed'
  | 'supervisor.removed'
  /** Too many wrong PINs: the supervisor, or the action, is locked for a while. */
  | 'supervisor.locked_out'
  /** The agent sent a data-changing action to a supervisor (it waits on the Approvals screen). */
  | 'action.supervisor_requested'
  /** The agent checked a second identity factor (zip, or an order id) against the verified account; data says whether it matched. */
  | 'customer.second_factor'
  /** The agent's display name (Settings → Profile), which every later decision is recorded under. */
  | 'profile.renamed'
  /** A workspace security setting changed (e.g. the second factor before money moves). */
  | 'settings.security'
  | 'ticket.opened'
  /** A draft sent although the quality gate had a blocking finding open (the agent's explicit override). */
  | 'draft.override'
  /** Conversations older than the retention period were deleted; the entry holds counts, never customer text. */
  | 'retention.purge'
  /** The database was replaced by a backup from inside the app; written into the restored database's chain. */
  | 'backup.restored';

export interface AuditEntryInput {
  readonly workspaceId: string;
  readonly actor: string;
  /** The supervisor who signed off, kept apart from the agent so neither can be read into the other. */
  readonly supervisor?: string | null;
  readonly kind: AuditKind;
  readonly conversationId?: string | null;
  readonly actionId?: string | null;
  readonly data?: Record<string, unknown>;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: number;
  readonly workspaceId: string;
  readonly actor: string;
  /** Present only on entries a supervisor signed off (older entries hash without the field). */
  readonly supervisor?: string;
  readonly kind: string;
  readonly conversationId: string | null;
  readonly actionId: string | null;
  readonly data: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly lastHash: string }
  | { readonly ok: false; readonly entries: number; readonly brokenSeq: number; readonly reason: string };

interface AuditRow {
  seq: number;
  at: number;
  workspace_id: string;
  actor: string;
  supervisor: string | null;
  kind: string;
  conversation_id: string | null;
  action_id: string | null;
  data_json: string;
  prev_hash: string;
  hash: string;
}

/** What the hash covers: every field of the entry except its own hash. */
export function entryHash(prevHash: string, entry: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

/**
 * Append-only, hash-chained record of every proposal, decision and result. Appends run inside the
 * caller's transaction when there is one, so an action's effect and its audit entry commit together.
 * The table's triggers refuse UPDATE and DELETE; `verify` catches edits made by other means.
 */
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  append(input: AuditEntryInput): AuditEntry {
    const write = this.db.transaction((): AuditEntry => {
      const last = this.db.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as
        | { seq: number; hash: string }
        | undefined;
      const body = {
        seq: (last?.seq ?? 0) + 1,
        at: this.clock.now(),
        workspaceId: input.workspaceId,
        actor: input.actor,
        ...(input.supervisor ? { supervisor: input.supervisor } : {}),
        kind: input.kind,
        conversationId: input.conversationId ?? null,
        actionId: input.actionId ?? null,
        // Free text (a refund reason is the customer's words) is kept as a hash: this log outlives the retention purge.
        data: JSON.parse(canonicalJson(redactFreeText(input.data ?? {}))) as Record<string, unknown>,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = entryHash(prevHash, body);
      // The supervisor column (migration 0009) is written only when there is one, so older schemas still append.
      const [column, placeholder, supervisor] = input.supervisor ? [', supervisor', ', ?', [input.supervisor]] : ['', '', []];
      this.db
        .prepare(
          `INSERT INTO audit_log (seq, at, workspace_id, actor${column}, kind, conversation_id, action_id, data_json, prev_hash, hash)
           VALUES (?, ?, ?, ?${placeholder}, ?, ?, ?, ?, ?, ?)`,
        )
        .run(body.seq, body.at, body.workspaceId, body.actor, ...supervisor, body.kind, body.conversationId, body.actionId,
          canonicalJson(body.data), prevHash, hash);
      return { ...body, prevHash, hash };
    });
    return this.db.inTransaction ? write() : write.immediate();
  }

  list(filter: { workspaceId?: string; conversationId?: string; actionId?: string; limit?: number } = {}): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_log
         WHERE (@workspaceId IS NULL OR workspace_id = @workspaceId)
           AND (@conversationId IS NULL OR conversation_id = @conversationId)
           AND (@actionId IS NULL OR action_id = @actionId)
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({
        workspaceId: filter.workspaceId ?? null,
        conversationId: filter.conversationId ?? null,
        actionId: filter.actionId ?? null,
        limit: filter.limit ?? 500,
      }) as AuditRow[];
    return rows.map(toEntry);
  }

  /** Walks the whole chain in order and names the first entry whose link or content does not check out. */
  verify(): AuditVerification {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (const row of this.db.prepare(`SELECT * FROM audit_log ORDER BY seq`).iterate() as Iterable<AuditRow>) {
      count += 1;
      if (row.seq !== expectedSeq) {
        return { ok: false, entries: count, brokenSeq: row.seq, reason: `entry ${expectedSeq} is missing before entry ${row.seq}` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, entries: count, brokenSeq: row.seq, reason: `entry ${row.seq} does not link to the hash of entry ${row.seq - 1}` };
      }
      let entry: AuditEntry;
      try {
        entry = toEntry(row);
      } catch {
        return { ok: false, entries: count, brokenSeq: row.seq, reason: `entry ${row.seq} holds unreadable data` };
      }
      const { hash: _hash, prevHash: _prev, ...body } = entry;
      if (entryHash(prevHash, body) !== row.hash) {
        return { ok: false, entries: count, brokenSeq: row.seq, reason: `entry ${row.seq} was changed after it was written` };
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    return { ok: true, entries: count, lastHash: prevHash };
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    workspaceId: row.workspace_id,
    actor: row.actor,
    ...(row.supervisor ? { supervisor: row.supervisor } : {}),
    kind: row.kind,
    conversationId: row.conversation_id,
    actionId: row.action_id,
    data: JSON.parse(row.data_json) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
