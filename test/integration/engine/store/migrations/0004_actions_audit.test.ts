import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../main/engine/store/migrate.js';
import { migrationsWithActions } from '../../actions/actionsTestEngine.js';

let db: BetterSqlite3.Database;
afterEach(() => db.close());

describe('migration 0004 actions_audit', () => {
  it('keeps the rows of a version-3 database and adds the action, execution, ticket, supervisor and audit tables', () => {
    const all = migrationsWithActions();
    db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, all.filter((m) => m.version < 4));
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.exec(`
      INSERT INTO workspaces (id, name, is_demo, created_at) VALUES ('w', 'Shop', 0, 1);
      INSERT INTO customers (workspace_id, id, first_name, last_name, email, zip) VALUES ('w', 'c1', 'Ann', 'Lee', 'ann@example.com', '78701');
      INSERT INTO orders (workspace_id, id, customer_id, status, address_json) VALUES ('w', '#W1', 'c1', 'delivered', '{}');
      INSERT INTO order_payments (workspace_id, order_id, line, transaction_type, amount_cents, payment_method_id) VALUES ('w', '#W1', 0, 'payment', 12345, 'card');
      INSERT INTO conversations (workspace_id, id, customer_id, verified, created_at, updated_at) VALUES ('w', 'c_1', 'c1', 1, 1, 1);
    `);
    const report = migrate(db, all.filter((m) => m.version <= 4));
    expect(report.applied).toEqual(['0004_actions_audit']);
    expect(db.prepare(`SELECT amount_cents FROM order_payments`).get()).toEqual({ amount_cents: 12345 });
    expect(db.prepare(`SELECT verified, customer_id FROM conversations`).get()).toEqual({ verified: 1, customer_id: 'c1' });

    const insertAction = db.prepare(`INSERT INTO actions (id, workspace_id, conversation_id, tool, args_json, status, idempotency_key, created_at, updated_at) VALUES (?, 'w', 'c_1', 'process_refund', '{}', ?, ?, 1, 1)`);
    insertAction.run('a1', 'proposed', 'k1');
    expect(() => insertAction.run('a2', 'proposed', 'k1')).toThrow(/UNIQUE/);
    expect(() => insertAction.run('a3', 'approved-by-customer', 'k3')).toThrow(/CHECK/);
    db.prepare(`INSERT INTO action_executions (idempotency_key, action_id, workspace_id, tool, args_json, state, started_at) VALUES ('k1', 'a1', 'w', 'process_refund', '{}', 'sent', 1)`).run();
    expect(() => db.prepare(`INSERT INTO action_executions (idempotency_key, action_id, workspace_id, tool, args_json, state, started_at) VALUES ('k1', 'a1', 'w', 'process_refund', '{}', 'sent', 2)`).run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare(`INSERT INTO tickets (id, workspace_id, subject, priority, summary, created_at) VALUES ('t', 'w', 's', 'whenever', 'x', 1)`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO audit_log (seq, at, workspace_id, actor, kind, data_json, prev_hash, hash) VALUES (1, 1, 'w', 'agent', 'action.proposed', '{}', 'p', 'h')`).run();
    expect(() => db.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
  });
});
