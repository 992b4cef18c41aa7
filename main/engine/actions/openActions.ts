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
import { SupervisorPins } from './supervisorPins.js';
import { TicketStore } from './ticketStore.js';
import { ToolInvoker, type KnowledgeSearch } from './toolInvoker.js';

/** Everything the action engine exposes on the Engine object. */
export interface ActionsModule {
  readonly service: ActionService;
  readonly verification: CustomerVerification;
  readonly audit: AuditLog;
  readonly supervisors: SupervisorPins;
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
  const supervisors = new SupervisorPins(o.db, o.clock);
  const invoker = new ToolInvoker(connector, tickets, o.searchKnowledge ?? null);
  const verification = new CustomerVerification(o.db, o.workspaceId, connector, o.conversations, audit, o.events, o.clock);
  const service = new ActionService({
    db: o.db, workspaceId: o.workspaceId, conversations: o.conversations, connector, invoker, verification,
    supervisors, tickets, audit, events: o.events, clock: o.clock, log: o.log, ...(o.hooks ? { hooks: o.hooks } : {}),
  });
  return { service, verification, audit, supervisors, tickets, connector, setKnowledgeSearch: (s) => invoker.setKnowledgeSearch(s) };
}
