import type { Message } from './types.js';

interface Remembered {
  readonly messages: Message[];
  chars: number;
}

/**
 * The messages of recently read conversations, so reading a conversation again costs only the messages
 * appended since (its assist, draft and action stages each read it at every customer message, which
 * grew with the conversation). Exact because messages are append-only: a stored message never changes,
 * and a new one always gets a seq above every stored one, also when another process wrote it. The
 * remembered messages are frozen, so no caller can change what the next one reads. Bounded by
 * conversations and by characters of content; the least recently read conversation leaves first.
 */
export class RememberedMessages {
  private readonly byConversation = new Map<string, Remembered>();
  private chars = 0;

  constructor(
    private readonly maxConversations: number,
    private readonly maxChars: number,
  ) {}

  /**
   * Every message of a conversation, oldest first: the remembered ones plus `readAfter(lastSeq)`.
   * With `remember` false (inside a transaction that may still roll back) nothing is kept.
   */
  read(conversationId: string, readAfter: (seq: number) => Message[], remember: boolean): Message[] {
    const known = this.byConversation.get(conversationId);
    const newer = readAfter(known?.messages.at(-1)?.seq ?? 0).map(freezeMessage);
    if (!remember) return [...(known?.messages ?? []), ...newer];
    const entry = known ?? { messages: [], chars: 0 };
    for (const message of newer) {
      entry.messages.push(message);
      entry.chars += message.content.length;
      this.chars += message.content.length;
    }
    this.byConversation.delete(conversationId); // most recently read last
    this.byConversation.set(conversationId, entry);
    this.evict(conversationId);
    return [...entry.messages];
  }

  forget(conversationId: string): void {
    const entry = this.byConversation.get(conversationId);
    if (!entry) return;
    this.chars -= entry.chars;
    this.byConversation.delete(conversationId);
  }

  private evict(keep: string): void {
    for (const id of this.byConversation.keys()) {
      if (this.byConversation.size <= this.maxConversations && this.chars <= this.maxChars) return;
      if (id !== keep) this.forget(id);
    }
    // One conversation longer than the whole budget is not kept either.
    if (this.chars > this.maxChars) this.forget(keep);
  }
}

function freezeMessage(message: Message): Message {
  deepFreeze(message.metadata);
  return Object.freeze(message);
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
