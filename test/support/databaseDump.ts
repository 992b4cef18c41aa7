import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Every row of every stored table in a stable order: "nothing changed" means two dumps are equal.
 * Virtual tables (FTS5, vec0) are skipped; their shadow tables hold the same data and are dumped.
 */
export function dumpDatabase(db: Database): Record<string, unknown[]> {
  const tables = (
    db
      .prepare(
        `SELECT name FROM sqlite_master
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
         ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
  return Object.fromEntries(
    tables.map((table) => {
      const columns = (db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info(?)`).get(table) as { n: number }).n;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      return [table, db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).all()];
    }),
  );
}
