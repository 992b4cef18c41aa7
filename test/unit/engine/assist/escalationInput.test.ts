import { describe, expect, it } from 'vitest';
import { buildEscalationInput } from '../../../../main/engine/assist/escalationInput.js';
import type { Message } from '../../../../main/engine/conversations/types.js';

const message = (seq: number, role: 'customer' | 'agent'): Message => ({
  id: `m${seq}`, conversationId: 'c', seq, role, content: `message ${seq}`, metadata: {}, createdAt: seq,
});

describe('buildEscalationInput window', () => {
  const messages = Array.from({ length: 12 }, (_, i) => message(i + 1, i % 2 === 0 ? 'customer' : 'agent'));

  it('reads only the latest customer messages when a window is given, but counts every turn', () => {
    let lookups = 0;
    const input = buildEscalationInput(messages, new Map(), [], () => (lookups++, null), 2);
    expect(input.customerMessages.map((m) => m.seq)).toEqual([9, 11]);
    expect(input.turnCount).toBe(12);
    expect(lookups).toBe(0);
  });

  it('reads every customer message without a window', () => {
    expect(buildEscalationInput(messages, new Map(), [], () => null).customerMessages).toHaveLength(6);
  });
});
