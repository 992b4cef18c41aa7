import { z } from 'zod';

/** Argument and result shapes of every tool. Money is integer cents; ids stay the backend's strings. */
export const OrderId = z.string().trim().min(1).max(40);
export const ItemId = z.string().trim().min(1).max(40);
export const PaymentMethodId = z.string().trim().min(1).max(80);
export const Cents = z.number().int().nonnegative();

export const AddressArgs = z
  .object({
    address1: z.string().trim().min(1).max(200),
    address2: z.string().trim().max(200).default(''),
    city: z.string().trim().min(1).max(100),
    state: z.string().trim().min(1).max(100),
    country: z.string().trim().min(1).max(100),
    zip: z.string().trim().min(3).max(12),
  })
  .strict();

export const AddressResult = z.object({
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  state: z.string(),
  country: z.string(),
  zip: z.string(),
});

export const OrderView = z.object({
  order_id: z.string(),
  customer_id: z.string(),
  status: z.string(),
  address: AddressResult,
  items: z.array(
    z.object({ item_id: z.string(), product_id: z.string(), name: z.string(), options: z.record(z.string(), z.string()), price_cents: Cents }),
  ),
  fulfillments: z.array(z.object({ tracking_ids: z.array(z.string()), item_ids: z.array(z.string()) })),
  payments: z.array(z.object({ transaction_type: z.enum(['payment', 'refund']), amount_cents: Cents, payment_method_id: z.string() })),
  paid_cents: Cents,
  refunded_cents: Cents,
});
export type OrderView = z.infer<typeof OrderView>;

const ItemChangeArgs = z
  .object({
    order_id: OrderId,
    item_ids: z.array(ItemId).min(1).max(50),
    new_item_ids: z.array(ItemId).min(1).max(50),
    payment_method_id: PaymentMethodId,
  })
  .strict()
  .refine((a) => a.item_ids.length === a.new_item_ids.length, {
    message: 'item_ids and new_item_ids must have the same length (one new item per item)',
    path: ['new_item_ids'],
  });

const ItemChangeResult = z.object({
  order_id: z.string(),
  status: z.string(),
  price_difference_cents: z.number().int(),
  payment_method_id: z.string(),
});

export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;
export const TICKET_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;

