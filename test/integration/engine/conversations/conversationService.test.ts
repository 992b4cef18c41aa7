import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine, type EngineEvent } from '../../../../main/engine/index.js';
import { MAX_MESSAGE_CHARS } from '../../../../main/engine/conversations/messageText.js';
import { TandemError } from '../../../../main/engine/errors.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { tempDir } from '../../../support/tempDir.js';

let engine: Engine;
let clock: FixedClock;
let events: EngineEvent[];
beforeEach(() => {
  clock = new FixedClock();
  engine = openEngine({ dataDir: ':memory:', clock });
  events = [];
  engine.events.subscribe((event) => events.push(event));
});
afterEach(() => engine.close());

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof TandemError) return error.code;
    throw error;
  }
  throw new Error('expected a TandemError');
}

const countRows = (table: 'messages' | 'conversations'): number =>
  (engine.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('ConversationService', () => {
  it('creates a conversation and announces it', () => {
    const created = engine.conversations.create({ customerRef: '  noah@example.com ', subject: ' Late parcel ' });
    expect(created).toMatchObject({
      customerRef: 'noah@example.com',
      subject: 'Late parcel',
      status: 'open',
      channel: 'app',
      verified: false,
      messageCount: 0,
      lastMessageAt: null,
      createdAt: clock.now(),
    });
    expect(events).toEqual([{ type: 'conversation.created', conversation: created }]);
    expect(engine.conversations.list().map((c) => c.id)).toEqual([created.id]);
  });

  it('creates with a first customer message', () => {
    const created = engine.conversations.create({ firstMessage: '  Where is my order #W2611340?  ' });
    expect(created.messageCount).toBe(1);
    expect(created.lastMessageRole).toBe('customer');
    expect(engine.conversations.get(created.id).messages.map((m) => m.content)).toEqual(['Where is my order #W2611340?']);
    expect(events.map((e) => e.type)).toEqual(['conversation.created', 'message.added']);
  });

  it('links a known customer by email without marking them verified', () => {
    engine.db.exec(`INSERT INTO customers (workspace_id, id, first_name, last_name, email)
                    VALUES ('${engine.workspace.id}', 'noah_brown_6181', 'Noah', 'Brown', 'noah.brown7922@example.com')`);
    const created = engine.conversations.create({ customerRef: 'NOAH.BROWN7922@example.com' });
    expect(created).toMatchObject({ customerId: 'noah_brown_6181', customerName: 'Noah Brown', verified: false });
  });

  it('sends customer and agent messages, updating the summary and emitting message.added', () => {
    const { id } = engine.conversations.create({});
    clock.advance(1000);
    const first = engine.conversations.send(id, 'customer', 'My lamp arrived broken.');
    clock.advance(1000);
    const reply = engine.conversations.send(id, 'agent', 'Sorry to hear that — let me check.');
    expect([first.seq, reply.seq]).toEqual([1, 2]);
    const { conversation, messages } = engine.conversations.get(id);
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ['customer', 'My lamp arrived broken.'],
      ['agent', 'Sorry to hear that — let me check.'],
    ]);
    expect(conversation).toMatchObject({ messageCount: 2, lastMessageRole: 'agent', lastMessageAt: clock.now() });
    const added = events.filter((e) => e.type === 'message.added');
    expect(added.map((e) => e.type === 'message.added' && e.message.id)).toEqual([first.id, reply.id]);
  });

  it('keeps messages in send order under many sends, even with identical timestamps', () => {
    const { id } = engine.conversations.create({});
    for (let i = 1; i <= 300; i++) engine.conversations.send(id, i % 3 === 0 ? 'agent' : 'customer', `message ${i}`);
    const { messages, conversation } = engine.conversations.get(id);
    expect(messages.map((m) => m.content)).toEqual(Array.from({ length: 300 }, (_, i) => `message ${i + 1}`));
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(conversation.messageCount).toBe(300);
  });

  it('keeps sequence numbers unique when two engines write to the same database in turn', () => {
    const dataDir = tempDir();
    const a = openEngine({ dataDir, clock });
    const b = openEngine({ dataDir, clock });
    try {
      const { id } = a.conversations.create({});
      for (let i = 0; i < 50; i++) {
        a.conversations.send(id, 'customer', `a${i}`);
        b.conversations.send(id, 'agent', `b${i}`);
      }
      const contents = a.conversations.get(id).messages.map((m) => m.content);
      expect(contents).toEqual(Array.from({ length: 50 }, (_, i) => [`a${i}`, `b${i}`]).flat());
    } finally {
      a.close();
      b.close();
    }
  });

  it('stores nothing for empty, blank, too long or broken-Unicode messages, with the right code each', () => {
    const { id } = engine.conversations.create({});
    engine.conversations.send(id, 'customer', 'The one real message.');
    const before = { messages: countRows('messages'), summary: engine.conversations.get(id).conversation };
    events.length = 0;

    expect(codeOf(() => engine.conversations.send(id, 'customer', ''))).toBe('E_EMPTY_MESSAGE');
    expect(codeOf(() => engine.conversations.send(id, 'customer', ' \n\t\u00a0 '))).toBe('E_EMPTY_MESSAGE');
    expect(codeOf(() => engine.conversations.send(id, 'agent', 'x'.repeat(MAX_MESSAGE_CHARS + 1)))).toBe('E_MESSAGE_TOO_LONG');
    expect(codeOf(() => engine.conversations.send(id, 'customer', 'broken \ud83d half emoji'))).toBe('E_BAD_ENCODING');
    expect(codeOf(() => engine.conversations.send(id, 'customer', 'lone low \udc00'))).toBe('E_BAD_ENCODING');

    expect(countRows('messages')).toBe(before.messages);
    expect(engine.conversations.get(id).conversation).toEqual(before.summary);
    expect(events).toEqual([]);
  });

  it('accepts a message of exactly the limit (after trimming) and a real emoji', () => {
    const { id } = engine.conversations.create({});
    const atLimit = engine.conversations.send(id, 'agent', `  ${'y'.repeat(MAX_MESSAGE_CHARS)}  `);
    expect(atLimit.content).toHaveLength(MAX_MESSAGE_CHARS);
    expect(engine.conversations.send(id, 'customer', 'thanks 👍').content).toBe('thanks 👍');
  });

  it('does not create a conversation whose first message is invalid', () => {
    expect(codeOf(() => engine.conversations.create({ firstMessage: '   ' }))).toBe('E_EMPTY_MESSAGE');
    expect(codeOf(() => engine.conversations.create({ firstMessage: '\ud800' }))).toBe('E_BAD_ENCODING');
    expect(countRows('conversations')).toBe(0);
    expect(events).toEqual([]);
  });

  it('answers E_NOT_FOUND for an unknown conversation id everywhere, storing nothing', () => {
    expect(codeOf(() => engine.conversations.get('c_missing'))).toBe('E_NOT_FOUND');
    expect(codeOf(() => engine.conversations.send('c_missing', 'customer', 'hello'))).toBe('E_NOT_FOUND');
    expect(codeOf(() => engine.conversations.setStatus('c_missing', 'resolved'))).toBe('E_NOT_FOUND');
    expect(codeOf(() => engine.conversations.delete('c_missing'))).toBe('E_NOT_FOUND');
    expect(codeOf(() => engine.conversations.assertExists('c_missing'))).toBe('E_NOT_FOUND');
    expect(codeOf(() => engine.conversations.assistWindow('c_missing', 'm_x', 10))).toBe('E_NOT_FOUND');
    expect(codeOf(() => engine.conversations.latestCustomerMessage('c_missing'))).toBe('E_NOT_FOUND');
    expect(countRows('messages')).toBe(0);
  });

  it('does not reach conversations of another workspace', () => {
    engine.db.exec(`INSERT INTO workspaces (id, name, created_at) VALUES ('other', 'Other', 1);
                    INSERT INTO conversations (workspace_id, id, created_at, updated_at) VALUES ('other', 'c_other', 1, 1);`);
    expect(codeOf(() => engine.conversations.send('c_other', 'agent', 'hi'))).toBe('E_NOT_FOUND');
    expect(codeOf(() => engine.conversations.assertExists('c_other'))).toBe('E_NOT_FOUND');
    expect(engine.conversations.list().map((c) => c.id)).not.toContain('c_other');
  });

  it('lists the most recently active conversation first', () => {
    const older = engine.conversations.create({ subject: 'older' });
    clock.advance(1000);
    const newer = engine.conversations.create({ subject: 'newer' });
    clock.advance(1000);
    expect(engine.conversations.list().map((c) => c.subject)).toEqual(['newer', 'older']);
    engine.conversations.send(older.id, 'customer', 'bump');
    expect(engine.conversations.list().map((c) => c.id)).toEqual([older.id, newer.id]);
  });

  it('reads a bounded window for assisting one message: the latest customer messages up to it and the turn count', () => {
    const c = engine.conversations.create({});
    const sent = [];
    for (let i = 1; i <= 12; i++) {
      sent.push(engine.conversations.send(c.id, 'customer', `question ${i}`));
      if (i % 2 === 0) engine.conversations.send(c.id, 'agent', `answer ${i}`);
      if (i % 4 === 0) engine.conversations.send(c.id, 'system', `note ${i}`);
    }
    // Assisting the 8th customer message: later messages are not part of its window.
    const eighth = sent[7]!;
    const window = engine.conversations.assistWindow(c.id, eighth.id, 3);
    expect(window.message?.id).toBe(eighth.id);
    expect(window.customerMessages.map((m) => m.content)).toEqual(['question 6', 'question 7', 'question 8']);
    expect(window.turnCount).toBe(8 + 3); // customer and agent turns up to it (answers 2, 4, 6), not system notes
    expect(engine.conversations.assistWindow(c.id, 'm_missing', 3)).toEqual({ message: null, customerMessages: [], turnCount: 0 });
    expect(engine.conversations.latestCustomerMessage(c.id)?.content).toBe('question 12');
    expect(engine.conversations.latestCustomerMessage(engine.conversations.create({}).id)).toBeUndefined();
  });

  it('reads messages another engine appended to the same database, and none a rolled-back transaction wrote', () => {
    const dataDir = tempDir();
    const first = openEngine({ dataDir });
    const second = openEngine({ dataDir });
    try {
      const c = first.conversations.create({});
      first.conversations.send(c.id, 'customer', 'one');
      expect(first.conversations.get(c.id).messages.map((m) => m.content)).toEqual(['one']);
      second.conversations.send(c.id, 'agent', 'two');
      expect(first.conversations.get(c.id).messages.map((m) => m.content)).toEqual(['one', 'two']);
      expect(() =>
        first.db.transaction(() => {
          first.conversations.send(c.id, 'customer', 'rolled back');
          expect(first.conversations.get(c.id).messages.map((m) => m.content)).toEqual(['one', 'two', 'rolled back']);
          throw new Error('abort');
        })(),
      ).toThrow('abort');
      second.conversations.send(c.id, 'customer', 'three');
      expect(first.conversations.get(c.id).messages.map((m) => `${m.seq}:${m.content}`)).toEqual(['1:one', '2:two', '3:three']);
    } finally {
      second.close();
      first.close();
    }
  });
});
