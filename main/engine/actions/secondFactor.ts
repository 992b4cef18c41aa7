import type { Clock } from '../clock.js';
import type { CommerceRepository } from '../commerce/commerceRepository.js';
import { TandemError } from '../errors.js';
import type { Database } from '../store/database.js';
import type { WorkspaceRepository } from '../workspace/workspaceRepository.js';
import type { AuditLog } from './auditLog.js';
import { bareOrderId } from './approval/refundExposure.js';
import type { ToolName } from './toolSchemas.js';

const SETTING = 'verification.secondFactor';

/** Tools that move money: refunds, cancellations refunded to the card, returns, exchanges and item swaps with a price difference. */
export const MONEY_MOVING_TOOLS: ReadonlySet<ToolName> = new Set<ToolName>([
  'process_refund',
  'cancel_pending_order',
  'return_delivered_items',
  'exchange_delivered_items',
  'modify_pending_order_items',
]);

export type SecondFactorKind = 'zip' | 'order';
export type SecondFactorProof = { readonly zip: string } | { readonly orderId: string };

/**
 * Verification strength. The policy verifies a customer by email alone, so anyone who knows a victim's
 * email can be confirmed as them. A workspace can require a second factor — the zip code on the account,
 * or the id of one of the customer's orders — before any action that moves money. Verifying by name and
 * zip already includes the zip. Off by default (and in the demo), so the seed's policy is unchanged.
 */
export class SecondFactor {
  constructor(
    private readonly db: Database,
    private readonly workspaceId: string,
    private readonly workspaces: WorkspaceRepository,
    private readonly commerce: CommerceRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  required(): boolean {
    return this.workspaces.getSetting<boolean>(this.workspaceId, SETTING) === true;
  }

  setRequired(on: boolean, actor: string): boolean {
    if (on === this.required()) return on;
    this.db.transaction(() => {
      this.workspaces.setSetting(this.workspaceId, SETTING, on, this.clock.now());
      this.audit.append({ workspaceId: this.workspaceId, actor, kind: 'settings.security', data: { secondFactorBeforeMoneyMoves: on } });
    })();
    return on;
  }

  /** The factor confirmed in this conversation: recorded by confirm(), or the zip of a name + zip verification. */
  confirmed(conversationId: string, customerId: string): SecondFactorKind | null {
    const row = this.db.prepare(`SELECT factor FROM customer_second_factors WHERE conversation_id = ? AND customer_id = ?`).get(conversationId, customerId) as
      | { factor: SecondFactorKind }
      | undefined;
    if (row) return row.factor;
    const byNameZip = this.audit
      .list({ conversationId, limit: 200 })
      .some((e) => e.kind === 'customer.verified' && e.data['by'] === 'name_zip' && e.data['customerId'] === customerId);
    return byNameZip ? 'zip' : null;
  }

  /** Whether an action of this tool may run now, as far as the second factor goes. */
  satisfied(tool: ToolName, conversationId: string, customerId: string | null): boolean {
    if (!MONEY_MOVING_TOOLS.has(tool) || !this.required()) return true;
    return customerId !== null && this.confirmed(conversationId, customerId) !== null;
  }

  /** Checks what the customer said (their zip, or an order id of theirs) against the verified account. */
  confirm(conversationId: string, customerId: string | null, proof: SecondFactorProof, actor: string): SecondFactorKind {
    if (!customerId) throw new TandemError('E_NOT_VERIFIED');
    const customer = this.commerce.getCustomer(this.workspaceId, customerId);
    if (!customer) throw new TandemError('E_CONNECTOR_UNSUPPORTED', 'The second factor is checked against the embedded shop; confirm it in your own system.');
    const factor: SecondFactorKind = 'zip' in proof ? 'zip' : 'order';
    const matches =
      'zip' in proof
        ? proof.zip.trim().toLowerCase() === customer.address.zip.trim().toLowerCase()
        : this.commerce.getOrder(this.workspaceId, `#${bareOrderId(proof.orderId)}`)?.customerId === customerId;
    this.db.transaction(() => {
      this.audit.append({ workspaceId: this.workspaceId, actor, kind: 'customer.second_factor', conversationId, data: { customerId, factor, matches } });
      if (matches) {
        this.db
          .prepare(`INSERT INTO customer_second_factors (conversation_id, customer_id, factor, confirmed_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (conversation_id) DO UPDATE SET customer_id = excluded.customer_id, factor = excluded.factor, confirmed_at = excluded.confirmed_at`)
          .run(conversationId, customerId, factor, this.clock.now());
      }
    })();
    if (!matches) throw new TandemError('E_SECOND_FACTOR_MISMATCH');
    return factor;
  }
}
