import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDeliveredOrder, refundRows } from '../engine/actions/actionsTestEngine.js';
import { errorCode, openSecurityTestBed, proposedRefund, value, type SecurityTestBed } from './securityTestEngine.js';

let bed: SecurityTestBed;
beforeEach(() => (bed = openSecurityTestBed()));
afterEach(() => bed.engine.close());

const zipOf = (customerId: string): string => bed.engine.commerce.getCustomer(bed.engine.workspace.id, customerId)!.address.zip;

describe('security: verification strength', () => {
  it('is off by default: email verification alone lets a refund run, as the seed policy says', async () => {
    expect(await value(bed.api.invoke('verification.settings', {}))).toEqual({ secondFactorRequired: false });
    const { action } = await proposedRefund(bed, 2_000);
    expect((await value<{ status: string }>(bed.api.invoke('actions.approve', { actionId: action.id }))).status).toBe('succeeded');
  });

  it('when required, money does not move on email verification alone; a wrong zip is refused; the zip or an order id of theirs unlocks it', async () => {
    await value(bed.api.invoke('verification.settings', { secondFactorRequired: true }));
    const order = findDeliveredOrder(bed.engine, 60_000, 500_000);
    const { action, conversationId } = await proposedRefund(bed, 2_000, order);
    const card = bed.engine.actions.service.get(action.id);
    expect(card.secondFactorNeeded).toBe(true);
    expect(card.blockedReason).toMatch(/second factor/);
    expect(await errorCode(bed.api.invoke('actions.approve', { actionId: action.id }))).toBe('E_SECOND_FACTOR_REQUIRED');
    expect(await errorCode(bed.api.invoke('customer.confirmSecondFactor', { conversationId, proof: { zip: '00000' } }))).toBe('E_SECOND_FACTOR_MISMATCH');
    const other = findDeliveredOrder(bed.engine, 1_000, 500_000, order.customerId);
    expect(await errorCode(bed.api.invoke('customer.confirmSecondFactor', { conversationId, proof: { orderId: other.orderId } }))).toBe('E_SECOND_FACTOR_MISMATCH');
    expect(refundRows(bed.engine, order.orderId)).toHaveLength(0);

    expect(await value(bed.api.invoke('customer.confirmSecondFactor', { conversationId, proof: { zip: zipOf(order.customerId) } }))).toEqual({ factor: 'zip' });
    expect(bed.engine.actions.service.get(action.id).secondFactorNeeded).toBe(false);
    expect((await value<{ status: string }>(bed.api.invoke('actions.approve', { actionId: action.id }))).status).toBe('succeeded');

    const second = await proposedRefund(bed, 1_000, order);
    expect(await value(bed.api.invoke('customer.confirmSecondFactor', { conversationId: second.conversationId, proof: { orderId: order.orderId.replace('#', '') } }))).toEqual({ factor: 'order' });
    const settings = bed.engine.actions.audit.list({ workspaceId: bed.engine.workspace.id }).filter((e) => e.kind === 'settings.security');
    expect(settings).toHaveLength(1);
  });
});
