import type { Clock } from '../clock.js';
import type { CommerceRepository } from '../commerce/commerceRepository.js';
import type { ConversationService } from '../conversations/conversationService.js';
import type { EventBus } from '../events.js';
import type { Log } from '../log.js';
import type { Database } from '../store/database.js';
import { ActionService, type ActionHooks } from './actionService.js';
import { AuditLog } from './auditLog.js';
import type { CommerceConnector } from './connector.js';
import { CustomerVerification } from './customerVerification.js';
import { embeddedConnector } from './embeddedConnector.js';
import { LocalPinAuthority } from './approval/localPinAuthority.js';
import { TicketStore } from './ticketStore.js';
import { SecondFactor } from './secondFactor.js';
import { WorkspaceRepository } from '../workspace/workspaceRepository.js';
import { ToolInvoker, type KnowledgeSearch } from './toolInvoker.js';

/** Everything the action engine exposes on the Engine object. */
export interface ActionsModule {
  readonly service: ActionService;
  readonly verification: CustomerVerification;
  readonly audit: AuditLog;
  /** Supervisor profiles, PIN checks with lockout, and the rule of who must approve what. */
  readonly authority: LocalPinAuthority;
  readonly secondFactor: SecondFactor;
  readonly tickets: TicketStore;
  readonly connector: CommerceConnector;
  setKnowledgeSearch(search: KnowledgeSearch | null): void;
}

export interface OpenActionsOptions {
  readonly db: Database;
  readonly workspaceId: string;
  readonly commerce: CommerceRepository;
  readonly conversations: ConversationService;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly log: Log;
  /** Defaults to the embedded SQLite backend. */
  readonly connector?: CommerceConnector | undefined;
  readonly searchKnowledge?: KnowledgeSearch | null | undefined;
  /** Test-only interruption points (crash tests); never reachable from the API. */
  readonly hooks?: ActionHooks | undefined;
}

export function openActions(o: OpenActionsOptions): ActionsModule {
  const connector = o.connector ?? embeddedConnector(o.db, o.commerce);
  const audit = new AuditLog(o.db, o.clock);
  const tickets = new TicketStore(o.db);
  const authority = new LocalPinAuthority({
    db: o.db, clock: o.clock, audit,
    shopRefundedCents: (workspaceId, orderId) => shopRefundedCents(o.commerce, workspaceId, orderId),
    onChange: () => o.events.emit({ type: 'supervisors.changed' }),
  });
  const secondFactor = new SecondFactor(o.db, o.workspaceId, new WorkspaceRepository(o.db), o.commerce, audit, o.clock);
  const invoker = new ToolInvoker(connector, tickets, o.searchKnowledge ?? null);
  const verification = new CustomerVerification(o.db, o.workspaceId, connector, o.conversations, audit, o.events, o.clock);
  const service = new ActionService({
    db: o.db, workspaceId: o.workspaceId, conversations: o.conversations, connector, invoker, verification,
    authority, secondFactor, tickets, audit, events: o.events, clock: o.clock, log: o.log, ...(o.hooks ? { hooks: o.hooks } : {}),
  });
  return { service, verification, audit, authority, secondFactor, tickets, connector, setKnowledgeSearch: (s) => invoker.setKnowledgeSearch(s) };
}

/** Refunds the shop has recorded on an order (the embedded shop's payments), or null when it does not know the order. */
function shopRefundedCents(commerce: CommerceRepository, workspaceId: string, orderId: string): number | null {
  const order = commerce.getOrder(workspaceId, `#${orderId.trim().replace(/^#/, '')}`);
  if (!order) return null;
  return order.payments.reduce((sum, p) => sum + (p.transactionType === 'refund' ? p.amountCents : 0), 0);
}
