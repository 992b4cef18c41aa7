/** The action engine: tools, connectors, verification, proposals, approvals and the audit trail. */
export { openActions, type ActionsModule, type OpenActionsOptions } from './openActions.js';
export { ActionService, type ActionHooks, type ExecutionPoint, type ProposeInput } from './actionService.js';
export type { ActionRecord, ActionStatus, ActionError, Decision } from './actionTypes.js';
export { AuditLog, type AuditEntry, type AuditVerification } from './auditLog.js';
export type { CommerceConnector, CustomerCandidate, IdentityLookup, ToolCall } from './connector.js';
export { embeddedConnector } from './embeddedConnector.js';
export { httpConnector, loadHttpConnectorConfig, type HttpConnectorConfig, type SecretResolver } from './httpConnector.js';
export type { ProposalContext, ProposalEntities, PersonName } from './proposalContext.js';
export { fallbackEntities } from './entityFallback.js';
export { TOOLS, SUPERVISOR_REFUND_THRESHOLD_CENTS, type ToolDefinition } from './toolRegistry.js';
export { toolSchemas, TOOL_NAMES, type ToolName } from './toolSchemas.js';
export type { KnowledgeSearch } from './toolInvoker.js';
export type { Ticket } from './ticketStore.js';
