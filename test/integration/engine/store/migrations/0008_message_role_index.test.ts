import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../main/engine/store/migrate.js';
import { MIGRATIONS } from '../../../../../main/engine/store/migrations/index.js';

let db: BetterSqlite3.Database;
afterEach(() => db.close());

const plan = (sql: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('c', 0) as { detail: string }[]).map((r) => r.detail).join('; ');

describe('migration 0008 message role index', () => {
  it('keeps a version-7 database and answers the rollup\'s first-message questions from the new index', () => {
    db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 8));
    db.exec(`
      INSERT INTO workspaces (id, name, is_demo, created_at) VALUES ('w', 'Shop', 0, 1);
      INSERT INTO conversations (workspace_id, id, status, created_at, updated_at) VALUES ('w', 'c', 'open', 1000, 1000);
      INSERT INTO messages (id, conversation_id, seq, role, content, created_at) VALUES
        ('m1', 'c', 1, 'agent', 'Hi, how can I help?', 1500),
        ('m2', 'c', 2, 'customer', 'Where is my parcel?', 10000),
        ('m3', 'c', 3, 'agent', 'On its way.', 25000);
    `);
    const report = migrate(db, MIGRATIONS.filter((m) => m.version <= 8));
    expect(report.applied).toEqual(['0008_message_role_index']);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM messages`).get()).toEqual({ n: 3 });
    // The same two questions as OutcomeRepository.refreshRollup, each a single index probe.
    const firstCustomer = `SELECT MIN(created_at) AS t FROM messages WHERE conversation_id = ? AND role = 'customer' AND ? = 0`;
    const firstAgent = `SELECT MIN(created_at) AS t FROM messages WHERE conversation_id = ? AND role = 'agent' AND created_at >= ?`;
    expect(plan(firstCustomer)).toContain('USING COVERING INDEX messages_conversation_role_time');
    expect(plan(firstAgent)).toContain('USING COVERING INDEX messages_conversation_role_time');
    expect(db.prepare(firstCustomer).get('c', 0)).toEqual({ t: 10000 });
    expect(db.prepare(firstAgent).get('c', 10000)).toEqual({ t: 25000 });
  });
});
