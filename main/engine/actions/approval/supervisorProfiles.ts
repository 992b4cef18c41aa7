import type { Clock } from '../../clock.js';
import type { Database } from '../../store/database.js';
import { hashPin } from './pinHash.js';

export interface SupervisorProfile {
  readonly name: string;
  readonly pinHash: string;
}

/**
 * Local supervisor profiles: a name and a PIN hash (the PIN itself is never stored or logged). Storage
 * only: who may create or change a profile, and how a PIN is checked, is the approval authority's rule.
 */
export class SupervisorProfiles {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  list(workspaceId: string): string[] {
    return (this.db.prepare(`SELECT name FROM supervisors WHERE workspace_id = ? ORDER BY name`).all(workspaceId) as { name: string }[]).map((r) => r.name);
  }

  get(workspaceId: string, name: string): SupervisorProfile | null {
    const row = this.db.prepare(`SELECT name, pin_hash FROM supervisors WHERE workspace_id = ? AND name = ?`).get(workspaceId, name) as
      | { name: string; pin_hash: string }
      | undefined;
    return row ? { name: row.name, pinHash: row.pin_hash } : null;
  }

  /** Inserts a profile, or replaces its PIN hash. The hash is computed off the event loop before the write. */
  async save(workspaceId: string, name: string, pin: string): Promise<void> {
    const hash = await hashPin(pin);
    const now = this.clock.now();
    this.db
      .prepare(
        `INSERT INTO supervisors (workspace_id, name, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, name) DO UPDATE SET pin_hash = excluded.pin_hash, updated_at = excluded.updated_at`,
      )
      .run(workspaceId, name, hash, now, now);
  }

  remove(workspaceId: string, name: string): boolean {
    return this.db.prepare(`DELETE FROM supervisors WHERE workspace_id = ? AND name = ?`).run(workspaceId, name).changes === 1;
  }
}
