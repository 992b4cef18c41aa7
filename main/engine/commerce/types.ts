export interface Address {
  readonly address1: string;
  readonly address2: string;
  readonly city: string;
  readonly state: string;
  readonly country: string;
  readonly zip: string;
}

export interface Customer {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly address: Address;
}

export interface PaymentMethod {
  readonly id: string;
  readonly customerId: string;
  readonly source: 'credit_card' | 'paypal' | 'gift_card';
  readonly brand: string | null;
  readonly lastFour: string | null;
  readonly balanceCents: number | null;
}

export interface OrderItem {
  readonly itemId: string;
  readonly productId: string;
  readonly name: string;
  readonly options: Record<string, string>;
  readonly priceCents: number;
}

export interface OrderPayment {
  readonly transactionType: 'payment' | 'refund';
  readonly amountCents: number;
  readonly paymentMethodId: string;
}

export interface Fulfillment {
  readonly trackingIds: readonly string[];
  readonly itemIds: readonly string[];
}

export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly status: string;
  readonly address: Address;
  readonly items: readonly OrderItem[];
  readonly payments: readonly OrderPayment[];
  readonly fulfillments: readonly Fulfillment[];
}

export interface Variant {
  readonly itemId: string;
  readonly options: Record<string, string>;
  readonly priceCents: number;
  readonly available: boolean;
}

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly variants: readonly Variant[];
}

/** The whole embedded backend as plain values, ready to be written in one transaction. */
export interface CommerceSnapshot {
  readonly customers: readonly Customer[];
  readonly paymentMethods: readonly PaymentMethod[];
  readonly products: readonly Product[];
  readonly orders: readonly Order[];
}
