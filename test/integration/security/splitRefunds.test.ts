import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDeliveredOrder, refundRows } from '../engine/actions/actionsTestEngine.js';
import { errorCode, openSecurityTestBed, proposedRefund, value, type SecurityTestBed } from './securityTestEngine.js';

let bed: SecurityTestBed;
beforeEach(() => (bed = openSecurityTestBed()));
afterEach(() => bed.engine.close());

describe('security: refunds split under the supervisor threshold', () => {
  it('five $100.00 refunds of one order: the first runs on the agent\'s approval, the next ones need a supervisor, across conversations', async () => {
    const order = findDeliveredOrder(bed.engine, 60_000, 500_000);
    const first = await proposedRefund(bed, 10_000, order);
    expect(first.action.approval).toBe('agent');
    expect((await value<{ status: string }>(bed.api.invoke('actions.approve', { actionId: first.action.id }))).status).toBe('succeeded');
    for (let i = 0; i < 4; i += 1) {
      const next = await proposedRefund(bed, 10_000, order); // a new conversation each time
      const view = bed.engine.actions.service.get(next.action.id);
      expect(view.approval).toBe('supervisor');
      expect(view.approvalReason).toMatch(/\$100\.00 already refunded/);
      expect(await errorCode(bed.api.invoke('actions.approve', { actionId: next.action.id }))).toBe('E_SUPERVISOR_REQUIRED');
    }
    expect(refundRows(bed.engine, order.orderId)).toHaveLength(1);
  });

  it('counts a refund on its way (sent to a supervisor) as pending', async () => {
    await bed.engine.actions.authority.adminSetPin(bed.engine.workspace.id, 'boss', '8642', 'cli:root');
    const order = findDeliveredOrder(bed.engine, 60_000, 500_000);
    const big = await proposedRefund(bed, 15_000, order);
    await value(bed.api.invoke('actions.requestSupervisor', { actionId: big.action.id }));
    const small = await proposedRefund(bed, 500, order);
    expect(bed.engine.actions.service.get(small.action.id).approvalReason).toMatch(/\$150\.00 on its way/);
    expect(await errorCode(bed.api.invoke('actions.approve', { actionId: small.action.id }))).toBe('E_SUPERVISOR_REQUIRED');
    expect(refundRows(bed.engine, order.orderId)).toHaveLength(0);
  });

  it('counts what the shop already recorded as refunded on the order', async () => {
    const order = findDeliveredOrder(bed.engine, 60_000, 500_000);
    bed.engine.db.prepare(`INSERT INTO order_payments (workspace_id, order_id, line, transaction_type, amount_cents, payment_method_id)
      SELECT workspace_id, order_id, MAX(line) + 1, 'refund', 9000, payment_method_id FROM order_payments WHERE workspace_id = ? AND order_id = ?`).run(bed.engine.workspace.id, order.orderId);
    const next = await proposedRefund(bed, 2_000, order);
    expect(next.action.approval).toBe('supervisor');
  });
});
