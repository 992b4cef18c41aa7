import type { ToolOutcome } from '../escalation/types.js';
import type { RoutingResult } from '../router/types.js';
import type { ActionService } from './actionService.js';
import type { ActionRecord } from './actionTypes.js';
import { fallbackEntities } from './entityFallback.js';
import type { PersonName, ProposalEntities } from './proposalContext.js';
import { TOOLS } from './toolRegistry.js';

/**
 * The router's entities in the proposer's shape, completed by the fallback extractor: the router's
 * extractor is tuned for first-person messages ("I'm Ann Lee"), the fallback also reads third- and
 * second-person phrasings and zips at the end of an address. Router values come first.
 */
export function entitiesFromRouting(routing: RoutingResult | null, text: string): ProposalEntities {
  const fallback = fallbackEntities(text);
  if (!routing) return fallback;
  const values = (kind: string): string[] => [...new Set(routing.entities.filter((e) => e.kind === kind).map((e) => e.value))];
  const names: PersonName[] = values('person_name')
    .map((full) => full.trim().split(/\s+/))
    .filter((parts) => parts.length >= 2)
    .map((parts) => ({ first: parts[0]!, last: parts.at(-1)! }));
  for (const name of fallback.names ?? []) {
    if (!names.some((n) => n.first === name.first && n.last === name.last)) names.push(name);
  }
  const amounts = routing.entities.filter((e) => e.kind === 'money' && e.amountCents !== undefined).map((e) => e.amountCents!);
  return {
    orderIds: union(values('order_id'), fallback.orderIds),
    emails: union(values('email').map((e) => e.toLowerCase()), fallback.emails),
    names,
    zip: zipNearestName(routing, text, names[0]) ?? fallback.zip ?? null,
    amountsCents: amounts.length > 0 ? amounts : fallback.amountsCents,
    products: values('product'),
  };
}

/**
 * The zip that goes with the customer's name: "I'm Yusuf Taylor from San Jose, CA 95154 … my new
 * address is …, IL 62701" names two zips, and the one beside the name is theirs.
 */
function zipNearestName(routing: RoutingResult, text: string, person: PersonName | undefined): string | null {
  const zips = routing.entities.filter((e) => e.kind === 'zip');
  // Where the name is: the router's span, or where the name the fallback read ("You are Ann Lee") stands.
  const routed = routing.entities.find((e) => e.kind === 'person_name');
  const at = routed ? routed.start : person ? text.indexOf(`${person.first} ${person.last}`) : -1;
  if (at < 0 || zips.length < 2) return zips[0]?.value ?? null;
  const name = { start: at, end: routed ? routed.end : at + `${person!.first} ${person!.last}`.length };
  const between = (e: { start: number; end: number }): string => text.slice(Math.min(e.end, name.end), Math.max(e.start, name.start));
  const sameSentence = zips.filter((z) => !/[.!?\n]/.test(between(z)));
  const pool = sameSentence.length > 0 ? sameSentence : zips;
  return [...pool].sort((a, b) => between(a).length - between(b).length)[0]!.value;
}

function union(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}

/**
 * The assist pipeline's actions stage. The result names what this message brought: actions proposed
 * or changed by this run, and every action still waiting for the agent. Finished actions of earlier
 * messages stay in the conversation's action list (actions.list) and are not copied into each result,
 * which would make a long conversation's results grow with every message.
 */
export function proposeForAssist(service: ActionService) {
  return async (conversationId: string, routing: RoutingResult | null, latestCustomerText: string): Promise<readonly ActionRecord[]> => {
    const before = new Map(service.list(conversationId).map((a) => [a.id, a.updatedAt]));
    const after = await service.propose(conversationId, { intent: routing?.intent ?? null, entities: entitiesFromRouting(routing, latestCustomerText), latestCustomerText });
    return after.filter((a) => isOpen(a) || before.get(a.id) !== a.updatedAt);
  };
}

function isOpen(action: ActionRecord): boolean {
  return action.status === 'proposed' || action.status === 'awaiting_supervisor' || action.status === 'running';
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
