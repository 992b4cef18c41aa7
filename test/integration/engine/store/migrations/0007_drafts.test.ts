import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../main/engine/store/migrate.js';
import { MIGRATIONS } from '../../../../../main/engine/store/migrations/index.js';

let db: BetterSqlite3.Database;
afterEach(() => db.close());

describe('migration 0007 drafts', () => {
  it('keeps a version-6 database with its rows and adds a drafts table that enforces its values', () => {
    db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 7));
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    db.exec(`
      INSERT INTO workspaces (id, name, is_demo, created_at) VALUES ('w', 'Shop', 0, 1);
      INSERT INTO conversations (workspace_id, id, status, created_at, updated_at) VALUES ('w', 'c1', 'open', 1000, 2000);
      INSERT INTO messages (id, conversation_id, seq, role, content, created_at) VALUES
        ('m1', 'c1', 1, 'customer', 'Where is my refund?', 1500),
        ('m2', 'c1', 2, 'agent', 'Checking now.', 1800);
      INSERT INTO csat_ratings (conversation_id, score, source, created_at) VALUES ('c1', 5, 'agent', 1900);
    `);
    const report = migrate(db, MIGRATIONS.filter((m) => m.version <= 7));
    expect(report.applied).toEqual(['0007_drafts']);
    expect(db.prepare(`SELECT id, content FROM messages ORDER BY seq`).all()).toEqual([
      { id: 'm1', content: 'Where is my refund?' },
      { id: 'm2', content: 'Checking now.' },
    ]);
    expect(db.prepare(`SELECT score FROM csat_ratings`).get()).toEqual({ score: 5 });

    db.prepare(
      `INSERT INTO drafts (id, conversation_id, message_id, source, status, original_text, text, outcome, edit_distance, time_to_send_ms, override, sent_message_id, created_at, ready_at, sent_at)
       VALUES ('d1', 'c1', 'm1', 'template', 'sent', 'Hi', 'Hi', 'edited', 4, 1200, 1, 'm2', 1600, 1601, 2801)`,
    ).run();
    expect(db.prepare(`SELECT outcome, edit_distance, override, citations_json, findings_json FROM drafts`).get()).toEqual({
      outcome: 'edited', edit_distance: 4, override: 1, citations_json: '[]', findings_json: '[]',
    });
    expect(() => db.prepare(`INSERT INTO drafts (id, conversation_id, source, status, created_at) VALUES ('d2', 'c1', 'cloud', 'ready', 1)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO drafts (id, conversation_id, source, status, outcome, created_at) VALUES ('d3', 'c1', 'llm', 'sent', 'liked', 1)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO drafts (id, conversation_id, source, status, created_at) VALUES ('d4', 'nope', 'llm', 'ready', 1)`).run()).toThrow(/FOREIGN KEY/);

    // A deleted answered message keeps the draft (its outcome still counts); a deleted conversation takes it along.
    db.prepare(`UPDATE drafts SET sent_message_id = NULL`).run();
    db.prepare(`DELETE FROM messages WHERE id = 'm1'`).run();
    expect(db.prepare(`SELECT message_id FROM drafts WHERE id = 'd1'`).get()).toEqual({ message_id: null });
    db.prepare(`DELETE FROM conversations WHERE id = 'c1'`).run();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM drafts`).get()).toEqual({ n: 0 });
  });
});
