import type { Database } from '../store/database.js';
import type { Address } from './types.js';

/**
 * The embedded backend's writes. Each method is one statement-sized step; callers (the embedded
 * connector) run a whole tool call inside one transaction, together with its idempotency record.
 */
export class CommerceWrites {
  constructor(private readonly db: Database) {}

  appendPayment(workspaceId: string, orderId: string, type: 'payment' | 'refund', amountCents: number, paymentMethodId: string): void {
    if (!Number.isInteger(amountCents) || amountCents < 0) throw new RangeError(`Not an amount in cents: ${amountCents}`);
    const { next } = this.db
      .prepare(`SELECT COALESCE(MAX(line), -1) + 1 AS next FROM order_payments WHERE workspace_id = ? AND order_id = ?`)
      .get(workspaceId, orderId) as { next: number };
    this.db
      .prepare(`INSERT INTO order_payments (workspace_id, order_id, line, transaction_type, amount_cents, payment_method_id) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(workspaceId, orderId, next, type, amountCents, paymentMethodId);
  }

  setOrderStatus(workspaceId: string, orderId: string, status: string): void {
    this.db.prepare(`UPDATE orders SET status = ? WHERE workspace_id = ? AND id = ?`).run(status, workspaceId, orderId);
  }

  setOrderAddress(workspaceId: string, orderId: string, address: Address): void {
    this.db.prepare(`UPDATE orders SET address_json = ? WHERE workspace_id = ? AND id = ?`).run(JSON.stringify(address), workspaceId, orderId);
  }

  replaceOrderItem(workspaceId: string, orderId: string, line: number, item: { itemId: string; options: Record<string, string>; priceCents: number }): void {
    this.db
      .prepare(`UPDATE order_items SET item_id = ?, options_json = ?, price_cents = ? WHERE workspace_id = ? AND order_id = ? AND line = ?`)
      .run(item.itemId, JSON.stringify(item.options), item.priceCents, workspaceId, orderId, line);
  }

  /** Gift-card balances never go below zero: the CHECK is here because the table predates it. */
  adjustGiftCardBalance(workspaceId: string, paymentMethodId: string, deltaCents: number): void {
    const row = this.db
      .prepare(`SELECT balance_cents FROM payment_methods WHERE workspace_id = ? AND id = ? AND source = 'gift_card'`)
      .get(workspaceId, paymentMethodId) as { balance_cents: number | null } | undefined;
    if (!row) throw new Error(`Gift card ${paymentMethodId} does not exist.`);
    const next = (row.balance_cents ?? 0) + deltaCents;
    if (next < 0) throw new RangeError(`Gift card ${paymentMethodId} would go below zero.`);
    this.db.prepare(`UPDATE payment_methods SET balance_cents = ? WHERE workspace_id = ? AND id = ?`).run(next, workspaceId, paymentMethodId);
  }

  setCustomerAddress(workspaceId: string, customerId: string, a: Address): void {
    this.db
      .prepare(`UPDATE customers SET address1 = ?, address2 = ?, city = ?, state = ?, country = ?, zip = ? WHERE workspace_id = ? AND id = ?`)
      .run(a.address1, a.address2, a.city, a.state, a.country, a.zip, workspaceId, customerId);
  }

  setCustomerEmail(workspaceId: string, customerId: string, email: string): void {
    this.db.prepare(`UPDATE customers SET email = ? WHERE workspace_id = ? AND id = ?`).run(email, workspaceId, customerId);
  }

  /** Details the orders table has no columns for (return items, exchange targets, reset requests). */
  recordChange(workspaceId: string, customerId: string, orderId: string | null, kind: string, details: unknown, at: number): void {
    this.db
      .prepare(`INSERT INTO commerce_changes (workspace_id, customer_id, order_id, kind, details_json, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(workspaceId, customerId, orderId, kind, JSON.stringify(details), at);
  }

  variant(workspaceId: string, itemId: string): { itemId: string; productId: string; options: Record<string, string>; priceCents: number; available: boolean } | undefined {
    const row = this.db.prepare(`SELECT * FROM variants WHERE workspace_id = ? AND item_id = ?`).get(workspaceId, itemId) as
      | { item_id: string; product_id: string; options_json: string; price_cents: number; available: number }
      | undefined;
    return row
      ? { itemId: row.item_id, productId: row.product_id, options: JSON.parse(row.options_json) as Record<string, string>, priceCents: row.price_cents, available: row.available === 1 }
      : undefined;
  }
}
