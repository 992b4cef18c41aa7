import { TandemError, isTandemError } from '../errors.js';
import type { CommerceConnector, ToolCall } from './connector.js';
import type { TicketStore } from './ticketStore.js';
import type { ToolDefinition } from './toolRegistry.js';
import { toolSchemas, type ToolArgs, type ToolResult } from './toolSchemas.js';

/** The knowledge base plugs in here; until it does, the tool says so instead of pretending. */
export type KnowledgeSearch = (query: string, intent: string | null) => Promise<ToolResult<'search_knowledge_base'>['results']>;

/**
 * Runs one validated tool call on whatever implements it: Tandem itself (tickets, knowledge) or the
 * commerce connector. Every result is checked against the tool's result schema, so a connector that
 * answers with something else is an error on the card, not data in the conversation.
 */
export class ToolInvoker {
  constructor(
    private readonly connector: CommerceConnector,
    private readonly tickets: TicketStore,
    private searchKnowledge: KnowledgeSearch | null,
  ) {}

  /** The knowledge base registers its search once it is ready. */
  setKnowledgeSearch(search: KnowledgeSearch | null): void {
    this.searchKnowledge = search;
  }

  /** True when the call can run synchronously inside a SQLite transaction of Tandem's own database. */
  runsInProcess(tool: ToolDefinition): boolean {
    if (tool.runsOn === 'tandem') return tool.name === 'create_ticket';
    return this.connector.inProcess;
  }

  runSync(tool: ToolDefinition, call: ToolCall, conversationId: string): unknown {
    if (tool.name === 'create_ticket') {
      const a = call.args as ToolArgs<'create_ticket'>;
      const ticket = this.tickets.open({ workspaceId: call.workspaceId, conversationId, customerId: call.customerId, subject: a.subject, priority: a.priority, summary: a.summary, createdAt: call.now });
      return checkResult(tool, { ticket_id: ticket.id, subject: ticket.subject, priority: ticket.priority });
    }
    this.requireSupported(tool);
    if (!this.connector.inProcess) throw new Error(`${tool.name} cannot run synchronously on the ${this.connector.name} connector.`);
    return checkResult(tool, this.connector.run(call));
  }

  async run(tool: ToolDefinition, call: ToolCall, conversationId: string): Promise<unknown> {
    if (tool.name === 'search_knowledge_base') {
      if (!this.searchKnowledge) throw new TandemError('E_KNOWLEDGE_UNAVAILABLE');
      const a = call.args as ToolArgs<'search_knowledge_base'>;
      return checkResult(tool, { results: await this.searchKnowledge(a.query, a.intent ?? null) });
    }
    if (this.runsInProcess(tool)) return this.runSync(tool, call, conversationId);
    this.requireSupported(tool);
    return checkResult(tool, await this.connector.run(call));
  }

  private requireSupported(tool: ToolDefinition): void {
    if (!this.connector.supports(tool.name)) throw new TandemError('E_CONNECTOR_UNSUPPORTED', `The ${this.connector.name} connector has no ${tool.name}.`);
  }
}

function checkResult(tool: ToolDefinition, value: unknown): unknown {
  const parsed = toolSchemas[tool.name].result.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || 'result').join(', ');
    throw new TandemError('E_CONNECTOR_BAD_RESPONSE', `${tool.name} returned a result of the wrong shape (${where}).`);
  }
  return parsed.data;
}

export function errorOf(error: unknown): { code: string; message: string } {
  if (isTandemError(error)) return { code: error.code, message: error.message };
  return { code: 'E_INTERNAL', message: 'The tool failed unexpectedly; nothing was changed. Try again, and report it if it repeats.' };
}
