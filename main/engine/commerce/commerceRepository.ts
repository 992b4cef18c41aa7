import type { Database } from '../store/database.js';
import type { Address, CommerceSnapshot, Customer, Order, OrderItem, OrderPayment, PaymentMethod, Product } from './types.js';

interface CustomerRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}

/** SQL for the embedded commerce backend (the demo shop, or any data imported into it). */
export class CommerceRepository {
  constructor(private readonly db: Database) {}

  /** Writes a snapshot; the caller wraps it in a transaction with whatever else must be atomic. */
  insertSnapshot(workspaceId: string, snapshot: CommerceSnapshot): void {
    const insertCustomer = this.db.prepare(
      `INSERT INTO customers (workspace_id, id, first_name, last_name, email, address1, address2, city, state, country, zip)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertMethod = this.db.prepare(
      `INSERT INTO payment_methods (workspace_id, id, customer_id, source, brand, last_four, balance_cents)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertProduct = this.db.prepare(`INSERT INTO products (workspace_id, id, name) VALUES (?, ?, ?)`);
    const insertVariant = this.db.prepare(
      `INSERT INTO variants (workspace_id, item_id, product_id, options_json, price_cents, available) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertOrder = this.db.prepare(
      `INSERT INTO orders (workspace_id, id, customer_id, status, address_json, fulfillments_json) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertItem = this.db.prepare(
      `INSERT INTO order_items (workspace_id, order_id, line, item_id, product_id, name, options_json, price_cents)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPayment = this.db.prepare(
      `INSERT INTO order_payments (workspace_id, order_id, line, transaction_type, amount_cents, payment_method_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const c of snapshot.customers) {
      const a = c.address;
      insertCustomer.run(workspaceId, c.id, c.firstName, c.lastName, c.email, a.address1, a.address2, a.city, a.state, a.country, a.zip);
    }
    for (const m of snapshot.paymentMethods) {
      insertMethod.run(workspaceId, m.id, m.customerId, m.source, m.brand, m.lastFour, m.balanceCents);
    }
    for (const p of snapshot.products) {
      insertProduct.run(workspaceId, p.id, p.name);
      for (const v of p.variants) {
        insertVariant.run(workspaceId, v.itemId, p.id, JSON.stringify(v.options), v.priceCents, v.available ? 1 : 0);
      }
    }
    for (const o of snapshot.orders) {
      insertOrder.run(workspaceId, o.id, o.customerId, o.status, JSON.stringify(o.address), JSON.stringify(o.fulfillments));
      o.items.forEach((item, line) => {
        insertItem.run(workspaceId, o.id, line, item.itemId, item.productId, item.name, JSON.stringify(item.options), item.priceCents);
      });
      o.payments.forEach((payment, line) => {
        insertPayment.run(workspaceId, o.id, line, payment.transactionType, payment.amountCents, payment.paymentMethodId);
      });
    }
  }

  counts(workspaceId: string): { customers: number; orders: number; products: number } {
    const count = (table: string): number =>
      (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE workspace_id = ?`).get(workspaceId) as { n: number }).n;
    return { customers: count('customers'), orders: count('orders'), products: count('products') };
  }

  findCustomerByEmail(workspaceId: string, email: string): Customer | null {
    const row = this.db
      .prepare(`SELECT * FROM customers WHERE workspace_id = ? AND email = ? COLLATE NOCASE`)
      .get(workspaceId, email.trim()) as CustomerRow | undefined;
    return row ? toCustomer(row) : null;
  }

  findCustomerByNameZip(workspaceId: string, firstName: string, lastName: string, zip: string): Customer | null {
    const row = this.db
      .prepare(
        `SELECT * FROM customers WHERE workspace_id = ? AND first_name = ? COLLATE NOCASE
           AND last_name = ? COLLATE NOCASE AND zip = ?`,
      )
      .get(workspaceId, firstName.trim(), lastName.trim(), zip.trim()) as CustomerRow | undefined;
    return row ? toCustomer(row) : null;
  }

  getCustomer(workspaceId: string, id: string): Customer | null {
    const row = this.db.prepare(`SELECT * FROM customers WHERE workspace_id = ? AND id = ?`).get(workspaceId, id) as
      | CustomerRow
      | undefined;
    return row ? toCustomer(row) : null;
  }

  paymentMethods(workspaceId: string, customerId: string): PaymentMethod[] {
    const rows = this.db
      .prepare(`SELECT * FROM payment_methods WHERE workspace_id = ? AND customer_id = ? ORDER BY id`)
      .all(workspaceId, customerId) as Array<{
      id: string;
      customer_id: string;
      source: PaymentMethod['source'];
      brand: string | null;
      last_four: string | null;
      balance_cents: number | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      source: r.source,
      brand: r.brand,
      lastFour: r.last_four,
      balanceCents: r.balance_cents,
    }));
  }

  orderIdsOfCustomer(workspaceId: string, customerId: string): string[] {
    return (
      this.db.prepare(`SELECT id FROM orders WHERE workspace_id = ? AND customer_id = ? ORDER BY id`).all(workspaceId, customerId) as {
        id: string;
      }[]
    ).map((r) => r.id);
  }

  getOrder(workspaceId: string, orderId: string): Order | null {
    const row = this.db.prepare(`SELECT * FROM orders WHERE workspace_id = ? AND id = ?`).get(workspaceId, orderId) as
      | { id: string; customer_id: string; status: string; address_json: string; fulfillments_json: string }
      | undefined;
    if (!row) return null;
    const items = (
      this.db
        .prepare(`SELECT * FROM order_items WHERE workspace_id = ? AND order_id = ? ORDER BY line`)
        .all(workspaceId, orderId) as Array<{ item_id: string; product_id: string; name: string; options_json: string; price_cents: number }>
    ).map(
      (r): OrderItem => ({
        itemId: r.item_id,
        productId: r.product_id,
        name: r.name,
        options: JSON.parse(r.options_json) as Record<string, string>,
        priceCents: r.price_cents,
      }),
    );
    const payments = (
      this.db
        .prepare(`SELECT * FROM order_payments WHERE workspace_id = ? AND order_id = ? ORDER BY line`)
        .all(workspaceId, orderId) as Array<{ transaction_type: 'payment' | 'refund'; amount_cents: number; payment_method_id: string }>
    ).map(
      (r): OrderPayment => ({
        transactionType: r.transaction_type,
        amountCents: r.amount_cents,
        paymentMethodId: r.payment_method_id,
      }),
    );
    return {
      id: row.id,
      customerId: row.customer_id,
      status: row.status,
      address: JSON.parse(row.address_json) as Address,
      items,
      payments,
      fulfillments: JSON.parse(row.fulfillments_json) as Order['fulfillments'],
    };
  }

  /** Item ids an earlier refund or return of the order was for (from the change log; ids repeat per line). */
  itemIdsRefunded(workspaceId: string, orderId: string): string[] {
    const rows = this.db
      .prepare(`SELECT details_json FROM commerce_changes WHERE workspace_id = ? AND order_id = ? AND kind IN ('refund', 'return')`)
      .all(workspaceId, orderId) as { details_json: string }[];
    return rows.flatMap((r) => {
      const ids = (JSON.parse(r.details_json) as { item_ids?: unknown }).item_ids;
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    });
  }

  listProducts(workspaceId: string): Product[] {
    const products = this.db.prepare(`SELECT id, name FROM products WHERE workspace_id = ? ORDER BY name`).all(workspaceId) as {
      id: string;
      name: string;
    }[];
    const variants = this.db
      .prepare(`SELECT * FROM variants WHERE workspace_id = ? ORDER BY product_id, item_id`)
      .all(workspaceId) as Array<{ item_id: string; product_id: string; options_json: string; price_cents: number; available: number }>;
    return products.map((p) => ({
      id: p.id,
      name: p.name,
      variants: variants
        .filter((v) => v.product_id === p.id)
        .map((v) => ({
          itemId: v.item_id,
          options: JSON.parse(v.options_json) as Record<string, string>,
          priceCents: v.price_cents,
          available: v.available === 1,
        })),
    }));
  }
}

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    address: {
      address1: row.address1,
      address2: row.address2,
      city: row.city,
      state: row.state,
      country: row.country,
      zip: row.zip,
    },
  };
}
