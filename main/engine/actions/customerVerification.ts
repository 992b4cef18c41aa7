import type { Clock } from '../clock.js';
import type { ConversationService } from '../conversations/conversationService.js';
import { TandemError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Database } from '../store/database.js';
import type { AuditLog } from './auditLog.js';
import type { CommerceConnector, CustomerCandidate, IdentityLookup } from './connector.js';
import { maskVerificationSecrets, type VerificationSecret } from './verificationSecrets.js';

/**
 * Verification per the policy: the customer's account is located by email, or by first name + last
 * name + zip (or by the backend's user id with the zip on the account), and the agent confirms the
 * match. An order number is never enough. One customer per
 * conversation: once verified, a conversation cannot switch to another customer.
 */
export class CustomerVerification {
  constructor(
    private readonly db: Database,
    private readonly workspaceId: string,
    private readonly connector: CommerceConnector,
    private readonly conversations: ConversationService,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Reads the row directly so that actions of a deleted conversation still render (as unverified). */
  verifiedCustomerId(conversationId: string): string | null {
    const row = this.db.prepare(`SELECT verified, customer_id FROM conversations WHERE id = ?`).get(conversationId) as
      | { verified: number; customer_id: string | null }
      | undefined;
    return row && row.verified === 1 ? row.customer_id : null;
  }

  /**
   * Finds the account for the agent to confirm. The candidate shows a verification secret (email, zip)
   * only when the lookup was made with it: the conversation is not verified yet (verificationSecrets.ts).
   */
  async lookup(conversationId: string, lookup: IdentityLookup, actor: string): Promise<(CustomerCandidate & { masked?: VerificationSecret[] }) | null> {
    this.conversations.summary(conversationId);
    const candidate = await this.connector.findCustomer(this.workspaceId, lookup);
    this.audit.append({
      workspaceId: this.workspaceId, actor, kind: 'customer.lookup', conversationId,
      data: { by: lookupKind(lookup), found: candidate !== null, customerId: candidate?.customerId ?? null },
    });
    if (!candidate) return null;
    const verifiedAs = this.verifiedCustomerId(conversationId);
    if (verifiedAs !== null && verifiedAs === candidate.customerId) return candidate;
    return maskVerificationSecrets({ ...candidate }, 'email' in lookup ? { email: lookup.email } : { zip: lookup.zip });
  }

  /** The agent confirms a candidate: the lookup is repeated so a stale or guessed id cannot be confirmed. */
  async confirm(conversationId: string, lookup: IdentityLookup, customerId: string, actor: string): Promise<CustomerCandidate> {
    const current = this.conversations.summary(conversationId);
    if ('userId' in lookup && !lookup.zip?.trim()) throw new TandemError('E_VERIFICATION_INCOMPLETE');
    const candidate = await this.connector.findCustomer(this.workspaceId, lookup);
    if (!candidate) throw new TandemError('E_CUSTOMER_NOT_FOUND');
    if (candidate.customerId !== customerId) throw new TandemError('E_CUSTOMER_NOT_FOUND', 'Those details do not match the customer being confirmed.');
    // A user id finds the account; the zip the customer gave with it is what proves it is theirs.
    if ('userId' in lookup && candidate.zip.trim() !== lookup.zip!.trim()) {
      throw new TandemError('E_CUSTOMER_NOT_FOUND', 'The zip code the customer gave is not the one on that account.');
    }
    if (current.verified && current.customerId !== customerId) {
      throw new TandemError('E_NOT_OWNER', 'This conversation is already verified as another customer; start a new conversation for a different customer.');
    }
    this.db.transaction(() => {
      this.db.prepare(`UPDATE conversations SET customer_id = ?, verified = 1, updated_at = ? WHERE id = ?`).run(customerId, this.clock.now(), conversationId);
      this.audit.append({
        workspaceId: this.workspaceId, actor, kind: 'customer.verified', conversationId,
        data: { customerId, by: lookupKind(lookup) },
      });
    })();
    this.events.emit({ type: 'conversation.updated', conversation: this.conversations.summary(conversationId) });
    return candidate;
  }
}

function lookupKind(lookup: IdentityLookup): 'email' | 'name_zip' | 'user_id' {
  return 'email' in lookup ? 'email' : 'userId' in lookup ? 'user_id' : 'name_zip';
}
