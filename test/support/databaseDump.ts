import type { Database } from 'better-sqlite3';

/** Every row of every user table in a stable order: "nothing changed" means two dumps are equal. */
export function dumpDatabase(db: Database): Record<string, unknown[]> {
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  ).map((r) => r.name);
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));
}
