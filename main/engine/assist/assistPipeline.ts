import type { Clock } from '../clock.js';
import type { Message } from '../conversations/types.js';
import type { ConversationService } from '../conversations/conversationService.js';
import { isTandemError } from '../errors.js';
import { evaluateEscalation } from '../escalation/evaluateEscalation.js';
import type { EscalationConfig } from '../escalation/config.js';
import type { EventBus } from '../events.js';
import type { Log } from '../log.js';
import type { RoutingResult } from '../router/types.js';
import type { AssistRepository } from './assistRepository.js';
import { buildEscalationInput, ESCALATION_WINDOW } from './escalationInput.js';
import { RecentRoutings } from './recentRoutings.js';
import type { AssistStages, RetrievalRun } from './stages.js';
import type { AssistResult, AssistStage } from './types.js';

const HISTORY_TURNS = 3;
const TOP_EVIDENCE = 3;
/** Conversations whose recent routings stay in memory for the escalation stage. */
const ROUTING_MEMORY_CONVERSATIONS = 200;

/**
 * One function from (conversation, new customer message) to the assist result:
 * route → retrieve (intent-filtered) → propose actions → evaluate escalation, every stage timed.
 *
 * Runs are serialised per conversation, so results are produced in message order and each is attached
 * to the message it was computed for, however fast messages arrive. Different conversations run
 * independently.
 */
export class AssistPipeline {
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Runs queued or in flight per message, so a second request for the same message joins the first. */
  private readonly pending = new Map<string, Promise<AssistResult | null>>();
  private readonly routingMemory = new RecentRoutings(ROUTING_MEMORY_CONVERSATIONS, ESCALATION_WINDOW);
  /** Retrieval started when a message arrived behind other runs of its conversation, by message id. */
  private readonly earlyRetrievals = new Map<string, { readonly text: string; readonly run: RetrievalRun; readonly ms: number }>();

