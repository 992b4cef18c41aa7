import { describe, expect, it } from 'vitest';
import { RememberedMessages } from '../../../../main/engine/conversations/rememberedMessages.js';
import type { Message } from '../../../../main/engine/conversations/types.js';

const message = (conversationId: string, seq: number, content = `message ${seq}`): Message => ({
  id: `${conversationId}-m${seq}`, conversationId, seq, role: 'customer', content, metadata: { nested: { tags: ['a'] } }, createdAt: seq,
});

/** A stored conversation: reads of messages after a seq are counted. */
function store(conversationId: string, count: number): { messages: Message[]; reads: number[]; readAfter: (seq: number) => Message[] } {
  const messages = Array.from({ length: count }, (_, i) => message(conversationId, i + 1));
  const reads: number[] = [];
  return { messages, reads, readAfter: (seq) => (reads.push(seq), messages.filter((m) => m.seq > seq).map((m) => ({ ...m, metadata: structuredClone(m.metadata) }))) };
}

describe('remembered messages', () => {
  it('reads only the messages appended since the last read, and returns them all in order', () => {
    const memory = new RememberedMessages(10, 1_000_000);
    const c = store('c1', 3);
    expect(memory.read('c1', c.readAfter, true).map((m) => m.seq)).toEqual([1, 2, 3]);
    c.messages.push(message('c1', 4), message('c1', 5));
    expect(memory.read('c1', c.readAfter, true).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(memory.read('c1', c.readAfter, true).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(c.reads).toEqual([0, 3, 5]);
  });

  it('hands out frozen messages in a fresh array, so no caller changes what the next one reads', () => {
    const memory = new RememberedMessages(10, 1_000_000);
    const c = store('c1', 2);
    const first = memory.read('c1', c.readAfter, true);
    first.pop();
    expect(() => ((first[0] as { content: string }).content = 'changed')).toThrow(TypeError);
    expect(() => (first[0]!.metadata['nested'] as { tags: string[] }).tags.push('b')).toThrow(TypeError);
    const second = memory.read('c1', c.readAfter, true);
    expect(second.map((m) => m.content)).toEqual(['message 1', 'message 2']);
  });

  it('keeps nothing when told not to remember (a transaction may still roll back)', () => {
    const memory = new RememberedMessages(10, 1_000_000);
    const c = store('c1', 2);
    expect(memory.read('c1', c.readAfter, false)).toHaveLength(2);
    expect(memory.read('c1', c.readAfter, true)).toHaveLength(2);
    expect(c.reads).toEqual([0, 0]);
  });

  it('forgets the least recently read conversations beyond its bounds, and a conversation too long to keep', () => {
    const memory = new RememberedMessages(2, 100);
    const a = store('a', 1);
    const b = store('b', 1);
    const c = store('c', 1);
    memory.read('a', a.readAfter, true);
    memory.read('b', b.readAfter, true);
    memory.read('a', a.readAfter, true); // a read again: b is now the oldest
    memory.read('c', c.readAfter, true); // over two conversations: b leaves
    memory.read('a', a.readAfter, true);
    memory.read('b', b.readAfter, true);
    expect(a.reads).toEqual([0, 1, 1]);
    expect(b.reads).toEqual([0, 0]);
    const long = { readAfter: (seq: number) => (seq === 0 ? [message('long', 1, 'x'.repeat(150))] : []) };
    expect(memory.read('long', long.readAfter, true)).toHaveLength(1);
    let again = 0;
    memory.read('long', (seq) => ((again = seq), long.readAfter(seq)), true);
    expect(again).toBe(0); // not kept: read from the start again
  });
});
