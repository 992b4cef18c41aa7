import type { Clock } from '../clock.js';
import type { CommerceRepository } from '../commerce/commerceRepository.js';
import { TandemError } from '../errors.js';
import type { EventBus } from '../events.js';
import { newId } from '../ids.js';
import type { ConversationRepository } from './conversationRepository.js';
import { normalizeMessageText } from './messageText.js';
import type { ConversationStatus, ConversationSummary, Message, MessageRole } from './types.js';

export interface CreateConversation {
  readonly customerRef?: string | undefined;
  readonly subject?: string | undefined;
  readonly channel?: string | undefined;
  readonly firstMessage?: string | undefined;
}

/** Conversation rules: what may be stored, and which events announce it. */
export class ConversationService {
  constructor(
    private readonly workspaceId: string,
    private readonly repository: ConversationRepository,
    private readonly commerce: CommerceRepository,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  list(filter: { status?: ConversationStatus | undefined; limit?: number | undefined } = {}): ConversationSummary[] {
    return this.repository.list(this.workspaceId, {
      ...(filter.status ? { status: filter.status } : {}),
      limit: filter.limit ?? 200,
    });
  }

  get(id: string): { conversation: ConversationSummary; messages: Message[] } {
    const conversation = this.require(id);
    return { conversation, messages: this.repository.messages(id) };
  }

  /** The conversation without its messages (E_NOT_FOUND for an unknown id): for callers that only show it. */
  summary(id: string): ConversationSummary {
    return this.require(id);
  }

  /** E_NOT_FOUND for an unknown id, without computing the summary: for callers that only check. */
  assertExists(id: string): void {
    if (this.repository.workspaceOf(id) !== this.workspaceId) {
      throw new TandemError('E_NOT_FOUND', `Conversation ${id} does not exist.`);
    }
  }

  /**
   * What assisting one customer message reads, bounded however long the conversation is: the message
   * (null if it is gone), the latest `customerWindow` customer messages up to and including it, and
   * how many customer and agent turns the conversation had up to it. E_NOT_FOUND for an unknown id.
   */
  assistWindow(conversationId: string, messageId: string, customerWindow: number): { message: Message | null; customerMessages: Message[]; turnCount: number } {
    this.assertExists(conversationId);
    // The messages are remembered between reads (only new ones come from SQL), so the window costs a
    // walk over objects in memory.
    const messages = this.repository.messages(conversationId);
    const message = messages.find((m) => m.id === messageId);
    if (!message) return { message: null, customerMessages: [], turnCount: 0 };
    const upToHere = messages.filter((m) => m.seq <= message.seq);
    return {
      message,
      customerMessages: upToHere.filter((m) => m.role === 'customer').slice(-customerWindow),
      turnCount: upToHere.filter((m) => m.role === 'customer' || m.role === 'agent').length,
    };
  }

  /** One message of a conversation (E_NOT_FOUND for an unknown conversation; undefined for an unknown message). */
  message(conversationId: string, messageId: string): Message | undefined {
    this.assertExists(conversationId);
    return this.repository.messages(conversationId).findLast((m) => m.id === messageId);
  }

  /** The newest customer message (E_NOT_FOUND for an unknown id; undefined when the customer wrote nothing). */
  latestCustomerMessage(conversationId: string): Message | undefined {
    this.assertExists(conversationId);
    return this.repository.messages(conversationId).findLast((m) => m.role === 'customer');
  }

  create(input: CreateConversation): ConversationSummary {
    const firstMessage = input.firstMessage === undefined ? undefined : normalizeMessageText(input.firstMessage);
    const customerRef = input.customerRef?.trim() || null;
    // An email that matches a known customer names the conversation, but does not verify them:
    // verification is an explicit agent step.
    const match = customerRef ? this.commerce.findCustomerByEmail(this.workspaceId, customerRef) : null;
    const id = newId('c');
    this.repository.insert({
      workspaceId: this.workspaceId,
      id,
      customerRef,
      customerId: match?.id ?? null,
      subject: input.subject?.trim() ?? '',
      channel: input.channel ?? 'app',
      now: this.clock.now(),
    });
    const created = this.require(id);
    this.events.emit({ type: 'conversation.created', conversation: created });
    if (firstMessage !== undefined) this.send(id, 'customer', firstMessage);
    return this.require(id);
  }

  send(conversationId: string, role: MessageRole, content: string, metadata: Record<string, unknown> = {}): Message {
    const text = normalizeMessageText(content);
    this.assertExists(conversationId);
    const message = this.repository.appendMessage({
      id: newId('m'),
      conversationId,
      role,
      content: text,
      metadata,
      createdAt: this.clock.now(),
    });
    this.events.emit({ type: 'message.added', message, conversation: this.require(conversationId) });
    return message;
  }

  setStatus(id: string, status: ConversationStatus): ConversationSummary {
    this.require(id);
    this.repository.setStatus(id, status, this.clock.now());
    const updated = this.require(id);
    this.events.emit({ type: 'conversation.updated', conversation: updated });
    return updated;
  }

  delete(id: string): void {
    if (!this.repository.delete(id)) throw new TandemError('E_NOT_FOUND', `Conversation ${id} does not exist.`);
    this.events.emit({ type: 'conversation.deleted', conversationId: id });
  }

  private require(id: string): ConversationSummary {
    const conversation = this.repository.summary(id);
    if (!conversation || conversation.workspaceId !== this.workspaceId) {
      throw new TandemError('E_NOT_FOUND', `Conversation ${id} does not exist.`);
    }
    return conversation;
  }
}
