import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { parseTau2Retail } from '../../../../main/engine/commerce/tau2RetailImport.js';
import { DEMO_DATA_DIR } from '../../../../main/engine/demo/demoAssets.js';
import { retailFixture } from '../../../support/retailFixture.js';

/** Cents from the decimal text of an amount, without floating point: the reference the import must match. */
function centsFromDecimalText(amount: number): number {
  const [whole = '0', fraction = ''] = String(amount).split('.');
  if (fraction.length > 2) throw new Error(`${amount} has sub-cent digits`);
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

describe('parseTau2Retail', () => {
  it('converts dollars to exact integer cents (536.65 → 53665, 0.29 → 29)', () => {
    const snapshot = parseTau2Retail(retailFixture());
    const order = snapshot.orders[0];
    expect(order?.payments).toEqual([{ transactionType: 'payment', amountCents: 53665, paymentMethodId: 'gift_card_1725971' }]);
    expect(order?.items.map((i) => i.priceCents)).toEqual([4784, 48881]);
    expect(snapshot.products[0]?.variants.map((v) => v.priceCents)).toEqual([4784, 29]);
    expect(snapshot.paymentMethods.find((m) => m.id === 'gift_card_1725971')?.balanceCents).toBe(1710);
    expect(snapshot.paymentMethods.find((m) => m.id === 'credit_card_7815826')).toMatchObject({ balanceCents: null, lastFour: '9212' });
  });

  it('maps customers, a missing address2 to an empty string, and fulfillments', () => {
    const snapshot = parseTau2Retail(retailFixture());
    expect(snapshot.customers).toHaveLength(2);
    expect(snapshot.customers.find((c) => c.id === 'noah_brown_6181')?.address.address2).toBe('');
    expect(snapshot.orders[0]?.fulfillments).toEqual([{ trackingIds: ['357962501027'], itemIds: ['6469567736', '8426249116'] }]);
  });

  it('converts every amount in the shipped demo shop exactly (compared with decimal arithmetic)', () => {
    const raw = JSON.parse(readFileSync(join(DEMO_DATA_DIR, 'retail-db.json'), 'utf8')) as {
      orders: Record<string, { items: { price: number }[]; payment_history: { amount: number }[] }>;
    };
    const snapshot = parseTau2Retail(raw);
    const byId = new Map(snapshot.orders.map((o) => [o.id, o]));
    let checked = 0;
    for (const [id, order] of Object.entries(raw.orders)) {
      const parsed = byId.get(id);
      expect(parsed?.items.map((i) => i.priceCents)).toEqual(order.items.map((i) => centsFromDecimalText(i.price)));
      expect(parsed?.payments.map((p) => p.amountCents)).toEqual(order.payment_history.map((p) => centsFromDecimalText(p.amount)));
      checked += order.items.length + order.payment_history.length;
    }
    expect(snapshot.orders).toHaveLength(1000);
    expect(checked).toBeGreaterThan(3000);
  });

  it('rejects a broken export as a whole, naming the bad field', () => {
    const negative = retailFixture();
    (negative.orders['#W2611340']!.payment_history as { amount: number }[])[0]!.amount = -5;
    const missing = retailFixture();
    delete missing.orders['#W2611340']!.user_id;
    const wrongType = retailFixture();
    wrongType.orders['#W2611340']!.items = 'two things';
    for (const broken of [negative, missing, wrongType, { users: {} }, null, []]) {
      expect(() => parseTau2Retail(broken)).toThrow(ZodError);
    }
    try {
      parseTau2Retail(negative);
    } catch (error) {
      expect(JSON.stringify((error as ZodError).issues[0]?.path)).toContain('payment_history');
    }
  });
});
