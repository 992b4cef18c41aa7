import type { CommerceRepository } from '../commerce/commerceRepository.js';
import { CommerceWrites } from '../commerce/commerceWrites.js';
import type { Database } from '../store/database.js';
import type { CommerceConnector, CustomerCandidate, IdentityLookup, ToolCall } from './connector.js';
import { EmbeddedChanges } from './embeddedChanges.js';
import { EmbeddedReads } from './embeddedReads.js';
import type { ToolArgs, ToolName } from './toolSchemas.js';

const EMBEDDED_TOOLS = new Set<ToolName>([
  'lookup_order', 'track_shipment', 'check_refund_eligibility', 'process_refund', 'lookup_account', 'reset_password',
  'update_account', 'search_products', 'cancel_pending_order', 'return_delivered_items', 'exchange_delivered_items',
  'modify_pending_order_items', 'modify_pending_order_address', 'modify_user_address',
]);

/** The commerce backend inside Tandem's own SQLite file (the demo shop, or imported data). */
export function embeddedConnector(db: Database, commerce: CommerceRepository): CommerceConnector {
  const reads = new EmbeddedReads(commerce);
  const changes = new EmbeddedChanges(commerce, new CommerceWrites(db));
  return {
    name: 'embedded',
    inProcess: true,
    supports: (tool) => EMBEDDED_TOOLS.has(tool),
    findCustomer(workspaceId: string, lookup: IdentityLookup): CustomerCandidate | null {
      const c = 'email' in lookup
        ? commerce.findCustomerByEmail(workspaceId, lookup.email)
        : 'userId' in lookup
          ? commerce.getCustomer(workspaceId, lookup.userId.trim())
          : commerce.findCustomerByNameZip(workspaceId, lookup.firstName, lookup.lastName, lookup.zip);
      return c ? { customerId: c.id, firstName: c.firstName, lastName: c.lastName, email: c.email, zip: c.address.zip } : null;
    },
    // The shop's own ids decide: a token is a user id when a customer has it.
    recognizesUserId: (workspaceId, token) => commerce.getCustomer(workspaceId, token) !== null,
    run(call: ToolCall): unknown {
      const a = call.args as never;
      switch (call.tool) {
        case 'lookup_order': return reads.lookupOrder(call, a as ToolArgs<'lookup_order'>);
        case 'track_shipment': return reads.trackShipment(call, a);
        case 'check_refund_eligibility': return reads.checkRefundEligibility(call, a);
        case 'lookup_account': return reads.lookupAccount(call, a);
        case 'search_products': return reads.searchProducts(call, a);
        case 'process_refund': return changes.processRefund(call, a);
        case 'cancel_pending_order': return changes.cancelPendingOrder(call, a);
        case 'return_delivered_items': return changes.returnDeliveredItems(call, a);
        case 'exchange_delivered_items': return changes.exchangeDeliveredItems(call, a);
        case 'modify_pending_order_items': return changes.modifyPendingOrderItems(call, a);
        case 'modify_pending_order_address': return changes.modifyPendingOrderAddress(call, a);
        case 'modify_user_address': return changes.modifyUserAddress(call, a);
        case 'update_account': return changes.updateAccount(call, a);
        case 'reset_password': return changes.resetPassword(call);
        default: throw new Error(`The embedded backend has no ${call.tool}.`);
      }
    },
  };
}
