import type { CommerceRepository } from '../commerce/commerceRepository.js';
import type { Customer, Order } from '../commerce/types.js';
import { TandemError } from '../errors.js';

/**
 * Every order and account tool goes through these: no verified customer, no data; a record of another
 * customer is refused without echoing any of its contents.
 */
export function requireVerified(customerId: string | null): string {
  if (!customerId) throw new TandemError('E_NOT_VERIFIED', 'This conversation\'s customer is not verified yet.');
  return customerId;
}

export function requireOwnOrder(commerce: CommerceRepository, workspaceId: string, orderId: string, customerId: string | null): Order {
  const verified = requireVerified(customerId);
  const order = commerce.getOrder(workspaceId, normalizeOrderId(orderId)) ?? commerce.getOrder(workspaceId, orderId);
  if (!order) throw new TandemError('E_NOT_FOUND', `Order ${orderId} does not exist.`);
  if (order.customerId !== verified) throw new TandemError('E_NOT_OWNER', `Order ${orderId} is not an order of the verified customer.`);
  return order;
}

export function requireOwnAccount(commerce: CommerceRepository, workspaceId: string, customerId: string | null): Customer {
  const verified = requireVerified(customerId);
  const customer = commerce.getCustomer(workspaceId, verified);
  if (!customer) throw new TandemError('E_NOT_FOUND', `The verified customer ${verified} no longer exists in the commerce data.`);
  return customer;
}

/** Customers write "W2378156" or "#W2378156"; the shop's ids carry the '#'. */
export function normalizeOrderId(orderId: string): string {
  const trimmed = orderId.trim();
  return /^W\d+$/i.test(trimmed) ? `#${trimmed.toUpperCase()}` : trimmed;
}
