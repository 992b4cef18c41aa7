import { describe, expect, it } from 'vitest';
import type { Order, PaymentMethod } from '../../../../main/engine/commerce/types.js';
import {
  cancellationCheck, itemRefundCheck, itemSwapCheck, matchOrderLines, refundableCents, refundAmountCheck, refundDestinationCheck, refundEligibility, refundTiming, returnCheck,
} from '../../../../main/engine/actions/retailPolicy.js';

const address = { address1: '1 Main St', address2: '', city: 'Austin', state: 'TX', country: 'USA', zip: '78701' };
function order(status: string, overrides: Partial<Order> = {}): Order {
  return {
    id: '#W1000001', customerId: 'c1', status, address,
    items: [
      { itemId: 'i1', productId: 'p1', name: 'Lamp', options: { color: 'red' }, priceCents: 4_999 },
      { itemId: 'i2', productId: 'p2', name: 'Mug', options: {}, priceCents: 1_001 },
      { itemId: 'i2', productId: 'p2', name: 'Mug', options: {}, priceCents: 1_001 },
    ],
    payments: [{ transactionType: 'payment', amountCents: 7_001, paymentMethodId: 'credit_card_1' }],
    fulfillments: [],
    ...overrides,
  };
}
const card: PaymentMethod = { id: 'credit_card_1', customerId: 'c1', source: 'credit_card', brand: 'visa', lastFour: '1234', balanceCents: null };
const gift: PaymentMethod = { id: 'gift_card_1', customerId: 'c1', source: 'gift_card', brand: null, lastFour: null, balanceCents: 500 };
const paypal: PaymentMethod = { id: 'paypal_1', customerId: 'c1', source: 'paypal', brand: null, lastFour: null, balanceCents: null };
const othersGift: PaymentMethod = { ...gift, id: 'gift_card_9', customerId: 'c2' };

describe('retail policy', () => {
  it('refundable amount is paid minus refunded, in integer cents, never negative', () => {
    expect(refundableCents(order('delivered'))).toBe(7_001);
    const partly = order('delivered', { payments: [...order('delivered').payments, { transactionType: 'refund', amountCents: 2_000, paymentMethodId: 'credit_card_1' }] });
    expect(refundableCents(partly)).toBe(5_001);
    expect(refundAmountCheck(partly, 5_001).ok).toBe(true);
    expect(refundAmountCheck(partly, 5_002).ok).toBe(false);
    expect(refundAmountCheck(partly, 0).ok).toBe(false);
    expect(refundAmountCheck(partly, 10.5).ok).toBe(false);
    const over = order('delivered', { payments: [{ transactionType: 'refund', amountCents: 9_000, paymentMethodId: 'x' }] });
    expect(refundableCents(over)).toBe(0);
  });

  it('only delivered (or return/exchange requested) orders are refund-eligible', () => {
    expect(refundEligibility(order('delivered')).ok).toBe(true);
    expect(refundEligibility(order('return requested')).ok).toBe(true);
    for (const status of ['pending', 'processed', 'cancelled', 'pending (item modified)']) {
      expect(refundEligibility(order(status)).ok, status).toBe(false);
    }
  });

  it('refunds go to the original payment method or an existing gift card of the same customer', () => {
    expect(refundDestinationCheck(order('delivered'), card, 'c1').ok).toBe(true);
    expect(refundDestinationCheck(order('delivered'), gift, 'c1').ok).toBe(true);
    expect(refundDestinationCheck(order('delivered'), paypal, 'c1').ok).toBe(false);
    expect(refundDestinationCheck(order('delivered'), othersGift, 'c1').ok).toBe(false);
    expect(refundDestinationCheck(order('delivered'), undefined, 'c1').ok).toBe(false);
    expect(refundTiming(gift)).toBe('immediate');
    expect(refundTiming(card)).toBe('5-7 business days');
  });

  it('cancellation needs a pending order and one of the two allowed reasons', () => {
    expect(cancellationCheck(order('pending'), 'no longer needed').ok).toBe(true);
    expect(cancellationCheck(order('pending'), 'ordered by mistake').ok).toBe(true);
    expect(cancellationCheck(order('pending'), 'found it cheaper').ok).toBe(false);
    expect(cancellationCheck(order('processed'), 'no longer needed').ok).toBe(false);
  });

  it('an item refund covers items of the order not refunded before, for at most their prices', () => {
    const o = order('delivered');
    expect(itemRefundCheck(o, ['i2', 'i2'], 2_002, []).ok).toBe(true);
    expect(itemRefundCheck(o, ['i2'], 1_001, ['i2']).ok).toBe(true);
    expect(itemRefundCheck(o, ['i2'], 1_001, ['i2', 'i2'])).toMatchObject({ ok: false, reason: expect.stringContaining('already refunded') });
    expect(itemRefundCheck(o, ['i1'], 5_000, [])).toMatchObject({ ok: false, reason: expect.stringContaining('more than the items cost') });
    expect(itemRefundCheck(o, ['i9'], 100, [])).toMatchObject({ ok: false, reason: expect.stringContaining('not in order') });
  });

  it('returns need a delivered order and items that are in it, each line at most once', () => {
    expect(returnCheck(order('delivered'), ['i2', 'i2'], card, 'c1').ok).toBe(true);
    expect(returnCheck(order('delivered'), ['i2', 'i2', 'i2'], card, 'c1').ok).toBe(false);
    expect(returnCheck(order('pending'), ['i1'], card, 'c1').ok).toBe(false);
    expect(matchOrderLines(order('delivered'), ['i2', 'i1', 'i2'])).toEqual({ lines: [1, 0, 2] });
  });

  it('item swaps keep the product, need available different options, and a gift card must cover the difference', () => {
    const sameProduct = { itemId: 'i1b', productId: 'p1', options: { color: 'blue' }, priceCents: 5_499, available: true };
    const swap = itemSwapCheck(order('delivered'), 'delivered', ['i1'], [sameProduct], card, 'c1');
    expect(swap.ok).toBe(true);
    expect(swap.plan?.priceDifferenceCents).toBe(500);
    expect(itemSwapCheck(order('delivered'), 'delivered', ['i1'], [{ ...sameProduct, productId: 'p2' }], card, 'c1').ok).toBe(false);
    expect(itemSwapCheck(order('delivered'), 'delivered', ['i1'], [{ ...sameProduct, available: false }], card, 'c1').ok).toBe(false);
    expect(itemSwapCheck(order('delivered'), 'delivered', ['i1'], [{ ...sameProduct, itemId: 'i1' }], card, 'c1').ok).toBe(false);
    expect(itemSwapCheck(order('delivered'), 'delivered', ['i1'], [{ ...sameProduct, priceCents: 5_000 }], gift, 'c1').ok).toBe(true);
    expect(itemSwapCheck(order('delivered'), 'delivered', ['i1'], [{ ...sameProduct, priceCents: 5_500 }], gift, 'c1').ok).toBe(false);
    expect(itemSwapCheck(order('pending'), 'delivered', ['i1'], [sameProduct], card, 'c1').ok).toBe(false);
    expect(itemSwapCheck(order('pending'), 'pending', ['i1'], [sameProduct], card, 'c1').ok).toBe(true);
  });
});
