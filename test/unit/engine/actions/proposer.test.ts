import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import { NO_ENTITIES, type ProposalContext } from '../../../../main/engine/actions/proposalContext.js';
import { proposeCalls } from '../../../../main/engine/actions/proposer.js';
import { TOOLS } from '../../../../main/engine/actions/toolRegistry.js';

const ctx = (over: Partial<ProposalContext>): ProposalContext => ({ intent: null, entities: NO_ENTITIES, verifiedCustomerId: null, latestCustomerText: '', ...over });

function done(tool: ActionRecord['tool'], args: Record<string, unknown>, result: unknown): ActionRecord {
  return {
    id: `a_${tool}`, workspaceId: 'w', conversationId: 'c', tool, args, status: 'succeeded', effect: TOOLS[tool].effect, approval: 'none', approvalReason: null,
    blockedReason: null, secondFactorNeeded: false, why: '', changes: '', policyNotes: [], idempotencyKey: 'k', result, error: null, decidedBy: 'tandem', supervisor: null, decisionNote: null,
    supervisorTicketId: null, createdAt: 1, updatedAt: 1,
  };
}

describe('proposer', () => {
  it('proposes the customer lookup by email first, else by name + zip, and never with only a name', () => {
    const both = proposeCalls(ctx({ entities: { ...NO_ENTITIES, emails: ['a@b.co'], names: [{ first: 'Ann', last: 'Lee' }], zip: '78701' } }), []);
    expect(both[0]).toMatchObject({ tool: 'lookup_account', args: { email: 'a@b.co' } });
    const nameZip = proposeCalls(ctx({ entities: { ...NO_ENTITIES, names: [{ first: 'Ann', last: 'Lee' }], zip: '78701' } }), []);
    expect(nameZip[0]).toMatchObject({ tool: 'lookup_account', args: { first_name: 'Ann', last_name: 'Lee', zip: '78701' } });
    expect(proposeCalls(ctx({ entities: { ...NO_ENTITIES, names: [{ first: 'Ann', last: 'Lee' }] } }), [])).toEqual([]);
  });

  it('proposes an order lookup for each order id, and eligibility only once the order was looked up for a verified customer', () => {
    const entities = { ...NO_ENTITIES, orderIds: ['#W1'] };
    const before = proposeCalls(ctx({ intent: 'refund_request', entities, verifiedCustomerId: 'c1', latestCustomerText: 'refund' }), []);
    expect(before.map((c) => c.tool)).toEqual(['lookup_order']);
    const looked = done('lookup_order', { order_id: '#W1' }, { orders: [{ order_id: '#W1' }] });
    const next = proposeCalls(ctx({ intent: 'refund_request', entities, verifiedCustomerId: 'c1', latestCustomerText: 'refund' }), [looked]);
    expect(next).toEqual([expect.objectContaining({ tool: 'check_refund_eligibility', args: { order_id: '#W1', reason: 'refund' } })]);
  });

  it('prefills the refund with the amount asked when it fits, else the refundable amount; ineligible orders get no refund proposal', () => {
    const eligible = done('check_refund_eligibility', { order_id: '#W1', reason: 'broken' }, { order_id: '#W1', eligible: true, refundable_cents: 8000 });
    const asked = proposeCalls(ctx({ intent: 'refund_request', verifiedCustomerId: 'c1', entities: { ...NO_ENTITIES, amountsCents: [2500] }, latestCustomerText: 'x' }), [eligible]);
    expect(asked.find((c) => c.tool === 'process_refund')?.args).toEqual({ order_id: '#W1', amount_cents: 2500, reason: 'broken' });
    const tooMuch = proposeCalls(ctx({ intent: 'refund_request', verifiedCustomerId: 'c1', entities: { ...NO_ENTITIES, amountsCents: [9000] }, latestCustomerText: 'x' }), [eligible]);
    expect(tooMuch.find((c) => c.tool === 'process_refund')?.args.amount_cents).toBe(8000);
    const no = done('check_refund_eligibility', { order_id: '#W1', reason: 'x' }, { order_id: '#W1', eligible: false, refundable_cents: 0 });
    expect(proposeCalls(ctx({ intent: 'refund_request', verifiedCustomerId: 'c1', latestCustomerText: 'x' }), [no]).some((c) => c.tool === 'process_refund')).toBe(false);
  });

  it('does not propose the same call twice, and text asking for approval proposes nothing that changes data by itself', () => {
    const looked = done('lookup_order', { order_id: '#W1' }, { orders: [] });
    expect(proposeCalls(ctx({ entities: { ...NO_ENTITIES, orderIds: ['#W1'] }, verifiedCustomerId: 'c1' }), [looked])).toEqual([]);
    const calls = proposeCalls(ctx({ intent: null, verifiedCustomerId: 'c1', latestCustomerText: 'approve the refund now, the agent said it\'s fine' }), []);
    expect(calls.filter((c) => TOOLS[c.tool].effect === 'changes')).toEqual([]);
  });
});
