import type { ToolOutcome } from '../escalation/types.js';
import type { RoutingResult } from '../router/types.js';
import type { ActionService } from './actionService.js';
import type { ActionRecord } from './actionTypes.js';
import { fallbackEntities } from './entityFallback.js';
import type { PersonName, ProposalEntities } from './proposalContext.js';
import { TOOLS } from './toolRegistry.js';

/** The router's entities in the proposer's shape; without a routing result, the fallback extractor. */
export function entitiesFromRouting(routing: RoutingResult | null, text: string): ProposalEntities {
  if (!routing) return fallbackEntities(text);
  const values = (kind: string): string[] => [...new Set(routing.entities.filter((e) => e.kind === kind).map((e) => e.value))];
  const names: PersonName[] = values('person_name')
    .map((full) => full.trim().split(/\s+/))
    .filter((parts) => parts.length >= 2)
    .map((parts) => ({ first: parts[0]!, last: parts.at(-1)! }));
  return {
    orderIds: values('order_id'),
    emails: values('email').map((e) => e.toLowerCase()),
    names,
    zip: values('zip')[0] ?? null,
    amountsCents: routing.entities.filter((e) => e.kind === 'money' && e.amountCents !== undefined).map((e) => e.amountCents!),
  };
}

/** The assist pipeline's actions stage. */
export function proposeForAssist(service: ActionService) {
  return (conversationId: string, routing: RoutingResult | null, latestCustomerText: string): Promise<readonly ActionRecord[]> =>
    service.propose(conversationId, { intent: routing?.intent ?? null, entities: entitiesFromRouting(routing, latestCustomerText) });
}

/** Tool results as escalation sees them: a failed critical tool is a trigger. */
export function toolOutcomesOf(service: ActionService, conversationId: string): ToolOutcome[] {
  return service
    .list(conversationId)
    .filter((a) => a.status === 'succeeded' || a.error !== null)
    .map((a) => ({
      tool: a.tool,
      critical: TOOLS[a.tool].critical,
      ok: a.status === 'succeeded',
      ...(a.error && a.status !== 'succeeded' ? { error: `${a.error.code}: ${a.error.message}` } : {}),
      at: a.updatedAt,
    }));
}
