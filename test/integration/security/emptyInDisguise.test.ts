import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, openSecurityTestBed, value, type SecurityTestBed } from './securityTestEngine.js';

let bed: SecurityTestBed;
beforeEach(() => (bed = openSecurityTestBed()));
afterEach(() => bed.engine.close());

describe('security: empty in disguise', () => {
  it('treats a message of only zero-width or invisible characters as empty, and stores nothing', async () => {
    const id = bed.engine.conversations.create({ firstMessage: 'Hello' }).id;
    for (const content of ['\u200b\u200b\u200b', '\u200d\u2060\ufeff', ' \u200e\u202e \u2066\u2069 ', '\u00ad', '\u0000\u0000']) {
      expect(await errorCode(bed.api.invoke('conversation.send', { id, role: 'customer', content })), JSON.stringify(content)).toBe('E_EMPTY_MESSAGE');
    }
    expect(bed.engine.conversations.get(id).messages).toHaveLength(1);
  });

  it('strips NUL from a real message and keeps joiners inside text', async () => {
    const id = bed.engine.conversations.create({ firstMessage: 'Hello' }).id;
    const sent = await value<{ content: string }>(bed.api.invoke('conversation.send', { id, role: 'customer', content: 'Order\u0000 #W1 \ud83d\udc68\u200d\ud83d\udc69 please' }));
    expect(sent.content).toBe('Order #W1 \ud83d\udc68\u200d\ud83d\udc69 please');
  });
});
