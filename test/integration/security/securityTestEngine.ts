import { createDispatcher, type Dispatcher } from '../../../main/api/dispatcher.js';
import type { ActionRecord } from '../../../main/engine/actions/actionTypes.js';
import { openEngine, type Engine } from '../../../main/engine/index.js';
import { findDeliveredOrder } from '../engine/actions/actionsTestEngine.js';

/** A clock the test moves by hand (lockouts and backoff are about time). */
export class ManualClock {
  constructor(public at = Date.UTC(2025, 0, 6, 9)) {}
  now(): number {
    return (this.at += 1);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export interface SecurityTestBed {
  readonly engine: Engine;
  readonly api: Dispatcher;
  readonly clock: ManualClock;
}

export function openSecurityTestBed(): SecurityTestBed {
  const clock = new ManualClock();
  const engine = openEngine({ dataDir: ':memory:', seedDemo: true, clock });
  return { engine, api: createDispatcher({ engine, appVersion: 'test' }, { validateOutput: true }), clock };
}

export async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error!.code}: ${result.error!.message}`);
  return result.value as T;
}

export async function errorCode(promise: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string | null> {
  const result = await promise;
  return result.ok ? null : result.error!.code;
}

/** A verified conversation with a proposed refund of `cents` on a delivered order (or on the given one). */
export async function proposedRefund(bed: SecurityTestBed, cents: number, order = findDeliveredOrder(bed.engine, 60_000, 500_000)): Promise<{ action: ActionRecord; order: typeof order; conversationId: string }> {
  const { engine, api } = bed;
  const conversation = engine.conversations.create({ firstMessage: `Refund on ${order.orderId}, please.` });
  const lookup = await value<{ candidate: { customerId: string } }>(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email: order.email } }));
  await value(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email: order.email }, confirmCustomerId: lookup.candidate.customerId }));
  const actions = await value<ActionRecord[]>(api.invoke('actions.propose', {
    conversationId: conversation.id, call: { tool: 'process_refund', args: { order_id: order.orderId, amount_cents: cents, reason: 'damaged' } },
  }));
  const action = actions.filter((a) => a.tool === 'process_refund' && a.status === 'proposed').at(-1)!;
  return { action, order, conversationId: conversation.id };
}
