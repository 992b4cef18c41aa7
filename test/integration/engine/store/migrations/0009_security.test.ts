import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../../main/engine/actions/auditLog.js';
import { migrate } from '../../../../../main/engine/store/migrate.js';
import { MIGRATIONS } from '../../../../../main/engine/store/migrations/index.js';

let db: BetterSqlite3.Database;
afterEach(() => db.close());

describe('migration 0009 security', () => {
  it('keeps a version-8 database, its audit chain and actions, and adds the supervisor fields, PIN attempts and second factors', () => {
    db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 9));
    db.exec(`
      INSERT INTO workspaces (id, name, is_demo, created_at) VALUES ('w', 'Shop', 0, 1);
      INSERT INTO conversations (workspace_id, id, status, created_at, updated_at) VALUES ('w', 'c', 'open', 1000, 1000);
      INSERT INTO actions (id, workspace_id, conversation_id, tool, args_json, status, why, idempotency_key, decided_by, created_at, updated_at)
        VALUES ('a1', 'w', 'c', 'process_refund', '{"amount_cents":5000,"order_id":"#W1","reason":"x"}', 'succeeded', '', 'k1', 'agent:ana; supervisor:boss', 1, 1);
    `);
    const before = new AuditLog(db, { now: () => 5 });
    before.append({ workspaceId: 'w', actor: 'agent:ana; supervisor:boss', kind: 'action.approved', actionId: 'a1' });
    const report = migrate(db, MIGRATIONS.filter((m) => m.version <= 9));
    expect(report.applied).toEqual(['0009_security']);

    const audit = new AuditLog(db, { now: () => 6 });
    audit.append({ workspaceId: 'w', actor: 'agent:ana', supervisor: 'boss', kind: 'action.approved', actionId: 'a1' });
    expect(audit.verify()).toMatchObject({ ok: true, entries: 2 });
    const [latest, old] = audit.list();
    expect(latest).toMatchObject({ actor: 'agent:ana', supervisor: 'boss' });
    expect(old).not.toHaveProperty('supervisor');
    expect(db.prepare(`SELECT decided_by, supervisor FROM actions WHERE id = 'a1'`).get()).toEqual({ decided_by: 'agent:ana; supervisor:boss', supervisor: null });

    db.prepare(`INSERT INTO supervisor_pin_attempts (workspace_id, supervisor, action_id, at, ok) VALUES ('w', 'boss', 'a1', 7, 0)`).run();
    db.prepare(`INSERT INTO customer_second_factors (conversation_id, customer_id, factor, confirmed_at) VALUES ('c', 'cust', 'zip', 8)`).run();
    expect(() => db.prepare(`INSERT INTO customer_second_factors (conversation_id, customer_id, factor, confirmed_at) VALUES ('c2', 'cust', 'zip', 8)`).run()).toThrow(/FOREIGN KEY/);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT 1 FROM actions WHERE tool = 'process_refund' AND workspace_id = ? AND ltrim(json_extract(args_json, '$.order_id'), '#') = ?`).all('w', 'W1') as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan).toContain('actions_refund_order');
  });
});