export const toolSchemas = {
  lookup_order: {
    args: z
      .object({ order_id: OrderId.optional(), email: z.string().trim().email().max(200).optional() })
      .strict()
      .refine((a) => a.order_id !== undefined || a.email !== undefined, { message: 'give an order_id or an email' }),
    result: z.object({ orders: z.array(OrderView) }),
  },
  track_shipment: {
    args: z.object({ order_id: OrderId }).strict(),
    result: z.object({
      order_id: z.string(),
      status: z.string(),
      shipments: z.array(z.object({ tracking_ids: z.array(z.string()), item_ids: z.array(z.string()) })),
    }),
  },
  check_refund_eligibility: {
    args: z.object({ order_id: OrderId, reason: z.string().trim().min(1).max(500) }).strict(),
    result: z.object({
      order_id: z.string(),
      eligible: z.boolean(),
      explanation: z.string(),
      paid_cents: Cents,
      refunded_cents: Cents,
      refundable_cents: Cents,
      original_payment_method_id: z.string().nullable(),
    }),
  },
  process_refund: {
    args: z
      .object({
        order_id: OrderId,
        /** The items refunded, when the refund is for items (their prices bound the amount). */
        item_ids: z.array(ItemId).min(1).max(50).optional(),
        amount_cents: z.number().int().positive().max(100_000_000),
        payment_method_id: PaymentMethodId.optional(),
        reason: z.string().trim().min(1).max(500),
      })
      .strict(),
    result: z.object({
      order_id: z.string(),
      refunded_cents: Cents,
      payment_method_id: z.string(),
      timing: z.enum(['immediate', '5-7 business days']),
      remaining_refundable_cents: Cents,
    }),
  },
  create_ticket: {
    args: z
      .object({ subject: z.string().trim().min(1).max(200), priority: z.enum(TICKET_PRIORITIES), summary: z.string().trim().min(1).max(5000) })
      .strict(),
    result: z.object({ ticket_id: z.string(), subject: z.string(), priority: z.enum(TICKET_PRIORITIES) }),
  },
  lookup_account: {
    args: z
      .object({
        email: z.string().trim().email().max(200).optional(),
        first_name: z.string().trim().min(1).max(100).optional(),
        last_name: z.string().trim().min(1).max(100).optional(),
        zip: z.string().trim().min(3).max(12).optional(),
        /** The backend's own account id or username; a zip given with it is shown, to confirm the match. */
        user_id: z.string().trim().min(1).max(100).optional(),
      })
      .strict()
      .refine((a) => a.first_name === undefined && a.last_name === undefined
        ? a.zip === undefined || a.user_id !== undefined
        : a.first_name !== undefined && a.last_name !== undefined && a.zip !== undefined, {
        message: 'a name lookup needs first_name, last_name and zip together',
      }),
    result: z.object({
      customer_id: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      email: z.string(),
      zip: z.string(),
      verified: z.boolean(),
      address: AddressResult.optional(),
      payment_methods: z
        .array(z.object({ id: z.string(), source: z.string(), brand: z.string().nullable(), last_four: z.string().nullable(), balance_cents: Cents.nullable() }))
        .optional(),
      order_ids: z.array(z.string()).optional(),
    }),
  },
  reset_password: {
    args: z.object({}).strict(),
    result: z.object({ customer_id: z.string(), sent_to: z.string() }),
  },
  update_account: {
    args: z
      .object({ email: z.string().trim().email().max(200).optional(), address: AddressArgs.optional() })
      .strict()
      .refine((a) => a.email !== undefined || a.address !== undefined, { message: 'give an email or an address to change' }),
    result: z.object({ customer_id: z.string(), updated_fields: z.array(z.string()) }),
  },
  search_knowledge_base: {
    args: z.object({ query: z.string().trim().min(1).max(1000), intent: z.string().max(60).optional() }).strict(),
    result: z.object({
      results: z.array(z.object({ title: z.string(), source: z.string(), snippet: z.string(), score: z.number() })),
    }),
  },
  search_products: {
    args: z.object({ query: z.string().trim().min(1).max(200) }).strict(),
    result: z.object({
      products: z.array(
        z.object({
          product_id: z.string(),
          name: z.string(),
          variants: z.array(z.object({ item_id: z.string(), options: z.record(z.string(), z.string()), price_cents: Cents, available: z.boolean() })),
        }),
      ),
    }),
  },
  cancel_pending_order: {
    args: z.object({ order_id: OrderId, reason: z.enum(CANCEL_REASONS) }).strict(),
    result: z.object({
      order_id: z.string(),
      status: z.string(),
      refunds: z.array(z.object({ payment_method_id: z.string(), amount_cents: Cents, timing: z.enum(['immediate', '5-7 business days']) })),
    }),
  },
  return_delivered_items: {
    args: z.object({ order_id: OrderId, item_ids: z.array(ItemId).min(1).max(50), payment_method_id: PaymentMethodId }).strict(),
    result: z.object({ order_id: z.string(), status: z.string(), item_ids: z.array(z.string()), refund_cents: Cents, payment_method_id: z.string() }),
  },
  exchange_delivered_items: { args: ItemChangeArgs, result: ItemChangeResult },
  modify_pending_order_items: { args: ItemChangeArgs, result: ItemChangeResult },
  modify_pending_order_address: {
    args: z.object({ order_id: OrderId, address: AddressArgs }).strict(),
    result: z.object({ order_id: z.string(), address: AddressResult }),
  },
  modify_user_address: {
    args: z.object({ address: AddressArgs }).strict(),
    result: z.object({ customer_id: z.string(), address: AddressResult }),
  },
} as const;

export type ToolName = keyof typeof toolSchemas;
export type ToolArgs<T extends ToolName> = z.output<(typeof toolSchemas)[T]['args']>;
export type ToolResult<T extends ToolName> = z.output<(typeof toolSchemas)[T]['result']>;
export const TOOL_NAMES = Object.keys(toolSchemas) as [ToolName, ...ToolName[]];

export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(toolSchemas, name);
}
