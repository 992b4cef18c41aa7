import type { Database } from '../../store/database.js';

/** Wrong PINs in a row (since the last right one) that lock a supervisor, or an action, out. */
export const MAX_WRONG_PINS = 5;
/** The first lockout; each further wrong PIN after one doubles it, up to LOCKOUT_MAX_MS. */
export const LOCKOUT_BASE_MS = 5 * 60_000;
export const LOCKOUT_MAX_MS = 60 * 60_000;
/** Wrong PINs older than this no longer count (a typo a day never adds up to a lockout). */
export const WRONG_PIN_MEMORY_MS = 24 * 60 * 60_000;

export type LockKey = { readonly supervisor: string } | { readonly actionId: string };

export interface LockState {
  readonly wrongPins: number;
  /** Until when no PIN is checked for this key (epoch ms), or null when it is not locked. */
  readonly lockedUntil: number | null;
}

export interface Lockout {
  readonly supervisor: string | null;
  readonly actionId: string | null;
  readonly wrongPins: number;
  readonly lockedUntil: number;
}

/** How long the key stays locked after its latest wrong PIN, given how many there were in a row. */
export function lockoutMs(wrongPins: number): number {
  if (wrongPins < MAX_WRONG_PINS) return 0;
  return Math.min(LOCKOUT_MAX_MS, LOCKOUT_BASE_MS * 2 ** (wrongPins - MAX_WRONG_PINS));
}

/**
 * Counts PIN attempts per supervisor and per action, in the database so that a restart does not reset
 * them. Five wrong PINs in a row lock the supervisor (for every action) and the action (for every
 * supervisor) for 5 minutes; each wrong PIN after a lockout ends doubles it, up to an hour. A locked
 * key's PIN is not checked at all, so guessing every 4-digit PIN takes months instead of minutes.
 */
export class PinLockout {
  constructor(private readonly db: Database) {}

  state(workspaceId: string, key: LockKey, now: number): LockState {
    const [column, value] = 'supervisor' in key ? ['supervisor', key.supervisor] : ['action_id', key.actionId];
    const rows = this.db
      .prepare(
        `SELECT at FROM supervisor_pin_attempts
         WHERE workspace_id = ? AND ${column} = ? AND ok = 0 AND at > ?
           AND at > COALESCE((SELECT MAX(at) FROM supervisor_pin_attempts WHERE workspace_id = ? AND ${column} = ? AND ok = 1), 0)
         ORDER BY at DESC`,
      )
      .all(workspaceId, value, now - WRONG_PIN_MEMORY_MS, workspaceId, value) as { at: number }[];
    const latest = rows[0]?.at;
    if (latest === undefined || rows.length < MAX_WRONG_PINS) return { wrongPins: rows.length, lockedUntil: null };
    const until = latest + lockoutMs(rows.length);
    return { wrongPins: rows.length, lockedUntil: until > now ? until : null };
  }

  record(workspaceId: string, supervisor: string, actionId: string | null, ok: boolean, now: number): void {
    this.db
      .prepare(`INSERT INTO supervisor_pin_attempts (workspace_id, supervisor, action_id, at, ok) VALUES (?, ?, ?, ?, ?)`)
      .run(workspaceId, supervisor, actionId, now, ok ? 1 : 0);
    this.db.prepare(`DELETE FROM supervisor_pin_attempts WHERE at < ?`).run(now - 7 * WRONG_PIN_MEMORY_MS);
  }

  /** Every supervisor and action locked now, for the Approvals screen's alert. */
  active(workspaceId: string, now: number): Lockout[] {
    const keys = this.db
      .prepare(
        `SELECT DISTINCT supervisor, action_id FROM supervisor_pin_attempts WHERE workspace_id = ? AND ok = 0 AND at > ?`,
      )
      .all(workspaceId, now - WRONG_PIN_MEMORY_MS) as { supervisor: string; action_id: string | null }[];
    const out: Lockout[] = [];
    const seen = new Set<string>();
    const consider = (key: LockKey, id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      const state = this.state(workspaceId, key, now);
      if (state.lockedUntil === null) return;
      out.push({
        supervisor: 'supervisor' in key ? key.supervisor : null,
        actionId: 'actionId' in key ? key.actionId : null,
        wrongPins: state.wrongPins,
        lockedUntil: state.lockedUntil,
      });
    };
    for (const k of keys) {
      consider({ supervisor: k.supervisor }, `s:${k.supervisor}`);
      if (k.action_id) consider({ actionId: k.action_id }, `a:${k.action_id}`);
    }
    return out;
  }

  /** An admin resetting a supervisor's PIN (tandem supervisor set) lifts their lockout. */
  clear(workspaceId: string, supervisor: string, now: number): void {
    this.record(workspaceId, supervisor, null, true, now);
  }
}
