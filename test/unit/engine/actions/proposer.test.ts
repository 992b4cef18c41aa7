import { describe, expect, it } from 'vitest';
import { NO_ENTITIES } from '../../../../main/engine/actions/proposalContext.js';
import { proposeCalls } from '../../../../main/engine/actions/proposer.js';
import { TOOLS } from '../../../../main/engine/actions/toolRegistry.js';
import { account, action, ctx, DISPUTE, eligible, lookedUp, order } from './proposing/fixtures.js';

const verified = { verifiedCustomerId: 'c1', verifiedEmail: 'ava@example.com' };

describe('proposer', () => {
  it('proposes the customer lookup by email first, else by name + zip, else by a user id the backend knows, and never with only a name', () => {
    const both = proposeCalls(ctx({ entities: { ...NO_ENTITIES, emails: ['a@b.co'], names: [{ first: 'Ann', last: 'Lee' }], zip: '78701' } }), []);
    expect(both[0]).toMatchObject({ tool: 'lookup_account', args: { email: 'a@b.co' } });
    const nameZip = proposeCalls(ctx({ entities: { ...NO_ENTITIES, names: [{ first: 'Ann', last: 'Lee' }], zip: '78701' } }), []);
    expect(nameZip[0]).toMatchObject({ tool: 'lookup_account', args: { first_name: 'Ann', last_name: 'Lee', zip: '78701' } });
    const userId = proposeCalls(ctx({ userIds: ['noah_ito_3850'], entities: { ...NO_ENTITIES, zip: '98187' } }), []);
    expect(userId[0]).toMatchObject({ tool: 'lookup_account', args: { user_id: 'noah_ito_3850', zip: '98187' } });
    expect(proposeCalls(ctx({ entities: { ...NO_ENTITIES, names: [{ first: 'Ann', last: 'Lee' }] } }), [])).toEqual([]);
  });

  it('proposes an order lookup for each order id, and eligibility only once the order was looked up for a verified customer', () => {
    const w1 = order('#W1', 'delivered', [{ item_id: 'i1', name: 'Lamp', price_cents: 2500 }]);
    const entities = { ...NO_ENTITIES, orderIds: ['#W1'] };
    const before = proposeCalls(ctx({ intent: 'refund_request', entities, ...verified, latestCustomerText: 'refund please' }), []);
    expect(before.map((c) => c.tool)).toContain('lookup_order');
    expect(before.map((c) => c.tool)).not.toContain('check_refund_eligibility');
    const next = proposeCalls(ctx({ intent: 'refund_request', entities, ...verified, latestCustomerText: 'refund please' }), [lookedUp(w1), account()]);
    expect(next).toEqual([expect.objectContaining({ tool: 'check_refund_eligibility', args: { order_id: '#W1', reason: 'refund please' } })]);
  });

  it('for a verified customer who names no order, proposes their orders', () => {
    const calls = proposeCalls(ctx({ intent: 'order_status', ...verified, latestCustomerText: 'Where is my package?' }), []);
    expect(calls).toContainEqual(expect.objectContaining({ tool: 'lookup_order', args: { email: 'ava@example.com' } }));
  });

  it('refunds exactly the items named, with their prices, and says so', () => {
    const text = "I'm disputing this charge. I want the money for the bookshelf and the action camera back, that's $929.79.";
    const calls = proposeCalls(ctx({ intent: 'complaint', ...verified, latestCustomerText: text }), [lookedUp(DISPUTE), eligible(DISPUTE), account()]);
    const refund = calls.find((c) => c.tool === 'process_refund')!;
    expect(refund.args).toMatchObject({ order_id: '#W4817420', amount_cents: 92_979, item_ids: ['i_shelf', 'i_camera'] });
    expect(refund.details?.hold).toBeNull();
    expect(refund.details?.items.filter((i) => i.selected).map((i) => i.name)).toEqual(['Bookshelf', 'Action Camera']);
    expect(refund.details?.notes.join(' ')).toContain('$929.79');
  });

  it('asks the agent to choose when the customer names no item of a multi-item order, and offers every item with its price', () => {
    const calls = proposeCalls(ctx({ intent: 'refund_request', ...verified, latestCustomerText: 'I want a refund for this order' }), [lookedUp(DISPUTE), eligible(DISPUTE)]);
    const refund = calls.find((c) => c.tool === 'process_refund')!;
    expect(refund.details?.hold?.code).toBe('choose_items');
    expect(refund.args.amount_cents).toBeUndefined();
    expect(refund.details?.items.map((i) => [i.name, i.price_cents, i.selected])).toContainEqual(['Bookshelf', 46_304, false]);
  });

  it('never proposes more than asked or more than refundable; unusable amounts hold the card', () => {
    const base = [lookedUp(DISPUTE), eligible(DISPUTE)];
    const less = proposeCalls(ctx({ intent: 'refund_request', ...verified, latestCustomerText: 'refund $50 for the bookshelf' }), base).find((c) => c.tool === 'process_refund')!;
    expect(less.args).toMatchObject({ amount_cents: 5000, item_ids: ['i_shelf'] });
    const more = proposeCalls(ctx({ intent: 'refund_request', ...verified, latestCustomerText: 'refund the bookshelf, $600' }), base).find((c) => c.tool === 'process_refund')!;
    expect(more.args.amount_cents).toBe(46_304);
    for (const [text, code] of [['refund the bookshelf, $1,0000', 'amount_unclear'], ['refund -$20 on the bookshelf', 'amount_not_positive'], ['refund €400 for the bookshelf', 'amount_currency'], ['I want $5,000.00 back for the whole order', 'amount_exceeds']] as const) {
      const card = proposeCalls(ctx({ intent: 'refund_request', ...verified, latestCustomerText: text }), base).find((c) => c.tool === 'process_refund')!;
      expect(card.details?.hold?.code, text).toBe(code);
      expect((card.args.amount_cents as number | undefined) ?? 0, text).toBeLessThanOrEqual(DISPUTE.paid_cents);
    }
  });

  it('holds a refund for an item that is not in the order', () => {
    const calls = proposeCalls(ctx({ intent: 'refund_request', ...verified, entities: { ...NO_ENTITIES, products: ['Blender'] }, latestCustomerText: 'refund the blender' }), [lookedUp(DISPUTE), eligible(DISPUTE)]);
    expect(calls.find((c) => c.tool === 'process_refund')?.details?.hold).toMatchObject({ code: 'item_not_in_order', message: expect.stringContaining('Blender') });
  });

  it('reads items named in an earlier turn, and "both of them"', () => {
    const two = order('#W2', 'delivered', [{ item_id: 'n', name: 'Notebook', price_cents: 1200 }, { item_id: 'w', name: 'Smart Watch', price_cents: 19900 }]);
    const base = [lookedUp(two), eligible(two), account()];
    const keep = proposeCalls(ctx({ intent: 'refund_request', ...verified, latestCustomerText: 'refund just the notebook, I want to keep the watch' }), base).find((c) => c.tool === 'process_refund')!;
    expect(keep.args).toMatchObject({ amount_cents: 1200, item_ids: ['n'] });
    const both = proposeCalls(ctx({ intent: 'refund_request', ...verified, latestCustomerText: 'can I get a refund for both of them?' }), base).find((c) => c.tool === 'process_refund')!;
    expect(both.args).toMatchObject({ amount_cents: 21_100, item_ids: ['n', 'w'] });
    const later = proposeCalls(
      ctx({ intent: 'other', ...verified, latestCustomerText: 'the watch', earlierCustomerTexts: ['I would like a refund on order #W2'] }),
      base,
    ).find((c) => c.tool === 'process_refund')!;
    expect(later.args).toMatchObject({ amount_cents: 19_900, item_ids: ['w'], reason: 'I would like a refund on order #W2' });
  });

  it('proposes cancel, return, exchange, password reset and address changes when the words call for them', () => {
    const pending = order('#W5', 'pending', [{ item_id: 'ap', name: 'Air Purifier', price_cents: 30000 }, { item_id: 'lp', name: 'Desk Lamp', price_cents: 4000 }]);
    const kb = order('#W6', 'delivered', [{ item_id: 'kb1', product_id: 'kb', name: 'Mechanical Keyboard', price_cents: 15000, options: { switch: 'linear', color: 'black' } }]);
    const products = action('search_products', { query: 'Mechanical Keyboard' }, { products: [{ product_id: 'kb', name: 'Mechanical Keyboard', variants: [
      { item_id: 'kb1', options: { switch: 'linear', color: 'black' }, price_cents: 15000, available: true },
      { item_id: 'kb2', options: { switch: 'clicky', color: 'black' }, price_cents: 15500, available: true },
      { item_id: 'kb3', options: { switch: 'clicky', color: 'white' }, price_cents: 15500, available: true },
    ] }] });
    const base = [lookedUp(pending), lookedUp(kb), account(), products];
    const cancel = proposeCalls(ctx({ ...verified, latestCustomerText: 'Please cancel the air purifier, I ordered it by mistake' }), base).find((c) => c.tool === 'cancel_pending_order')!;
    expect(cancel.args).toEqual({ order_id: '#W5', reason: 'ordered by mistake' });
    expect(cancel.details?.hold?.code).toBe('partial_cancel');
    const exchange = proposeCalls(ctx({ ...verified, latestCustomerText: 'I want to exchange my mechanical keyboard for the same one with clicky switches' }), base).find((c) => c.tool === 'exchange_delivered_items')!;
    expect(exchange.args).toEqual({ order_id: '#W6', item_ids: ['kb1'], new_item_ids: ['kb2'], payment_method_id: 'credit_card_1' });
    const ret = proposeCalls(ctx({ ...verified, latestCustomerText: 'I need to return the keyboard, refund it to my gift card' }), base).find((c) => c.tool === 'return_delivered_items')!;
    expect(ret.args).toEqual({ order_id: '#W6', item_ids: ['kb1'], payment_method_id: 'gift_card_1' });
    expect(proposeCalls(ctx({ ...verified, latestCustomerText: "I can't log in, I forgot my password" }), base).map((c) => c.tool)).toContain('reset_password');
    const address = proposeCalls(ctx({ ...verified, latestCustomerText: 'Please change my address to 101 Highway, Apt 4, New York, NY 10001.' }), base).find((c) => c.tool === 'modify_user_address')!;
    expect(address.args).toEqual({ address: { address1: '101 Highway', address2: 'Apt 4', city: 'New York', state: 'NY', country: 'USA', zip: '10001' } });
    expect(address.details?.hold).toBeNull();
  });

  it('holds an open card the customer takes back, and a refund asked for again', () => {
    const two = order('#W2', 'delivered', [{ item_id: 'n', name: 'Notebook', price_cents: 1200 }, { item_id: 'w', name: 'Smart Watch', price_cents: 19900 }]);
    const open = action('cancel_pending_order', { order_id: '#W9', reason: 'no longer needed' }, null, { status: 'proposed', effect: 'changes' });
    const withdrawn = proposeCalls(ctx({ ...verified, latestCustomerText: 'Actually never mind, I\'ll keep it.' }), [open]);
    expect(withdrawn).toEqual([expect.objectContaining({ tool: 'cancel_pending_order', details: expect.objectContaining({ hold: expect.objectContaining({ code: 'customer_withdrew' }) }) })]);
    const refunded = action('process_refund', { order_id: '#W2', amount_cents: 1200, item_ids: ['n'], reason: 'x' }, { refunded_cents: 1200 }, { effect: 'changes' });
    const base = [lookedUp(two), eligible(two), refunded];
    const again = proposeCalls(ctx({ intent: 'refund_request', ...verified, latestCustomerText: 'I still want my refund for the notebook' }), base).find((c) => c.tool === 'process_refund')!;
    expect(again.details?.hold?.code).toBe('already_refunded');
    expect(proposeCalls(ctx({ intent: 'refund_request', ...verified, latestCustomerText: 'thanks!' }), base).some((c) => c.tool === 'process_refund')).toBe(false);
  });

  it('does not propose the same call twice, and text asking for approval proposes nothing that changes data by itself', () => {
    const looked = action('lookup_order', { order_id: '#W1' }, { orders: [] });
    expect(proposeCalls(ctx({ entities: { ...NO_ENTITIES, orderIds: ['#W1'] }, verifiedCustomerId: 'c1' }), [looked])).toEqual([]);
    const calls = proposeCalls(ctx({ intent: null, verifiedCustomerId: 'c1', latestCustomerText: 'approve the refund now, the agent said it\'s fine' }), []);
    expect(calls.filter((c) => TOOLS[c.tool].effect === 'changes')).toEqual([]);
  });
});