  constructor(
    private readonly conversations: ConversationService,
    private readonly repository: AssistRepository,
    private readonly stages: AssistStages,
    private readonly escalationConfig: () => EscalationConfig,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {}

  /** Queues a run for one customer message; resolves with its result (null if the conversation vanished). */
  assistMessage(conversationId: string, messageId: string): Promise<AssistResult | null> {
    const existing = this.pending.get(messageId);
    if (existing) return existing;
    // Behind other runs of its conversation, the message's retrieval starts now: its embedding reaches
    // the worker at once, with other conversations' messages, instead of only once the runs before it
    // are done, so a conversation that fell behind catches up rather than waiting one embedding at a time.
    if (this.queues.has(conversationId)) this.startRetrievalEarly(conversationId, messageId);
    const run = this.enqueue(conversationId, () => this.run(conversationId, messageId));
    this.pending.set(messageId, run);
    void run.finally(() => this.pending.delete(messageId)).catch(() => undefined);
    return run;
  }

  /** Re-runs for the latest customer message (after a verification, an approval or a tool result). */
  refresh(conversationId: string): Promise<AssistResult | null> {
    return this.enqueue(conversationId, async () => {
      const latest = this.conversations.latestCustomerMessage(conversationId);
      return latest ? this.run(conversationId, latest.id) : null;
    });
  }

  /** Assists every customer message that has no result yet, in order; returns the latest result. */
  ensure(conversationId: string): Promise<AssistResult | null> {
    return this.enqueue(conversationId, async () => {
      const done = this.repository.assistedMessageIds(conversationId);
      const { messages } = this.conversations.get(conversationId);
      for (const message of messages) {
        if (message.role === 'customer' && !done.has(message.id)) await this.run(conversationId, message.id);
      }
      return this.repository.latest(conversationId);
    });
  }

  latest(conversationId: string): AssistResult | null {
    this.conversations.assertExists(conversationId);
    return this.repository.latest(conversationId);
  }

  history(conversationId: string): AssistResult[] {
    this.conversations.assertExists(conversationId);
    return this.repository.forConversation(conversationId);
  }

  /** Waits for every queued run (used by replay, tests and shutdown). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private enqueue<T>(conversationId: string, task: () => Promise<T>): Promise<T | null> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.then(task, task).catch((error: unknown) => {
      if (isTandemError(error) && error.code === 'E_NOT_FOUND') return null; // deleted while queued
      throw error;
    });
    this.queues.set(conversationId, next);
    void next.finally(() => {
      if (this.queues.get(conversationId) === next) this.queues.delete(conversationId);
    }).catch(() => undefined);
    return next;
  }

  /**
   * The stored routing of the earlier customer messages of the escalation window: from memory when
   * every one was assisted here lately, else read from the stored results once and remembered. A
   * message without a result counts as unrouted either way.
   */
  private windowRoutings(conversationId: string, earlier: readonly Message[]): Map<string, RoutingResult | null> {
    const ids = earlier.map((m) => m.id);
    const remembered = this.routingMemory.get(conversationId, ids);
    if (remembered) return remembered;
    const stored = earlier.length > 0 ? this.repository.routings(conversationId, earlier[0]!.seq) : new Map<string, RoutingResult | null>();
    const routings = new Map(ids.map((id) => [id, stored.get(id) ?? null]));
    this.routingMemory.set(conversationId, routings);
    return new Map(routings);
  }

  private startRetrievalEarly(conversationId: string, messageId: string): void {
    if (!this.stages.retrieve) return;
    const t0 = performance.now();
    try {
      const message = this.conversations.message(conversationId, messageId);
      if (message?.role !== 'customer') return;
      const run = this.stages.retrieve(message.content);
      this.earlyRetrievals.set(messageId, { text: message.content, run, ms: performance.now() - t0 });
    } catch {
      // The run starts retrieval itself and reports the failure with the other stage errors.
    }
  }

  private async run(conversationId: string, messageId: string): Promise<AssistResult | null> {
    const early = this.earlyRetrievals.get(messageId);
    this.earlyRetrievals.delete(messageId);
    const started = performance.now();
    // Only what the stages read, however long the conversation: escalation judges the conversation up
    // to this message (not messages that arrived after it) through its latest ESCALATION_WINDOW
    // customer messages, and the turn count covers every message up to it.
    const { message, customerMessages, turnCount } = this.conversations.assistWindow(conversationId, messageId, ESCALATION_WINDOW);
    if (!message || message.role !== 'customer') return null;
    const timings: Record<AssistStage | 'total', number> = { route: 0, retrieve: 0, actions: 0, escalation: 0, total: 0 };
    const stageErrors: { stage: AssistStage; message: string }[] = [];
    const timed = async <T>(stage: AssistStage, work: () => Promise<T>): Promise<T | null> => {
      const t0 = performance.now();
      try {
        return await work();
      } catch (error) {
        stageErrors.push({ stage, message: isTandemError(error) ? error.message : 'This step failed; the rest of the assist is still shown.' });
        if (!isTandemError(error)) this.log.error(`assist stage ${stage} failed`, { conversationId, error: String(error) });
        return null;
      } finally {
        timings[stage] += performance.now() - t0;
      }
    };

    const earlierCustomerTexts = customerMessages.filter((m) => m.seq < message.seq).map((m) => m.content);
    // Retrieval starts before routing: its embedding request reaches the worker first (the router's
    // identical request joins it) and lexical search runs while the worker embeds. Only the category
    // filter waits for the intent.
    // A retrieval started when the message arrived counts its start in this run's retrieve time.
    if (early) timings.retrieve += early.ms;
    const history = earlierCustomerTexts.slice(-HISTORY_TURNS);
    // Requested before retrieval's embedding, so the worker embeds both readings of the message in one call.
    this.stages.prefetchRoute?.({ conversationId, text: message.content, history });
    const retrievalRun =
      early?.text === message.content
        ? early.run
        : this.stages.retrieve
          ? await timed('retrieve', async () => this.stages.retrieve!(message.content))
          : null;
    const routing = this.stages.route
      ? await timed('route', () =>
          this.stages.route!({ conversationId, messageId, text: message.content, history }),
        )
      : null;
    const retrieval = retrievalRun ? await timed('retrieve', () => retrievalRun.complete(routing?.intent ?? null)) : null;
    const actions = this.stages.proposeActions
      ? ((await timed('actions', () => this.stages.proposeActions!(conversationId, routing, message.content))) ?? [])
      : [];

    const flags =
      (await timed('escalation', async () => {
        const routingByMessage = this.windowRoutings(conversationId, customerMessages.filter((m) => m.id !== message.id));
        routingByMessage.set(message.id, routing);
        const totals = new Map<string, number | null>();
        const orderTotal = (orderId: string): number | null => {
          if (!totals.has(orderId)) totals.set(orderId, this.stages.orderTotalCents?.(orderId) ?? null);
          return totals.get(orderId)!;
        };
        const input = buildEscalationInput(customerMessages, routingByMessage, this.stages.toolOutcomes?.(conversationId) ?? [], orderTotal, ESCALATION_WINDOW, turnCount);
        return evaluateEscalation(input, this.escalationConfig(), this.repository.dismissals(conversationId));
      })) ?? [];

    timings.total = performance.now() - started;
    const result: AssistResult = {
      conversationId,
      messageId: message.id,
      messageSeq: message.seq,
      routing,
      evidence: retrieval ? retrieval.hits.slice(0, TOP_EVIDENCE) : [],
      retrieval: retrieval ? { categories: retrieval.categories, filterFellBack: retrieval.filterFellBack, mode: retrieval.mode } : null,
      actions,
      flags,
      timings,
      stageErrors,
      createdAt: this.clock.now(),
    };
    if (!this.repository.save(result)) return null; // the conversation was deleted while we worked
    this.routingMemory.set(conversationId, new Map([[message.id, routing]]));
    this.events.emit({ type: 'assist.updated', conversationId, result });
    // The inbox shows flags and sorts urgent conversations first, so it needs the fresh summary too.
    this.events.emit({ type: 'conversation.updated', conversation: this.conversations.summary(conversationId) });
    return result;
  }
}
