import { afterEach, beforeEach } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../../main/api/dispatcher.js';
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

type Invoked = Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

/** The value of an API call, or a thrown error naming its code. */
export async function valueOf<T>(promise: Invoked): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error!.code}: ${result.error!.message}`);
  return result.value as T;
}

/** The error of an API call that must fail. */
export async function failureOf(promise: Invoked): Promise<{ code: string; message: string }> {
  const result = await promise;
  if (result.ok) throw new Error('expected a failure');
  return result.error!;
}

/** A fresh demo engine and its validating API for each test of the calling file. */
export function useDemoApi(): { engine: Engine; api: Dispatcher } {
  const context = {} as { engine: Engine; api: Dispatcher };
  beforeEach(() => {
    context.engine = openDemoEngine();
    context.api = createDispatcher({ engine: context.engine, appVersion: 'test' }, { validateOutput: true });
  });
  afterEach(() => context.engine.close());
  return context;
}
