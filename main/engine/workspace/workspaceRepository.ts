import type { Database } from '../store/database.js';

export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly isDemo: boolean;
  readonly createdAt: number;
}

export class WorkspaceRepository {
  constructor(private readonly db: Database) {}

  get(id: string): Workspace | null {
    const row = this.db.prepare(`SELECT * FROM workspaces WHERE id = ?`).get(id) as
      | { id: string; name: string; is_demo: number; created_at: number }
      | undefined;
    return row ? { id: row.id, name: row.name, isDemo: row.is_demo === 1, createdAt: row.created_at } : null;
  }

  list(): Workspace[] {
    return (this.db.prepare(`SELECT id FROM workspaces ORDER BY created_at`).all() as { id: string }[])
      .map((r) => this.get(r.id))
      .filter((w): w is Workspace => w !== null);
  }

  insert(workspace: Workspace): void {
    this.db
      .prepare(`INSERT INTO workspaces (id, name, is_demo, created_at) VALUES (?, ?, ?, ?)`)
      .run(workspace.id, workspace.name, workspace.isDemo ? 1 : 0, workspace.createdAt);
  }

  delete(id: string): void {
    this.db.prepare(`DELETE FROM workspaces WHERE id = ?`).run(id);
  }

  getSetting<T>(workspaceId: string, key: string): T | undefined {
    const row = this.db.prepare(`SELECT value_json FROM settings WHERE workspace_id = ? AND key = ?`).get(workspaceId, key) as
      | { value_json: string }
      | undefined;
    return row ? (JSON.parse(row.value_json) as T) : undefined;
  }

  setSetting(workspaceId: string, key: string, value: unknown, now: number): void {
    this.db
      .prepare(
        `INSERT INTO settings (workspace_id, key, value_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      )
      .run(workspaceId, key, JSON.stringify(value), now);
  }

  allSettings(workspaceId: string): Record<string, unknown> {
    const rows = this.db.prepare(`SELECT key, value_json FROM settings WHERE workspace_id = ? ORDER BY key`).all(workspaceId) as {
      key: string;
      value_json: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
  }
}
