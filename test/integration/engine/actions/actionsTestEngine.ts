import { openEngine, type Engine } from '../../../../main/engine/index.js';
import type { Migration } from '../../../../main/engine/store/migration.js';
import { MIGRATIONS } from '../../../../main/engine/store/migrations/index.js';
import { migration0004 } from '../../../../main/engine/store/migrations/0004_actions_audit.js';
import { migration0005 } from '../../../../main/engine/store/migrations/0005_assist_escalation.js';

/**
 * The migration list with the actions schema. While migrations numbered before it are still being
 * written elsewhere, empty stand-ins fill the gap so the runner's ordering check holds.
 */
export function migrationsWithActions(): Migration[] {
  if (MIGRATIONS.some((m) => m.version === migration0004.version)) return [...MIGRATIONS];
  const list: Migration[] = [...MIGRATIONS];
  while (list.length < migration0004.version - 1) list.push({ version: list.length + 1, name: 'gap_stand_in', up: '' });
  return [...list, migration0004, migration0005];
}

export function openDemoEngine(dataDir = ':memory:'): Engine {
  return openEngine({ dataDir, seedDemo: true, migrations: migrationsWithActions() });
}

/** A demo order picked by rule (not by id) so the tests do not depend on one record of the data set. */
export function findDeliveredOrder(engine: Engine, minCents: number, maxCents: number, excludeCustomer?: string): { orderId: string; customerId: string; email: string; paidCents: number } {
  const row = engine.db
    .prepare(
      `SELECT o.id AS orderId, o.customer_id AS customerId, c.email AS email,
              (SELECT SUM(amount_cents) FROM order_payments p WHERE p.workspace_id = o.workspace_id AND p.order_id = o.id AND transaction_type = 'payment') AS paidCents,
              (SELECT COUNT(*) FROM order_payments p WHERE p.workspace_id = o.workspace_id AND p.order_id = o.id AND transaction_type = 'refund') AS refunds
       FROM orders o JOIN customers c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id
       WHERE o.workspace_id = ? AND o.status = 'delivered' AND o.customer_id != ?
       GROUP BY o.id HAVING paidCents BETWEEN ? AND ? AND refunds = 0 ORDER BY o.id LIMIT 1`,
    )
    .get(engine.workspace.id, excludeCustomer ?? '', minCents, maxCents) as { orderId: string; customerId: string; email: string; paidCents: number } | undefined;
  if (!row) throw new Error('no matching demo order');
  return row;
}

export function refundRows(engine: Engine, orderId: string): { amount_cents: number; payment_method_id: string }[] {
  return engine.db
    .prepare(`SELECT amount_cents, payment_method_id FROM order_payments WHERE workspace_id = ? AND order_id = ? AND transaction_type = 'refund'`)
    .all(engine.workspace.id, orderId) as { amount_cents: number; payment_method_id: string }[];
}
