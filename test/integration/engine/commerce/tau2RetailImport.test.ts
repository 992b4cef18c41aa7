import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommerceRepository } from '../../../../main/engine/commerce/commerceRepository.js';
import { parseTau2Retail } from '../../../../main/engine/commerce/tau2RetailImport.js';
import { openDatabase, type Database } from '../../../../main/engine/store/database.js';
import { retailFixture } from '../../../support/retailFixture.js';

let db: Database;
let commerce: CommerceRepository;
beforeEach(() => {
  db = openDatabase(':memory:').db;
  db.prepare(`INSERT INTO workspaces (id, name, created_at) VALUES ('shop', 'Shop', 0)`).run();
  commerce = new CommerceRepository(db);
});
afterEach(() => db.close());

/** The import as the product runs it: parse the whole file first, then write in one transaction. */
function importRetail(json: unknown): void {
  const snapshot = parseTau2Retail(json);
  db.transaction(() => commerce.insertSnapshot('shop', snapshot))();
}

describe('τ² retail import into the store', () => {
  it('round-trips an order with exact cents', () => {
    importRetail(retailFixture());
    expect(commerce.counts('shop')).toEqual({ customers: 2, orders: 1, products: 1 });
    const order = commerce.getOrder('shop', '#W2611340');
    expect(order?.payments[0]?.amountCents).toBe(53665);
    expect(order?.items.reduce((sum, item) => sum + item.priceCents, 0)).toBe(53665);
    expect(commerce.findCustomerByEmail('shop', 'JAMES.LI4495@example.com')?.id).toBe('james_li_5688');
  });

  it('writes nothing when the file is broken (rejected before the first insert)', () => {
    const broken = retailFixture();
    (broken.orders['#W2611340']!.items as { price: number }[])[1]!.price = -488.81;
    expect(() => importRetail(broken)).toThrow();
    expect(commerce.counts('shop')).toEqual({ customers: 0, orders: 0, products: 0 });
    expect((db.prepare(`SELECT COUNT(*) AS n FROM payment_methods`).get() as { n: number }).n).toBe(0);
  });

  it('writes nothing when a well-formed file references an unknown customer (the transaction rolls back)', () => {
    const dangling = retailFixture();
    dangling.orders['#W2611340']!.user_id = 'nobody_0000';
    expect(() => importRetail(dangling)).toThrow(/FOREIGN KEY/);
    expect(commerce.counts('shop')).toEqual({ customers: 0, orders: 0, products: 0 });
  });
});
