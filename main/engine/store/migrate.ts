import type { Database } from 'better-sqlite3-multiple-ciphers';
import { TandemError } from '../errors.js';
import type { Migration } from './migration.js';

export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly string[];
}

/**
 * Applies every migration above `PRAGMA user_version`, each inside its own transaction, so a failure
 * leaves the database at the last version that succeeded. A database newer than the code is refused:
 * an older Tandem must never write to a schema it does not understand.
 */
export function migrate(db: Database, migrations: readonly Migration[]): MigrationReport {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const from = assertNotNewer(db, migrations);
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    const apply = db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      throw new TandemError(
        'E_DB_MIGRATION',
        `Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}.`,
      );
    }
    applied.push(`${String(migration.version).padStart(4, '0')}_${migration.name}`);
  }
  return { from, to: Math.max(from, latest), applied };
}

/**
 * Refuses a schema newer than the code and returns the current version. Reading user_version writes
 * nothing, so callers run this before any pragma that rewrites the file header (journal_mode = WAL).
 */
export function assertNotNewer(db: Database, migrations: readonly Migration[]): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new TandemError('E_DB_NEWER', `Database schema version ${current} is newer than this build (${latest}).`);
  }
  return current;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration list is broken: entry ${index} has version ${migration.version}, expected ${index + 1}.`);
    }
  });
}
