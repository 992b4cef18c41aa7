import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import { ActionTaskSchema, firstCustomerMessage, scoreTask, summarize } from '../../../../main/engine/actions/evaluation/actionsEval.js';

const task = (known: string, actions: { name: string; arguments: Record<string, unknown> }[]) =>
  ActionTaskSchema.parse({ id: 1, user_scenario: { instructions: { reason_for_call: 'Cancel order #W1234567.', known_info: known } }, evaluation_criteria: { actions } });
const proposal = (tool: string, args: Record<string, unknown>) => ({ tool, args }) as unknown as ActionRecord;

describe('actions evaluation scoring', () => {
  it('joins reason and known info with a space', () => {
    expect(firstCustomerMessage(task('I am Ann Lee.', []))).toBe('Cancel order #W1234567. I am Ann Lee.');
  });

  it('scores the lookup arguments and the order lookups named in the message', () => {
    const t = task('zip 78701', [
      { name: 'find_user_id_by_name_zip', arguments: { first_name: 'Ann', last_name: 'Lee', zip: '78701' } },
      { name: 'get_order_details', arguments: { order_id: '#W1234567' } },
      { name: 'get_order_details', arguments: { order_id: '#W7654321' } },
    ]);
    const message = firstCustomerMessage(t);
    const good = scoreTask(t, message, [proposal('lookup_account', { first_name: 'ann', last_name: 'Lee', zip: '78701' }), proposal('lookup_order', { order_id: '#W1234567' })]);
    expect(good).toMatchObject({ identifyCorrect: true, orderLookupCorrect: true });
    const bad = scoreTask(t, message, [proposal('lookup_account', { first_name: 'Ann', last_name: 'Lee', zip: '78702' })]);
    expect(bad).toMatchObject({ identifyCorrect: false, orderLookupCorrect: false });
    const none = scoreTask(task('', [{ name: 'get_order_details', arguments: { order_id: '#W9999999' } }]), 'x', []);
    expect(none).toMatchObject({ identifyCorrect: null, orderLookupCorrect: null });
    expect(summarize([good, bad, none])).toEqual({ identify_accuracy: 0.5, order_lookup_accuracy: 0.5, n: 3, identify_n: 2, order_lookup_n: 2 });
  });

  it('counts a lookup by user id when the id is the customer the expected lookup finds', () => {
    const t = task('You are ann_lee_1234 in zip 78701.', [{ name: 'find_user_id_by_name_zip', arguments: { first_name: 'Ann', last_name: 'Lee', zip: '78701' } }]);
    const resolve = (l: { first_name?: string }) => (l.first_name === 'Ann' ? 'ann_lee_1234' : null);
    expect(scoreTask(t, 'x', [proposal('lookup_account', { user_id: 'ann_lee_1234', zip: '78701' })], resolve).identifyCorrect).toBe(true);
    expect(scoreTask(t, 'x', [proposal('lookup_account', { user_id: 'bob_roe_9999' })], resolve).identifyCorrect).toBe(false);
    expect(scoreTask(t, 'x', [proposal('lookup_account', { user_id: 'ann_lee_1234' })]).identifyCorrect).toBe(false);
  });
});
