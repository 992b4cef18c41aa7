import BetterSqlite3, { type Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TandemError } from '../../../../main/engine/errors.js';
import { migrate } from '../../../../main/engine/store/migrate.js';
import type { Migration } from '../../../../main/engine/store/migration.js';

const tickets: Migration = { version: 1, name: 'tickets', up: `CREATE TABLE tickets (id INTEGER PRIMARY KEY, title TEXT NOT NULL);` };
const notes: Migration = {
  version: 2,
  name: 'notes',
  up: `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO notes (body) VALUES ('first');`,
};
const tags: Migration = { version: 3, name: 'tags', up: `ALTER TABLE tickets ADD COLUMN tag TEXT NOT NULL DEFAULT 'none';` };
/** Creates a table, then fails: the table must not survive. */
const broken: Migration = {
  version: 3,
  name: 'broken',
  up: `CREATE TABLE half_done (id INTEGER PRIMARY KEY); INSERT INTO tickets (title) VALUES ('ghost'); INSERT INTO no_such_table VALUES (1);`,
};

let db: Database;
beforeEach(() => {
  db = new BetterSqlite3(':memory:');
});
afterEach(() => db.close());

const version = (): number => db.pragma('user_version', { simple: true }) as number;
const tableNames = (): string[] =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('migrate', () => {
  it('applies every migration in order and reports what it applied', () => {
    const report = migrate(db, [tickets, notes, tags]);
    expect(report).toEqual({ from: 0, to: 3, applied: ['0001_tickets', '0002_notes', '0003_tags'] });
    expect(version()).toBe(3);
    expect(tableNames()).toEqual(['notes', 'tickets']);
    db.prepare(`INSERT INTO tickets (title) VALUES ('x')`).run();
    expect(db.prepare(`SELECT tag FROM tickets`).get()).toEqual({ tag: 'none' });
  });

  it('applies only the migrations above the current version and keeps existing rows', () => {
    migrate(db, [tickets]);
    db.prepare(`INSERT INTO tickets (title) VALUES ('Where is my order?')`).run();
    const report = migrate(db, [tickets, notes, tags]);
    expect(report).toEqual({ from: 1, to: 3, applied: ['0002_notes', '0003_tags'] });
    expect(db.prepare(`SELECT title, tag FROM tickets`).all()).toEqual([{ title: 'Where is my order?', tag: 'none' }]);
    expect(migrate(db, [tickets, notes, tags]).applied).toEqual([]);
  });

  it('rolls a failing migration back to the previous version and reports E_DB_MIGRATION', () => {
    migrate(db, [tickets]);
    db.prepare(`INSERT INTO tickets (title) VALUES ('keep me')`).run();
    let caught: unknown;
    try {
      migrate(db, [tickets, notes, broken]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TandemError);
    expect((caught as TandemError).code).toBe('E_DB_MIGRATION');
    expect((caught as TandemError).message).toContain('Migration 3 (broken) failed');
    // Migration 2 succeeded in its own transaction and stays; migration 3 left nothing behind.
    expect(version()).toBe(2);
    expect(tableNames()).toEqual(['notes', 'tickets']);
    expect(db.prepare(`SELECT title FROM tickets`).all()).toEqual([{ title: 'keep me' }]);
    expect(db.prepare(`SELECT body FROM notes`).all()).toEqual([{ body: 'first' }]);
  });

  it('refuses a database newer than the newest migration with E_DB_NEWER and changes nothing', () => {
    migrate(db, [tickets, notes]);
    db.pragma('user_version = 7');
    expect(() => migrate(db, [tickets, notes])).toThrow(expect.objectContaining({ code: 'E_DB_NEWER' }));
    expect(version()).toBe(7);
    expect(tableNames()).toEqual(['notes', 'tickets']);
  });

  it('refuses out-of-order, gapped or duplicated migration lists before applying anything', () => {
    const lists: Migration[][] = [
      [notes, tickets],
      [tickets, tags],
      [tickets, tickets],
      [notes],
    ];
    for (const list of lists) {
      expect(() => migrate(db, list)).toThrow(/Migration list is broken/);
      expect(version()).toBe(0);
      expect(tableNames()).toEqual([]);
    }
  });

  it('treats an empty list as version 0', () => {
    expect(migrate(db, [])).toEqual({ from: 0, to: 0, applied: [] });
  });
});
