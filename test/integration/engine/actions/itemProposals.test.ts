import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import { failureOf, refundRows, useDemoApi, valueOf } from './actionsTestEngine.js';

/**
 * Item-level proposals on the demo shop, through the API as the UI calls it. The demo's Ava Moore
 * (order #W4817420: water bottle, bookshelf, action camera, kettle, boots; $1,380.79) and Noah Ito
 * are records of the shipped demo data, used as a support agent would.
 */
const demo = useDemoApi();
const value = valueOf;
const failure = failureOf;

async function avaSays(text: string): Promise<string> {
  const conversation = demo.engine.conversations.create({ customerRef: 'ava.moore6020@example.com' });
  const lookup = { email: 'ava.moore6020@example.com' };
  const found = await value<{ candidate: { customerId: string } }>(demo.api.invoke('customer.verify', { conversationId: conversation.id, lookup }));
  await value(demo.api.invoke('customer.verify', { conversationId: conversation.id, lookup, confirmCustomerId: found.candidate.customerId }));
  await say(conversation.id, text);
  return conversation.id;
}

async function say(conversationId: string, text: string): Promise<ActionRecord[]> {
  demo.engine.conversations.send(conversationId, 'customer', text);
  await demo.engine.assist.idle();
  return value<ActionRecord[]>(demo.api.invoke('actions.list', { conversationId }));
}

const refunds = (actions: readonly ActionRecord[]): ActionRecord[] => actions.filter((a) => a.tool === 'process_refund');

describe('item-level refunds on the demo shop', () => {
  it('refunds the items named, once; asked again, the card is held and nothing runs', async () => {
    const id = await avaSays('Order #W4817420: I want a refund for the bookshelf and the action camera.');
    const [card] = refunds(await value<ActionRecord[]>(demo.api.invoke('actions.list', { conversationId: id })));
    expect(card).toMatchObject({ status: 'proposed', args: { order_id: '#W4817420', amount_cents: 92_979, item_ids: ['4900661478', '6700049080'] }, proposal: { hold: null } });
    expect(card!.destination).toMatch(/gift card/);
    // Over $100: approving alone changes nothing, so the agent sends it to a supervisor.
    expect((await failure(demo.api.invoke('actions.approve', { actionId: card!.id }))).code).toBe('E_SUPERVISOR_REQUIRED');
    await value(demo.api.invoke('actions.requestSupervisor', { actionId: card!.id }));

    const again = refunds(await say(id, 'Please refund the bookshelf, I want my money back!')).filter((a) => a.status === 'proposed');
    expect(again).toHaveLength(1);
    expect(again[0]!.proposal?.hold?.code).toBe('already_refunded');
    const refused = await failure(demo.api.invoke('actions.approve', { actionId: again[0]!.id }));
    expect(refused.code).toBe('E_ACTION_HELD');
    expect(refused.message).toMatch(/already/);
    expect(refundRows(demo.engine, '#W4817420')).toEqual([]);
    // The first card waits for a supervisor (over $100): nothing was refunded yet, and the repeat cannot add to it.
  });

  it('asks the agent to choose items when the customer names none, and runs only with the agent\'s choice', async () => {
    const id = await avaSays('I want a refund on order #W4817420, half of it is wrong.');
    const [card] = refunds(await value<ActionRecord[]>(demo.api.invoke('actions.list', { conversationId: id })));
    expect(card!.proposal).toMatchObject({ hold: { code: 'choose_items' } });
    expect(card!.proposal!.items.map((i) => [i.name, i.price_cents])).toContainEqual(['Water Bottle', 4776]);
    const done = await value<ActionRecord>(demo.api.invoke('actions.approve', {
      actionId: card!.id, args: { order_id: '#W4817420', item_ids: ['6777246137'], amount_cents: 4776, reason: 'wrong item' },
    }));
    expect(done).toMatchObject({ status: 'succeeded', proposal: { hold: null } });
    expect(refundRows(demo.engine, '#W4817420')).toEqual([expect.objectContaining({ amount_cents: 4776 })]);
    const audit = await value<{ kind: string }[]>(demo.api.invoke('audit.list', { actionId: card!.id }));
    expect(audit.map((e) => e.kind)).toEqual(expect.arrayContaining(['action.proposed', 'action.edited', 'action.hold_lifted', 'action.executed']));
  });

  it('a later message naming the items revises the open card; an agent\'s edit is never revised', async () => {
    const id = await avaSays('I want a refund on order #W4817420.');
    const [held] = refunds(await value<ActionRecord[]>(demo.api.invoke('actions.list', { conversationId: id })));
    expect(held!.proposal?.hold?.code).toBe('choose_items');
    const [revised] = refunds(await say(id, 'Just the water bottle please.'));
    expect(revised).toMatchObject({ id: held!.id, args: { amount_cents: 4776, item_ids: ['6777246137'] }, proposal: { hold: null } });
    // The agent edits the amount; a new message must not overwrite it.
    await value(demo.api.invoke('actions.approve', { actionId: held!.id, args: { ...revised!.args, amount_cents: 4000 } }));
    expect(refundRows(demo.engine, '#W4817420')).toEqual([expect.objectContaining({ amount_cents: 4000 })]);
  });

  it('never refunds an item twice, even on a card added by hand', async () => {
    const id = await avaSays('Hello, a question about order #W4817420.');
    const call = { tool: 'process_refund', args: { order_id: '#W4817420', item_ids: ['6777246137'], amount_cents: 4776, reason: 'broken' } };
    const first = (await value<ActionRecord[]>(demo.api.invoke('actions.propose', { conversationId: id, call }))).find((a) => a.tool === 'process_refund')!;
    expect(first.proposal?.items.find((i) => i.item_id === '6777246137')?.selected).toBe(true);
    await value(demo.api.invoke('actions.approve', { actionId: first.id }));
    const second = (await value<ActionRecord[]>(demo.api.invoke('actions.propose', { conversationId: id, call: { ...call, args: { ...call.args, reason: 'again' } } })))
      .filter((a) => a.tool === 'process_refund').at(-1)!;
    const twice = await failure(demo.api.invoke('actions.approve', { actionId: second.id }));
    expect(twice).toMatchObject({ code: 'E_NOT_ELIGIBLE', message: expect.stringContaining('already refunded') });
    expect(refundRows(demo.engine, '#W4817420')).toHaveLength(1);
  });

  it('another customer\'s order gets no card that moves money, and its lookup says why', async () => {
    const id = await avaSays('Refund the blender in order #W2611340 please.');
    const actions = await value<ActionRecord[]>(demo.api.invoke('actions.list', { conversationId: id }));
    expect(actions.find((a) => a.tool === 'lookup_order')).toMatchObject({ status: 'failed', error: { code: 'E_NOT_OWNER' } });
    expect(actions.filter((a) => a.effect === 'changes')).toEqual([]);
  });
});

