import BetterSqlite3, { type Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../main/engine/store/migrate.js';
import { migration0001 } from '../../../../../main/engine/store/migrations/0001_initial.js';

let db: Database;
beforeEach(() => {
  db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
});
afterEach(() => db.close());

const EXPECTED_TABLES = [
  'conversations',
  'customers',
  'messages',
  'order_items',
  'order_payments',
  'orders',
  'payment_methods',
  'products',
  'settings',
  'variants',
  'workspaces',
];

function seedShop(): void {
  db.exec(`
    INSERT INTO workspaces (id, name, created_at) VALUES ('w', 'Shop', 1);
    INSERT INTO customers (workspace_id, id, first_name, last_name, email) VALUES ('w', 'u1', 'Noah', 'Brown', 'noah@example.com');
    INSERT INTO products (workspace_id, id, name) VALUES ('w', 'p1', 'Lamp');
    INSERT INTO orders (workspace_id, id, customer_id, status, address_json) VALUES ('w', '#W1', 'u1', 'pending', '{}');
  `);
}

describe('migration 0001 (initial)', () => {
  it('upgrades a version-0 database (with an unrelated table and rows) to all tables, keeping those rows', () => {
    db.exec(`CREATE TABLE scratch (note TEXT); INSERT INTO scratch VALUES ('left by the user');`);
    migrate(db, [migration0001]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(tables).toEqual([...EXPECTED_TABLES, 'scratch'].sort());
    expect(db.prepare(`SELECT note FROM scratch`).all()).toEqual([{ note: 'left by the user' }]);
  });

  it('rejects negative money in every cents column', () => {
    migrate(db, [migration0001]);
    seedShop();
    const negatives = [
      `INSERT INTO variants (workspace_id, item_id, product_id, options_json, price_cents, available) VALUES ('w', 'i1', 'p1', '{}', -1, 1)`,
      `INSERT INTO order_items (workspace_id, order_id, line, item_id, product_id, name, options_json, price_cents) VALUES ('w', '#W1', 0, 'i1', 'p1', 'Lamp', '{}', -500)`,
      `INSERT INTO order_payments (workspace_id, order_id, line, transaction_type, amount_cents, payment_method_id) VALUES ('w', '#W1', 0, 'payment', -53665, 'pm')`,
    ];
    for (const sql of negatives) expect(() => db.exec(sql), sql).toThrow(/CHECK constraint failed/);
    // Zero and positive amounts are fine.
    db.exec(
      `INSERT INTO order_payments (workspace_id, order_id, line, transaction_type, amount_cents, payment_method_id) VALUES ('w', '#W1', 0, 'payment', 53665, 'pm')`,
    );
    expect(db.prepare(`SELECT amount_cents FROM order_payments`).get()).toEqual({ amount_cents: 53665 });
  });

  it('stores money as integers only (STRICT tables refuse fractional dollars)', () => {
    migrate(db, [migration0001]);
    seedShop();
    expect(() =>
      db.exec(
        `INSERT INTO order_items (workspace_id, order_id, line, item_id, product_id, name, options_json, price_cents) VALUES ('w', '#W1', 0, 'i1', 'p1', 'Lamp', '{}', 536.65)`,
      ),
    ).toThrow(/cannot store REAL value in INTEGER column/);
  });

  it('enforces foreign keys and cascades deletes from a workspace', () => {
    migrate(db, [migration0001]);
    seedShop();
    expect(() =>
      db.exec(`INSERT INTO orders (workspace_id, id, customer_id, status, address_json) VALUES ('w', '#W2', 'nobody', 'pending', '{}')`),
    ).toThrow(/FOREIGN KEY/);
    db.exec(`INSERT INTO conversations (workspace_id, id, created_at, updated_at) VALUES ('w', 'c1', 1, 1);
             INSERT INTO messages (id, conversation_id, seq, role, content, created_at) VALUES ('m1', 'c1', 1, 'customer', 'hi', 1);`);
    expect(() =>
      db.exec(`INSERT INTO messages (id, conversation_id, seq, role, content, created_at) VALUES ('m2', 'c1', 1, 'agent', 'dup seq', 2)`),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db.exec(`INSERT INTO messages (id, conversation_id, seq, role, content, created_at) VALUES ('m3', 'c1', 2, 'robot', 'bad role', 2)`),
    ).toThrow(/CHECK/);
    db.exec(`DELETE FROM workspaces WHERE id = 'w'`);
    for (const table of ['customers', 'orders', 'conversations', 'messages']) {
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
    }
  });
});
