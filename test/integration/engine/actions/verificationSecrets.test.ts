import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../main/api/contract.js';
import { createDispatcher, type Dispatcher } from '../../../../main/api/dispatcher.js';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import { HIDDEN_UNTIL_VERIFIED } from '../../../../main/engine/actions/verificationSecrets.js';
import type { Engine } from '../../../../main/engine/index.js';
import { accountLookupLine } from '../../../../renderer/src/features/actions/accountLookupText.js';
import { openDemoEngine } from './actionsTestEngine.js';

interface DemoCustomer { id: string; email: string; firstName: string; lastName: string; zip: string }

let engine: Engine;
let api: Dispatcher;
let events: ApiEvent[];

beforeEach(() => {
  engine = openDemoEngine();
  api = createDispatcher({ engine, appVersion: 'test' }, { validateOutput: true });
  events = [];
  engine.events.subscribe((event) => events.push(event));
});
afterEach(() => engine.close());

async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error!.code}: ${result.error!.message}`);
  return result.value as T;
}

/** Two demo customers whose zip is not part of anything else the test prints (so "not in the JSON" is exact). */
function twoCustomers(): [DemoCustomer, DemoCustomer] {
  const rows = engine.db
    .prepare(`SELECT id, email, first_name AS firstName, last_name AS lastName, zip FROM customers WHERE workspace_id = ? ORDER BY id LIMIT 50`)
    .all(engine.workspace.id) as DemoCustomer[];
  const usable = rows.filter((c) => !c.email.includes(c.zip) && !c.id.includes(c.zip));
  expect(usable.length).toBeGreaterThanOrEqual(2);
  return [usable[0]!, usable[1]!];
}

async function lookup(conversationId: string, args: Record<string, unknown>): Promise<ActionRecord> {
  const actions = await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId, call: { tool: 'lookup_account', args } }));
  const found = actions.filter((a) => a.tool === 'lookup_account').at(-1);
  if (!found) throw new Error('no lookup_account action');
  return found;
}

async function listed(conversationId: string, actionId: string): Promise<ActionRecord> {
  const actions = await value<ActionRecord[]>(api.invoke('actions.list', { conversationId }));
  return actions.find((a) => a.id === actionId)!;
}

async function verify(conversationId: string, customer: DemoCustomer): Promise<{ candidate: Record<string, unknown> }> {
  return value(api.invoke('customer.verify', { conversationId, lookup: { email: customer.email }, confirmCustomerId: customer.id }));
}

describe('verification secrets before and after verification', () => {
  it('a lookup by email hides the zip from the tool result, the candidate, events and the UI until the conversation is verified; then shows it', async () => {
    const [customer] = twoCustomers();
    const conversation = engine.conversations.create({ subject: 'Account question' });
    const action = await lookup(conversation.id, { email: customer.email });
    expect(action.status).toBe('succeeded');
    expect(action.result).toMatchObject({ customer_id: customer.id, first_name: customer.firstName, email: customer.email, zip: HIDDEN_UNTIL_VERIFIED, masked: ['zip'], verified: false });

    const candidate = await value<{ candidate: Record<string, unknown> }>(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email: customer.email } }));
    expect(candidate.candidate).toMatchObject({ customerId: customer.id, email: customer.email, zip: HIDDEN_UNTIL_VERIFIED, masked: ['zip'] });

    const draft = await value<{ text: string }>(api.invoke('draft.generate', { conversationId: conversation.id }));
    // Nothing the agent (or a model drafting for them) can read holds the zip yet.
    const seen = JSON.stringify([await value(api.invoke('actions.list', { conversationId: conversation.id })), candidate, draft, events]);
    expect(seen).not.toContain(customer.zip);
    const ui = accountLookupLine((await listed(conversation.id, action.id)).result as Record<string, unknown>);
    expect(ui).toContain('zip hidden until verified');
    expect(ui).toContain(customer.email);
    expect(ui).not.toContain(customer.zip);

    const confirmed = await verify(conversation.id, customer);
    expect(confirmed.candidate).toMatchObject({ customerId: customer.id, zip: customer.zip });
    expect(confirmed.candidate['masked']).toBeUndefined();
    const after = await listed(conversation.id, action.id);
    expect(after.result).toMatchObject({ customer_id: customer.id, email: customer.email, zip: customer.zip, verified: true });
    expect((after.result as Record<string, unknown>)['masked']).toBeUndefined();
    expect(accountLookupLine(after.result as Record<string, unknown>)).toContain(`zip ${customer.zip}`);
    // Looking the verified customer up again shows the full record as well.
    const again = await value<{ candidate: Record<string, unknown> }>(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email: customer.email } }));
    expect(again.candidate).toMatchObject({ zip: customer.zip });
  });

  it('a lookup by name and zip echoes the zip the customer gave but hides the email until verified', async () => {
    const [customer] = twoCustomers();
    const conversation = engine.conversations.create({ subject: 'Account question' });
    const action = await lookup(conversation.id, { first_name: customer.firstName, last_name: customer.lastName, zip: customer.zip });
    expect(action.result).toMatchObject({ customer_id: customer.id, zip: customer.zip, email: HIDDEN_UNTIL_VERIFIED, masked: ['email'] });
    const candidate = await value<{ candidate: Record<string, unknown> }>(
      api.invoke('customer.verify', { conversationId: conversation.id, lookup: { firstName: customer.firstName, lastName: customer.lastName, zip: customer.zip } }),
    );
    expect(candidate.candidate).toMatchObject({ zip: customer.zip, email: HIDDEN_UNTIL_VERIFIED, masked: ['email'] });
    expect(JSON.stringify([await value(api.invoke('actions.list', { conversationId: conversation.id })), candidate, events])).not.toContain(customer.email);
    expect(accountLookupLine((await listed(conversation.id, action.id)).result as Record<string, unknown>)).toContain('email hidden until verified');

    await verify(conversation.id, customer);
    expect((await listed(conversation.id, action.id)).result).toMatchObject({ email: customer.email, zip: customer.zip, verified: true });
  });

  it('a lookup of someone else stays masked after the conversation is verified as another customer', async () => {
    const [customer, someoneElse] = twoCustomers();
    const conversation = engine.conversations.create({ subject: 'Account question' });
    const other = await lookup(conversation.id, { email: someoneElse.email });
    await verify(conversation.id, customer);
    const after = await listed(conversation.id, other.id);
    expect(after.result).toMatchObject({ customer_id: someoneElse.id, zip: HIDDEN_UNTIL_VERIFIED, masked: ['zip'], verified: false });
    expect(JSON.stringify(await value(api.invoke('actions.list', { conversationId: conversation.id })))).not.toContain(someoneElse.zip);
  });
});
