import type { RoutingResult } from '../router/types.js';

/**
 * The routing of the messages this process assisted lately, per conversation, so the escalation stage
 * does not parse it back out of every stored result of the window at each new message (milliseconds
 * per message in a long conversation). It only remembers what was saved here: a message it does not
 * know sends the caller back to the database. Bounded: the latest `perConversation` messages of the
 * `conversations` most recently assisted conversations.
 */
export class RecentRoutings {
  private readonly byConversation = new Map<string, Map<string, RoutingResult | null>>();

  constructor(
    private readonly conversations: number,
    private readonly perConversation: number,
  ) {}

  /** The routing of every one of `messageIds`, or null when any of them is not remembered. */
  get(conversationId: string, messageIds: readonly string[]): Map<string, RoutingResult | null> | null {
    const known = this.byConversation.get(conversationId);
    if (!known || messageIds.some((id) => !known.has(id))) return null;
    this.touch(conversationId, known);
    return new Map(messageIds.map((id) => [id, known.get(id)!]));
  }

  /** Remembers routings read from the database or just saved (a later call for the same message replaces it). */
  set(conversationId: string, routings: ReadonlyMap<string, RoutingResult | null>): void {
    const known = this.byConversation.get(conversationId) ?? new Map<string, RoutingResult | null>();
    for (const [id, routing] of routings) {
      known.delete(id); // newest last, so trimming drops the oldest
      known.set(id, routing);
    }
    while (known.size > this.perConversation) known.delete(known.keys().next().value as string);
    this.touch(conversationId, known);
  }

  forget(conversationId: string): void {
    this.byConversation.delete(conversationId);
  }

  private touch(conversationId: string, known: Map<string, RoutingResult | null>): void {
    this.byConversation.delete(conversationId);
    this.byConversation.set(conversationId, known);
    while (this.byConversation.size > this.conversations) this.byConversation.delete(this.byConversation.keys().next().value as string);
  }
}
