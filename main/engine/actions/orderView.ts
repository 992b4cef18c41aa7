import type { Order } from '../commerce/types.js';
import { paidCents, refundedCents } from './retailPolicy.js';
import type { OrderView } from './toolSchemas.js';

/** The order as tools return it: snake_case like the rest of the tool results, money in cents. */
export function toOrderView(order: Order): OrderView {
  return {
    order_id: order.id,
    customer_id: order.customerId,
    status: order.status,
    address: { ...order.address },
    items: order.items.map((i) => ({ item_id: i.itemId, product_id: i.productId, name: i.name, options: { ...i.options }, price_cents: i.priceCents })),
    fulfillments: order.fulfillments.map((f) => ({ tracking_ids: [...f.trackingIds], item_ids: [...f.itemIds] })),
    payments: order.payments.map((p) => ({ transaction_type: p.transactionType, amount_cents: p.amountCents, payment_method_id: p.paymentMethodId })),
    paid_cents: paidCents(order),
    refunded_cents: refundedCents(order),
  };
}
