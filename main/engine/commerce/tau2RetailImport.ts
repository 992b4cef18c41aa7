import { z } from 'zod';
import { dollarsToCents } from '../money.js';
import type { CommerceSnapshot, Customer, Order, PaymentMethod, Product } from './types.js';

/**
 * Reads a τ²-bench retail database (users, orders, products keyed by id) into a CommerceSnapshot.
 * The file is validated as a whole before anything is written, so a broken export changes nothing.
 */
const AddressSchema = z.object({
  address1: z.string(),
  address2: z.string().default(''),
  city: z.string(),
  state: z.string(),
  country: z.string(),
  zip: z.string(),
});

const PaymentMethodSchema = z.object({
  source: z.enum(['credit_card', 'paypal', 'gift_card']),
  id: z.string(),
  brand: z.string().optional(),
  last_four: z.string().optional(),
  balance: z.number().optional(),
});

const UserSchema = z.object({
  user_id: z.string(),
  name: z.object({ first_name: z.string(), last_name: z.string() }),
  address: AddressSchema,
  email: z.string(),
  payment_methods: z.record(z.string(), PaymentMethodSchema),
});

const OrderSchema = z.object({
  order_id: z.string(),
  user_id: z.string(),
  address: AddressSchema,
  items: z.array(
    z.object({
      name: z.string(),
      product_id: z.string(),
      item_id: z.string(),
      price: z.number().nonnegative(),
      options: z.record(z.string(), z.string()),
    }),
  ),
  status: z.string(),
  fulfillments: z.array(z.object({ tracking_id: z.array(z.string()), item_ids: z.array(z.string()) })),
  payment_history: z.array(
    z.object({
      transaction_type: z.enum(['payment', 'refund']),
      amount: z.number().nonnegative(),
      payment_method_id: z.string(),
    }),
  ),
});

const ProductSchema = z.object({
  name: z.string(),
  product_id: z.string(),
  variants: z.record(
    z.string(),
    z.object({
      item_id: z.string(),
      options: z.record(z.string(), z.string()),
      available: z.boolean(),
      price: z.number().nonnegative(),
    }),
  ),
});

const Tau2RetailSchema = z.object({
  users: z.record(z.string(), UserSchema),
  orders: z.record(z.string(), OrderSchema),
  products: z.record(z.string(), ProductSchema),
});

export function parseTau2Retail(json: unknown): CommerceSnapshot {
  const data = Tau2RetailSchema.parse(json);
  const customers: Customer[] = [];
  const paymentMethods: PaymentMethod[] = [];
  for (const user of Object.values(data.users)) {
    customers.push({
      id: user.user_id,
      firstName: user.name.first_name,
      lastName: user.name.last_name,
      email: user.email,
      address: user.address,
    });
    for (const method of Object.values(user.payment_methods)) {
      paymentMethods.push({
        id: method.id,
        customerId: user.user_id,
        source: method.source,
        brand: method.brand ?? null,
        lastFour: method.last_four ?? null,
        balanceCents: method.balance === undefined ? null : dollarsToCents(method.balance),
      });
    }
  }
  const orders: Order[] = Object.values(data.orders).map((order) => ({
    id: order.order_id,
    customerId: order.user_id,
    status: order.status,
    address: order.address,
    items: order.items.map((item) => ({
      itemId: item.item_id,
      productId: item.product_id,
      name: item.name,
      options: item.options,
      priceCents: dollarsToCents(item.price),
    })),
    payments: order.payment_history.map((payment) => ({
      transactionType: payment.transaction_type,
      amountCents: dollarsToCents(payment.amount),
      paymentMethodId: payment.payment_method_id,
    })),
    fulfillments: order.fulfillments.map((f) => ({ trackingIds: f.tracking_id, itemIds: f.item_ids })),
  }));
  const products: Product[] = Object.values(data.products).map((product) => ({
    id: product.product_id,
    name: product.name,
    variants: Object.values(product.variants).map((variant) => ({
      itemId: variant.item_id,
      options: variant.options,
      priceCents: dollarsToCents(variant.price),
      available: variant.available,
    })),
  }));
  return { customers, paymentMethods, products, orders };
}
