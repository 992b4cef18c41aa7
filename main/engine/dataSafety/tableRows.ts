import type { Database } from '../store/database.js';

export function tableExists(db: Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/** Rows as plain objects with snake_case keys kept and *_json columns parsed, for a faithful export. */
export function readableRows(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key.endsWith('_json') && typeof value === 'string') {
        try {
          out[key.slice(0, -5)] = JSON.parse(value) as unknown;
          continue;
        } catch {
          // kept as text below: an export never drops a field it cannot parse
        }
      }
      out[key] = value;
    }
    return out;
  });
}
