import { describe, expect, it } from 'vitest';
import { toolForm, toolForms } from '../../../../main/engine/actions/toolForms.js';
import { TOOL_NAMES } from '../../../../main/engine/actions/toolSchemas.js';

describe('tool forms from the argument schemas', () => {
  it('offers every tool, with money in dollars, items as checkboxes and payment methods to pick', () => {
    expect(toolForms().map((f) => f.name)).toEqual(TOOL_NAMES);
    const refund = toolForm('process_refund');
    expect(refund.fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['order_id', 'order', true], ['item_ids', 'items', false], ['amount_cents', 'dollars', true], ['payment_method_id', 'payment_method', false], ['reason', 'longtext', true],
    ]);
    expect(toolForm('exchange_delivered_items').fields.map((f) => f.kind)).toEqual(['order', 'items', 'new_items', 'payment_method']);
  });

  it('gives choices their values and an address its own fields', () => {
    expect(toolForm('cancel_pending_order').fields[1]).toMatchObject({ kind: 'choice', options: ['no longer needed', 'ordered by mistake'] });
    const address = toolForm('modify_user_address').fields[0]!;
    expect(address).toMatchObject({ kind: 'address', label: 'Address' });
    expect(address.fields?.map((f) => [f.name, f.required])).toEqual([['address1', true], ['address2', false], ['city', true], ['state', true], ['country', true], ['zip', true]]);
    expect(toolForm('reset_password').fields).toEqual([]);
  });
});
