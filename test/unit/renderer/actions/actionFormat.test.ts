import { describe, expect, it } from 'vitest';
import {
  approveLabel, argFields, confirmMatchLabel, confirmQuestion, parseDollars, type ActionView, type FormFieldView,
} from '../../../../renderer/src/features/actions/actionFormat.js';
import { argsOf, formStateOf } from '../../../../renderer/src/features/actions/toolArgsState.js';

const refund = (over: Partial<ActionView> = {}): ActionView => ({
  id: 'a1', workspaceId: 'w', conversationId: 'c', tool: 'process_refund', status: 'proposed', effect: 'changes', approval: 'agent',
  args: { amount_cents: 5201, item_ids: ['i1'], order_id: '#W1', reason: 'broken' },
  blockedReason: null, why: '', changes: 'Refunds $52.01 of order #W1 to the original payment method.', policyNotes: [], idempotencyKey: 'k', result: null, error: null,
  decidedBy: null, supervisor: null, approvalReason: null, secondFactorNeeded: false, decisionNote: null, supervisorTicketId: null, createdAt: 1, updatedAt: 1, destination: 'credit card ending 5988',
  proposal: {
    hold: null, newItems: [], originalPaymentMethodId: 'cc', statedAmountCents: null, reasons: [], notes: [],
    items: [{ item_id: 'i1', product_id: 'p1', name: 'Desk Lamp', options: {}, price_cents: 5201, selected: true }],
    paymentMethods: [{ id: 'cc', label: 'credit card ending 5988', source: 'credit_card' }],
  },
  ...over,
});

describe('action card wording', () => {
  it('names the amount on the button and amount and destination in the confirmation', () => {
    expect(approveLabel(refund())).toBe('Approve $52.01 refund');
    expect(confirmQuestion(refund())).toBe('Refund $52.01 for Desk Lamp ($52.01) to credit card ending 5988?');
    expect(approveLabel(refund({ effect: 'reads', tool: 'lookup_order' }))).toBe('Run');
  });

  it('shows arguments as labelled fields in dollars, with item names', () => {
    expect(argFields(refund())).toEqual([
      { label: 'Order', value: '#W1' }, { label: 'Items', value: 'Desk Lamp ($52.01)' }, { label: 'Amount', value: '$52.01' },
      { label: 'Reason', value: 'broken' }, { label: 'Refund to', value: 'credit card ending 5988' },
    ]);
  });

  it('labels the one-click verification with the detail the customer gave', () => {
    const lookup = refund({ tool: 'lookup_account', effect: 'reads', args: { first_name: 'Ava', last_name: 'Moore', zip: '85032' }, result: { first_name: 'Ava', last_name: 'Moore', zip: '85032', email: '(hidden)', masked: ['email'], verified: false } });
    expect(confirmMatchLabel(lookup)).toBe('Confirm: Ava Moore, zip 85032');
  });
});

describe('dollars in forms', () => {
  it('reads what agents type, in cents, and refuses what is not an amount', () => {
    expect(parseDollars('52.01')).toBe(5201);
    expect(parseDollars('$1,234.5')).toBe(123_450);
    expect(parseDollars('1,0000')).toBeNull();
    expect(parseDollars('-3')).toBeNull();
  });

  it('turns form state into the tool\'s arguments, naming the fields to fix', () => {
    const fields: FormFieldView[] = [
      { name: 'order_id', label: 'Order', kind: 'order', required: true },
      { name: 'amount_cents', label: 'Amount', kind: 'dollars', required: true },
      { name: 'item_ids', label: 'Items', kind: 'items', required: false },
      { name: 'payment_method_id', label: 'Payment method', kind: 'payment_method', required: false },
    ];
    const state = formStateOf(fields, { order_id: '#W1', amount_cents: 5201, item_ids: ['i1'] });
    expect(state).toEqual({ order_id: '#W1', amount_cents: '52.01', item_ids: ['i1'], payment_method_id: '' });
    expect(argsOf(fields, { ...state, amount_cents: '60' })).toEqual({ args: { order_id: '#W1', amount_cents: 6000, item_ids: ['i1'] }, errors: {} });
    expect(argsOf(fields, { ...state, amount_cents: '0' }).errors).toHaveProperty('amount_cents');
    expect(argsOf(fields, { ...state, order_id: '' }).errors).toEqual({ order_id: 'Order is needed.' });
  });
});
