import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationRepository } from '../../../../main/engine/conversations/conversationRepository.js';
import { DEMO_WORKSPACE_ID, seedDemoWorkspace } from '../../../../main/engine/demo/seedDemoWorkspace.js';
import { openDatabase, type Database } from '../../../../main/engine/store/database.js';
import { FixedClock } from '../../../support/fixedClock.js';

const TABLES = [
  'workspaces',
  'settings',
  'customers',
  'payment_methods',
  'products',
  'variants',
  'orders',
  'order_items',
  'order_payments',
  'conversations',
  'messages',
];

/** Every row of every table, in a stable order: "nothing changed" means this is identical. */
function dump(db: Database): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()]));
}

let db: Database;
let clock: FixedClock;
beforeEach(() => {
  db = openDatabase(':memory:').db;
  clock = new FixedClock();
});
afterEach(() => db.close());

describe('seedDemoWorkspace', () => {
  it('seeds the demo shop: 500 customers, 1,000 orders, 50 products and 7 conversations', () => {
    const report = seedDemoWorkspace(db, clock);
    expect(report).toEqual({ seeded: true, workspaceId: DEMO_WORKSPACE_ID, customers: 500, orders: 1000, products: 50, conversations: 7 });
    const conversations = new ConversationRepository(db).list(DEMO_WORKSPACE_ID, { limit: 100 });
    expect(conversations).toHaveLength(7);
    for (const c of conversations) {
      expect(c.messageCount).toBeGreaterThan(0);
      expect(c.lastMessageRole).toBe('customer');
      expect(c.subject.length).toBeGreaterThan(0);
    }
  });

  it('is idempotent: a second run changes nothing, even after a day', () => {
    seedDemoWorkspace(db, clock);
    const before = dump(db);
    clock.advance(86_400_000);
    const again = seedDemoWorkspace(db, clock);
    expect(again).toEqual({ seeded: false, workspaceId: DEMO_WORKSPACE_ID, customers: 500, orders: 1000, products: 50, conversations: 7 });
    expect(dump(db)).toEqual(before);
  });

  it('keeps what the user did in the demo workspace on a plain re-run', () => {
    seedDemoWorkspace(db, clock);
    const repository = new ConversationRepository(db);
    const first = repository.list(DEMO_WORKSPACE_ID, { limit: 1 })[0]!;
    repository.appendMessage({ id: 'm_user', conversationId: first.id, role: 'agent', content: 'On it.', metadata: {}, createdAt: clock.now() });
    seedDemoWorkspace(db, clock);
    expect(repository.messages(first.id).at(-1)?.content).toBe('On it.');
  });

  it('reset rebuilds the demo workspace and leaves other workspaces alone', () => {
    seedDemoWorkspace(db, clock);
    const repository = new ConversationRepository(db);
    const oldIds = repository.list(DEMO_WORKSPACE_ID, { limit: 100 }).map((c) => c.id);
    repository.appendMessage({ id: 'm_user', conversationId: oldIds[0]!, role: 'agent', content: 'On it.', metadata: {}, createdAt: 1 });
    db.prepare(`DELETE FROM orders WHERE workspace_id = ? AND id = '#W2611340'`).run(DEMO_WORKSPACE_ID);
    db.exec(`INSERT INTO workspaces (id, name, created_at) VALUES ('mine', 'Mine', 1);
             INSERT INTO conversations (workspace_id, id, created_at, updated_at) VALUES ('mine', 'c_mine', 1, 1);`);

    const report = seedDemoWorkspace(db, clock, { reset: true });

    expect(report).toEqual({ seeded: true, workspaceId: DEMO_WORKSPACE_ID, customers: 500, orders: 1000, products: 50, conversations: 7 });
    const newIds = repository.list(DEMO_WORKSPACE_ID, { limit: 100 }).map((c) => c.id);
    expect(newIds).toHaveLength(7);
    expect(newIds.filter((id) => oldIds.includes(id))).toEqual([]);
    expect((db.prepare(`SELECT COUNT(*) AS n FROM messages WHERE id = 'm_user'`).get() as { n: number }).n).toBe(0);
    expect(repository.summary('c_mine')?.workspaceId).toBe('mine');
  });
});
