import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../main/engine/store/migrate.js';
import { MIGRATIONS } from '../../../../../main/engine/store/migrations/index.js';

let db: BetterSqlite3.Database;
afterEach(() => db.close());

describe('migration 0010 action proposals', () => {
  it('keeps a version-9 database\'s actions, with no proposal details, and stores details for new ones', () => {
    db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 10));
    db.exec(`
      INSERT INTO actions (id, workspace_id, conversation_id, tool, args_json, status, why, idempotency_key, created_at, updated_at)
      VALUES ('a1', 'w', 'c', 'process_refund', '{"amount_cents":2500,"order_id":"#W1","reason":"broken"}', 'succeeded', 'asked', 'k1', 1, 2);
    `);
    const report = migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
    expect(report.applied).toEqual(['0010_action_proposals']);
    expect(db.prepare(`SELECT id, args_json, status, proposal_json FROM actions`).all()).toEqual([
      { id: 'a1', args_json: '{"amount_cents":2500,"order_id":"#W1","reason":"broken"}', status: 'succeeded', proposal_json: null },
    ]);
    db.prepare(`UPDATE actions SET proposal_json = ? WHERE id = 'a1'`).run('{"hold":null}');
    expect(db.prepare(`SELECT proposal_json FROM actions WHERE id = 'a1'`).get()).toEqual({ proposal_json: '{"hold":null}' });
  });
});
