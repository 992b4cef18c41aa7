/** The seed's intent → knowledge categories filter; intents not listed search every category. */
export const INTENT_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  refund_request: ['returns', 'billing', 'policies'],
  order_status: ['shipping', 'tracking', 'orders'],
  product_question: ['products', 'specs', 'compatibility'],
};

export function categoriesForIntent(intent: string | null | undefined): readonly string[] | null {
  return (intent && INTENT_CATEGORIES[intent]) || null;
}
