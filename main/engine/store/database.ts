import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import * as sqliteVec from 'sqlite-vec';
import { TandemError } from '../errors.js';
import { connect, type DatabaseKey } from './connection.js';
import { assertNotNewer, migrate, type MigrationReport } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

export type { Database } from 'better-sqlite3-multiple-ciphers';

export interface OpenedDatabase {
  readonly db: Database;
  readonly migration: MigrationReport;
  /** Whether the file is encrypted at rest (opened with a key). */
  readonly encrypted: boolean;
}

/**
 * Opens (or creates) the system of record: WAL for concurrent readers during writes, foreign keys on,
 * sqlite-vec loaded, schema migrated. A file that is not SQLite is refused before SQLite touches it,
 * so a wrong path can never be "repaired" into an empty database. With a key the file is encrypted at
 * rest (a new file is created encrypted); an encrypted file without its key, or a plaintext file with a
 * key, is refused unchanged.
 */
export function openDatabase(
  file: string,
  options: { readonly migrations?: typeof MIGRATIONS; readonly key?: DatabaseKey | null } = {},
): OpenedDatabase {
  let db: Database;
  try {
    db = connect(file, { key: options.key ?? null });
  } catch (error) {
    if (error instanceof TandemError) throw error;
    throw new TandemError('E_DB_NOT_SQLITE', `Could not open ${file}: ${(error as Error).message}.`);
  }
  const encrypted = file !== ':memory:' && options.key != null;
  try {
    // Before any pragma that writes: switching to WAL rewrites the header of a file we must not touch.
    assertNotNewer(db, options.migrations ?? MIGRATIONS);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Freed space is zeroed at once: an UPDATE leaves the row's previous version as free space in its
    // page, and a purge later can only zero what it frees itself, so a card whose arguments were revised
    // (they carry the customer's words) would otherwise keep its old text in the file after a purge.
    db.pragma('secure_delete = ON');
    db.loadExtension(sqliteVecPath());
    reuseStatements(db);
    const migration = migrate(db, options.migrations ?? MIGRATIONS);
    return { db, migration, encrypted };
  } catch (error) {
    db.close();
    if (error instanceof TandemError) throw error;
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new TandemError('E_DB_NOT_SQLITE', `${file} is not a SQLite database.`);
    }
    throw error;
  }
}

/** How many distinct SQL texts keep their prepared statement (least recently used ones are dropped). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes db.prepare reuse the statement already prepared for the same SQL text. Preparing costs more
 * than running most of Tandem's queries (the conversation summary takes about a millisecond to
 * compile), and repositories prepare at each call. A reused statement comes back in its default mode
 * (pluck, expand and raw off); one that is still being iterated is not shared, the caller gets a
 * fresh one. Callers must not bind parameters permanently (statement.bind) on a shared statement.
 */
export function reuseStatements(db: Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  db.prepare = ((sql: string): Statement => {
    const cached = cache.get(sql);
    if (cached && !cached.busy) {
      cache.delete(sql); // most recently used last
      cache.set(sql, cached);
      if (cached.reader) {
        cached.pluck(false);
        cached.expand(false);
        cached.raw(false);
      }
      return cached;
    }
    const statement = prepare(sql);
    if (!cached) {
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
    }
    return statement;
  }) as Database['prepare'];
}

/**
 * sqlite-vec's binary ships in an npm package. In a packaged desktop app that package sits inside
 * app.asar, which SQLite cannot read; the build unpacks it next to the archive instead.
 */
function sqliteVecPath(): string {
  return unpackedPath(sqliteVec.getLoadablePath());
}

/** The same path outside the desktop app's archive (unchanged when not packaged). */
export function unpackedPath(path: string): string {
  return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}
