import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../main/engine/store/migrate.js';
import { MIGRATIONS } from '../../../../../main/engine/store/migrations/index.js';

let db: BetterSqlite3.Database;
afterEach(() => db.close());

describe('migration 0005 assist and escalation', () => {
  it('keeps a version-4 database and adds assist results, dismissals and escalations tied to their conversation', () => {
    db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 5));
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    db.exec(`
      INSERT INTO workspaces (id, name, is_demo, created_at) VALUES ('w', 'Shop', 0, 1);
      INSERT INTO conversations (workspace_id, id, status, created_at, updated_at) VALUES ('w', 'c1', 'open', 1, 1);
      INSERT INTO messages (id, conversation_id, seq, role, content, created_at) VALUES ('m1', 'c1', 1, 'customer', 'Where is my order?', 2);
    `);
    const report = migrate(db, MIGRATIONS.filter((m) => m.version <= 5));
    expect(report.applied).toEqual(['0005_assist_escalation']);
    expect(db.prepare(`SELECT id, content FROM messages`).all()).toEqual([{ id: 'm1', content: 'Where is my order?' }]);

    db.prepare(`INSERT INTO assist_results (conversation_id, message_id, result_json, total_ms, created_at) VALUES ('c1', 'm1', '{}', 12.5, 3)`).run();
    db.prepare(`INSERT INTO escalation_dismissals (conversation_id, trigger, up_to_seq, reason, actor, created_at) VALUES ('c1', 'low_confidence', 1, 'clear enough', 'agent', 4)`).run();
    db.prepare(`INSERT INTO escalations (id, conversation_id, queue, packet_json, destination, actor, created_at) VALUES ('e1', 'c1', 'General support', '{}', 'queue', 'agent', 5)`).run();
    // One result per message: a second insert for the same message is refused by the key.
    expect(() => db.prepare(`INSERT INTO assist_results (conversation_id, message_id, result_json, total_ms, created_at) VALUES ('c1', 'm1', '{}', 1, 6)`).run()).toThrow(/UNIQUE|PRIMARY/);
    // A result for a message that does not exist is refused.
    expect(() => db.prepare(`INSERT INTO assist_results (conversation_id, message_id, result_json, total_ms, created_at) VALUES ('c1', 'm_missing', '{}', 1, 6)`).run()).toThrow(/FOREIGN KEY/);

    db.prepare(`DELETE FROM conversations WHERE id = 'c1'`).run();
    for (const table of ['assist_results', 'escalation_dismissals', 'escalations']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });
});