describe('forms for the agent', () => {
  it('lists every tool with its form, and the conversation\'s orders, items and payment methods to choose from', async () => {
    const forms = await value<{ name: string }[]>(demo.api.invoke('tools.list', {}));
    expect(forms.map((f) => f.name)).toContain('exchange_delivered_items');
    const id = await avaSays('I want to return the kettle from order #W4817420.');
    const choices = await value<{ orders: { order_id: string; items: { name: string; price_cents: number }[] }[]; paymentMethods: { label: string }[] }>(
      demo.api.invoke('actions.choices', { conversationId: id }),
    );
    expect(choices.orders[0]).toMatchObject({ order_id: '#W4817420', items: expect.arrayContaining([{ item_id: '9624127908', product_id: '1075968781', name: 'Electric Kettle', options: expect.any(Object), price_cents: 15_890 }]) });
    expect(choices.paymentMethods.map((m) => m.label)).toEqual(['gift card (balance $69.00)']);
  });
});

describe('identification by user id', () => {
  it('proposes a lookup by a user id the shop knows, shows the zip given, and confirms only with the zip on the account', async () => {
    const conversation = demo.engine.conversations.create({ firstMessage: "Hi, I'm user noah_ito_3850, zip 98187. How much did I pay for my last order?" });
    await demo.engine.assist.idle();
    const actions = await value<ActionRecord[]>(demo.api.invoke('actions.list', { conversationId: conversation.id }));
    const lookup = actions.find((a) => a.tool === 'lookup_account')!;
    expect(lookup).toMatchObject({ status: 'succeeded', args: { user_id: 'noah_ito_3850', zip: '98187' } });
    expect(lookup.result).toMatchObject({ first_name: 'Noah', last_name: 'Ito', zip: '98187', email: expect.stringMatching(/hidden/) });

    const noZip = await failure(demo.api.invoke('customer.verify', { conversationId: conversation.id, lookup: { userId: 'noah_ito_3850' }, confirmCustomerId: 'noah_ito_3850' }));
    expect(noZip.code).toBe('E_VERIFICATION_INCOMPLETE');
    const wrongZip = await failure(demo.api.invoke('customer.verify', { conversationId: conversation.id, lookup: { userId: 'noah_ito_3850', zip: '10001' }, confirmCustomerId: 'noah_ito_3850' }));
    expect(wrongZip.code).toBe('E_CUSTOMER_NOT_FOUND');
    await value(demo.api.invoke('customer.verify', { conversationId: conversation.id, lookup: { userId: 'noah_ito_3850', zip: '98187' }, confirmCustomerId: 'noah_ito_3850' }));
    expect(demo.engine.conversations.summary(conversation.id)).toMatchObject({ verified: true, customerId: 'noah_ito_3850' });
  });

  it('a made-up id proposes nothing', async () => {
    const conversation = demo.engine.conversations.create({ firstMessage: "I'm user zz_nobody_0000, zip 98187" });
    await demo.engine.assist.idle();
    const actions = await value<ActionRecord[]>(demo.api.invoke('actions.list', { conversationId: conversation.id }));
    expect(actions.filter((a) => a.tool === 'lookup_account')).toEqual([]);
  });
});
