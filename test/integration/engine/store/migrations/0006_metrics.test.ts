import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../main/engine/store/migrate.js';
import { MIGRATIONS } from '../../../../../main/engine/store/migrations/index.js';

let db: BetterSqlite3.Database;
afterEach(() => db.close());

describe('migration 0006 metrics', () => {
  it('keeps a version-5 database and backfills outcomes and the per-conversation rollup from messages and status', () => {
    db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 6));
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    db.exec(`
      INSERT INTO workspaces (id, name, is_demo, created_at) VALUES ('w', 'Shop', 0, 1);
      INSERT INTO conversations (workspace_id, id, status, created_at, updated_at) VALUES ('w', 'c_done', 'resolved', 1000, 90000);
      INSERT INTO conversations (workspace_id, id, status, created_at, updated_at) VALUES ('w', 'c_esc', 'escalated', 2000, 50000);
      INSERT INTO conversations (workspace_id, id, status, created_at, updated_at) VALUES ('w', 'c_open', 'open', 3000, 3000);
      INSERT INTO messages (id, conversation_id, seq, role, content, created_at) VALUES
        ('m1', 'c_done', 1, 'agent', 'Hi, how can I help?', 1500),
        ('m2', 'c_done', 2, 'customer', 'Where is my parcel?', 10000),
        ('m3', 'c_done', 3, 'agent', 'On its way.', 25000),
        ('m4', 'c_esc', 1, 'customer', 'Lawyer!', 20000);
      INSERT INTO escalations (id, conversation_id, queue, packet_json, destination, actor, created_at) VALUES ('e1', 'c_esc', 'legal', '{}', 'queue:legal', 'agent', 40000);
    `);
    const report = migrate(db, MIGRATIONS.filter((m) => m.version <= 6));
    expect(report.applied).toEqual(['0006_metrics']);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM messages`).get()).toEqual({ n: 4 });
    const rows = db.prepare(`SELECT conversation_id, started_at, state, first_customer_at, first_agent_at, concluded_at, resolved_at, ever_escalated, queue FROM conversation_metrics ORDER BY conversation_id`).all();
    expect(rows).toEqual([
      // The agent's greeting before the customer wrote is not a response.
      { conversation_id: 'c_done', started_at: 10000, state: 'resolved', first_customer_at: 10000, first_agent_at: 25000, concluded_at: 90000, resolved_at: 90000, ever_escalated: 0, queue: null },
      { conversation_id: 'c_esc', started_at: 20000, state: 'escalated', first_customer_at: 20000, first_agent_at: null, concluded_at: 50000, resolved_at: null, ever_escalated: 1, queue: 'legal' },
      { conversation_id: 'c_open', started_at: 3000, state: 'open', first_customer_at: null, first_agent_at: null, concluded_at: null, resolved_at: null, ever_escalated: 0, queue: null },
    ]);
    expect(db.prepare(`SELECT conversation_id, kind, source FROM conversation_outcomes ORDER BY conversation_id`).all()).toEqual([
      { conversation_id: 'c_done', kind: 'resolved', source: 'migration' },
      { conversation_id: 'c_esc', kind: 'escalated', source: 'migration' },
    ]);
    expect(() => db.prepare(`INSERT INTO csat_ratings (conversation_id, score, source, created_at) VALUES ('c_done', 6, 'api', 1)`).run()).toThrow(/CHECK/);
    db.prepare(`DELETE FROM conversations WHERE id = 'c_done'`).run();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM conversation_metrics WHERE conversation_id = 'c_done'`).get()).toEqual({ n: 0 });
  });
});
