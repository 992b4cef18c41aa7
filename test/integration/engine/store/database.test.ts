import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../../../../main/engine/errors.js';
import { openDatabase, reuseStatements } from '../../../../main/engine/store/database.js';
import { MIGRATIONS } from '../../../../main/engine/store/migrations/index.js';
import { tempDir } from '../../../support/tempDir.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof TandemError ? error.code : `not a TandemError: ${String(error)}`;
  }
  return undefined;
}

describe('openDatabase', () => {
  it('creates a new database with WAL, foreign keys and sqlite-vec, migrated to the newest version', () => {
    const file = join(tempDir(), 'tandem.db');
    const { db, migration } = openDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
      expect(migration).toMatchObject({ from: 0, to: MIGRATIONS.length });
      const { version } = db.prepare('SELECT vec_version() AS version').get() as { version: string };
      expect(version).toMatch(/^v\d+\.\d+/);
      // A real vector operation, not just the version function: the extension is usable.
      const { distance } = db
        .prepare(`SELECT vec_distance_l2(vec_f32('[0,0,0]'), vec_f32('[3,4,0]')) AS distance`)
        .get() as { distance: number };
      expect(distance).toBeCloseTo(5, 5);
    } finally {
      db.close();
    }
  });

  it('reopens an existing database without re-applying migrations', () => {
    const file = join(tempDir(), 'tandem.db');
    openDatabase(file).db.close();
    const { db, migration } = openDatabase(file);
    db.close();
    expect(migration.applied).toEqual([]);
    expect(migration.from).toBe(MIGRATIONS.length);
  });

  it('refuses a file that is not SQLite with E_DB_NOT_SQLITE and leaves it byte-identical', () => {
    const file = join(tempDir(), 'tandem.db');
    const original = Buffer.from('These are my notes, not a database.\n'.repeat(20));
    writeFileSync(file, original);
    expect(codeOf(() => openDatabase(file))).toBe('E_DB_NOT_SQLITE');
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('refuses a short non-SQLite file and a file with a corrupted header, leaving both untouched', () => {
    const dir = tempDir();
    const short = join(dir, 'short.db');
    writeFileSync(short, 'hi');
    expect(codeOf(() => openDatabase(short))).toBe('E_DB_NOT_SQLITE');
    expect(readFileSync(short, 'utf8')).toBe('hi');

    const real = join(dir, 'real.db');
    openDatabase(real).db.close();
    const bytes = readFileSync(real);
    bytes.write('SQLite format 4', 0, 'latin1');
    writeFileSync(real, bytes);
    expect(codeOf(() => openDatabase(real))).toBe('E_DB_NOT_SQLITE');
    expect(readFileSync(real).equals(bytes)).toBe(true);
  });

  it('refuses a database written by a newer Tandem with E_DB_NEWER and does not change it', () => {
    const file = join(tempDir(), 'tandem.db');
    const future = new BetterSqlite3(file);
    future.exec(`CREATE TABLE from_the_future (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO from_the_future (note) VALUES ('keep me');`);
    future.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    future.close();
    const before = readFileSync(file);

    expect(codeOf(() => openDatabase(file))).toBe('E_DB_NEWER');

    expect(readFileSync(file).equals(before)).toBe(true);
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    expect(check.prepare('SELECT note FROM from_the_future').all()).toEqual([{ note: 'keep me' }]);
    // No tables of ours were created in a schema we do not understand.
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'conversations'`).get()).toBeUndefined();
    check.close();
  });

  it('explains E_DB_NEWER and E_DB_NOT_SQLITE with a sentence that says what to do', () => {
    const file = join(tempDir(), 'tandem.db');
    writeFileSync(file, Buffer.alloc(4096, 7));
    try {
      openDatabase(file);
      expect.unreachable('a non-SQLite file was opened');
    } catch (error) {
      expect((error as Error).message).toMatch(/choose another data directory|move it aside/i);
    }
  });

  it('opens an empty (zero-byte) file as a new database', () => {
    const file = join(tempDir(), 'tandem.db');
    writeFileSync(file, '');
    const { db } = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });
});

describe('prepared statements are reused', () => {
  it('returns the same statement for the same SQL, back in its default mode', () => {
    const { db } = openDatabase(':memory:');
    try {
      db.exec('CREATE TABLE t (a INTEGER, b TEXT)');
      db.prepare('INSERT INTO t VALUES (?, ?)').run(1, 'one');
      db.prepare('INSERT INTO t VALUES (?, ?)').run(2, 'two');
      const plucked = db.prepare('SELECT a, b FROM t ORDER BY a');
      expect(plucked.pluck().all()).toEqual([1, 2]);
      const again = db.prepare('SELECT a, b FROM t ORDER BY a');
      expect(again).toBe(plucked);
      expect(again.all()).toEqual([{ a: 1, b: 'one' }, { a: 2, b: 'two' }]);
      expect(db.prepare('SELECT a, b FROM t ORDER BY a').raw().all()).toEqual([[1, 'one'], [2, 'two']]);
      expect(db.prepare('SELECT a, b FROM t ORDER BY a').get()).toEqual({ a: 1, b: 'one' });
    } finally {
      db.close();
    }
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const { db } = openDatabase(':memory:');
    try {
      db.exec('CREATE TABLE t (a INTEGER)');
      for (let i = 1; i <= 3; i++) db.prepare('INSERT INTO t VALUES (?)').run(i);
      const seen: number[] = [];
      for (const row of db.prepare('SELECT a FROM t ORDER BY a').iterate() as Iterable<{ a: number }>) {
        // The same SQL inside the loop: sharing the busy statement would throw.
        const all = db.prepare('SELECT a FROM t ORDER BY a').all() as { a: number }[];
        seen.push(row.a * 10 + all.length);
      }
      expect(seen).toEqual([13, 23, 33]);
    } finally {
      db.close();
    }
  });

  it('keeps a bounded number of statements, dropping the least recently used', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      reuseStatements(db, 2);
      const one = db.prepare('SELECT 1');
      const two = db.prepare('SELECT 2');
      expect(db.prepare('SELECT 1')).toBe(one); // now most recently used
      db.prepare('SELECT 3'); // drops SELECT 2
      expect(db.prepare('SELECT 1')).toBe(one);
      expect(db.prepare('SELECT 2')).not.toBe(two);
    } finally {
      db.close();
    }
  });
});
