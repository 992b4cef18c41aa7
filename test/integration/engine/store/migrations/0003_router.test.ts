import BetterSqlite3, { type Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../main/engine/store/migrate.js';
import { migration0001 } from '../../../../../main/engine/store/migrations/0001_initial.js';
import { migration0002 } from '../../../../../main/engine/store/migrations/0002_knowledge.js';
import { migration0003 } from '../../../../../main/engine/store/migrations/0003_router.js';

let db: Database;
beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
});
afterEach(() => db.close());

function seedVersion2(): void {
  migrate(db, [migration0001, migration0002]);
  db.exec(`
    INSERT INTO workspaces (id, name, created_at) VALUES ('w', 'Shop', 1);
    INSERT INTO conversations (workspace_id, id, created_at, updated_at) VALUES ('w', 'c1', 1, 1);
    INSERT INTO messages (id, conversation_id, seq, role, content, created_at) VALUES ('m1', 'c1', 1, 'customer', 'where is my order', 2);
  `);
}

describe('migration 0003 (router)', () => {
  it('upgrades a version-2 database with conversations and keeps every row', () => {
    seedVersion2();
    migrate(db, [migration0001, migration0002, migration0003]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare(`SELECT id, content FROM messages`).all()).toEqual([{ id: 'm1', content: 'where is my order' }]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM router_taxonomies`).get()).toEqual({ n: 0 });
  });

  it('stores routing per message and removes it with its conversation', () => {
    seedVersion2();
    migrate(db, [migration0001, migration0002, migration0003]);
    db.exec(`
      INSERT INTO message_routing (message_id, conversation_id, intent, confidence, out_of_scope, sentiment_score, sentiment_label, result_json, created_at)
      VALUES ('m1', 'c1', 'order_status', 0.91, 0, 0, 'neutral', '{}', 3);
      INSERT INTO conversation_sentiment (conversation_id, negative_streak, last_score, last_label, updated_at) VALUES ('c1', 0, 0, 'neutral', 3);
    `);
    expect(() => db.exec(`UPDATE message_routing SET confidence = 1.5`)).toThrow(/CHECK constraint failed/);
    expect(() => db.exec(`UPDATE message_routing SET sentiment_label = 'furious'`)).toThrow(/CHECK constraint failed/);
    db.exec(`DELETE FROM conversations WHERE id = 'c1'`);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM message_routing`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM conversation_sentiment`).get()).toEqual({ n: 0 });
  });

  it('renames cascade to examples, and only one model per workspace can be active', () => {
    seedVersion2();
    migrate(db, [migration0001, migration0002, migration0003]);
    db.exec(`
      INSERT INTO router_taxonomies (workspace_id, fallback_intent, revision, updated_at) VALUES ('w', 'other', 1, 1);
      INSERT INTO router_intents (workspace_id, name, position, requires_auth, escalation_threshold) VALUES ('w', 'order_status', 0, 1, 0.3);
      INSERT INTO router_examples (workspace_id, intent, text, source, created_at) VALUES ('w', 'order_status', 'where is it', 'builtin', 1);
      UPDATE router_intents SET name = 'shipping' WHERE name = 'order_status';
      INSERT INTO router_models (workspace_id, version, revision, embedder_id, active, example_count, trained_at, train_ms, model_blob) VALUES ('w', 1, 1, 'e', 1, 1, 1, 1, x'00');
    `);
    expect(db.prepare(`SELECT intent FROM router_examples`).all()).toEqual([{ intent: 'shipping' }]);
    expect(() =>
      db.exec(`INSERT INTO router_models (workspace_id, version, revision, embedder_id, active, example_count, trained_at, train_ms, model_blob) VALUES ('w', 2, 1, 'e', 1, 1, 1, 1, x'00')`),
    ).toThrow(/UNIQUE/);
    expect(() => db.exec(`INSERT INTO router_intents (workspace_id, name, position, requires_auth, escalation_threshold) VALUES ('w', 'x', 1, 0, 2)`)).toThrow(
      /CHECK constraint failed/,
    );
  });
});
