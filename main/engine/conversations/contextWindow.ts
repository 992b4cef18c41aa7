import type { Message } from './types.js';

export const DEFAULT_CONTEXT_MESSAGES = 10;

/** A message carries a tool result when it is a tool message or its metadata holds one. */
export function carriesToolResult(message: Message): boolean {
  return message.role === 'tool' || message.metadata['toolResult'] !== undefined;
}

/**
 * The seed's context window: the last N messages, plus every older message that carries a tool result,
 * in conversation order. Tool results are facts the reply may rely on; losing them to the window would
 * let a draft contradict what was already looked up.
 */
export function contextWindow(messages: readonly Message[], lastN = DEFAULT_CONTEXT_MESSAGES): Message[] {
  const cut = Math.max(0, messages.length - lastN);
  return messages.filter((message, index) => index >= cut || carriesToolResult(message));
}
