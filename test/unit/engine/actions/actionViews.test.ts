import { describe, expect, it } from 'vitest';
import type { ActionRow } from '../../../../main/engine/actions/actionRepository.js';
import { toActionRecord } from '../../../../main/engine/actions/actionView.js';
import { ActionViews } from '../../../../main/engine/actions/actionViews.js';

const row: ActionRow = {
  id: 'a1',
  workspace_id: 'w',
  conversation_id: 'c',
  tool: 'lookup_order',
  args_json: '{"order_id":"#W1"}',
  status: 'proposed',
  why: 'The customer asked where the order is.',
  idempotency_key: 'k1',
  result_json: null,
  error_code: null,
  error_message: null,
  decided_by: null,
  supervisor: null,
  decision_note: null,
  supervisor_ticket_id: null,
  proposal_json: null,
  created_at: 1,
  updated_at: 1,
};

describe('ActionViews', () => {
  it('reuses a view only while every column and the verified customer are unchanged', () => {
    const views = new ActionViews();
    const first = views.of({ ...row }, null);
    expect(first).toEqual(toActionRecord(row, null));
    expect(views.of({ ...row }, null)).toBe(first);
    // The same timestamp (a fixed clock) with another column changed is a new view.
    const succeeded = { ...row, status: 'succeeded' as const, result_json: '{"status":"delivered"}' };
    expect(views.of(succeeded, null)).toEqual(toActionRecord(succeeded, null));
    const edited = { ...succeeded, args_json: '{"order_id":"#W2"}' };
    expect(views.of(edited, null).args).toEqual({ order_id: '#W2' });
    expect(views.of(edited, 'customer-1')).toEqual(toActionRecord(edited, 'customer-1'));
  });
});
