import { afterEach, describe, expect, it } from 'vitest';
import type { AssistResult } from '../../../../main/engine/assist/types.js';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import type { RoutingResult } from '../../../../main/engine/router/types.js';
import { tempDir } from '../../../support/tempDir.js';

function routing(intent: string, overrides: Partial<RoutingResult> = {}): RoutingResult {
  return {
    intent,
    confidence: 0.9,
    runnerUp: null,
    outOfScope: false,
    entities: [],
    sentiment: { score: 0, label: 'neutral', negativeStreak: 0 },
    usedHistory: false,
    threshold: 0.3,
    belowThreshold: false,
    modelVersion: 1,
    source: 'classifier',
    ...overrides,
  };
}

const engines: Engine[] = [];
function engine(): Engine {
  const e = openEngine({ dataDir: ':memory:', seedDemo: true });
  engines.push(e);
  // Only the stages under test: routing is scripted, the other services are not consulted.
  delete e.assistStages.retrieve;
  delete e.assistStages.proposeActions;
  return e;
}

afterEach(async () => {
  for (const e of engines.splice(0)) {
    await e.assist.idle();
    e.close();
  }
});

describe('assist pipeline', () => {
  it('attaches each result to its own message and emits them in message order, however stages interleave', async () => {
    const e = engine();
    const delays = [40, 5, 20];
    let call = 0;
    e.assistStages.route = async ({ text }) => {
      await new Promise((r) => setTimeout(r, delays[call++ % delays.length]));
      return routing(text.includes('refund') ? 'refund_request' : 'order_status');
    };
    const emitted: AssistResult[] = [];
    e.events.subscribe((event) => {
      if (event.type === 'assist.updated') emitted.push(event.result);
    });
    const c = e.conversations.create({ customerRef: 'x@example.com' });
    const sent = [
      e.conversations.send(c.id, 'customer', 'where is my order'),
      e.conversations.send(c.id, 'customer', 'I want a refund'),
      e.conversations.send(c.id, 'customer', 'hello?'),
    ];
    await e.assist.idle();
    expect(emitted.map((r) => r.messageId)).toEqual(sent.map((m) => m.id));
    expect(emitted.map((r) => r.routing?.intent)).toEqual(['order_status', 'refund_request', 'order_status']);
    expect(e.assist.history(c.id).map((r) => r.messageSeq)).toEqual([1, 2, 3]);
    for (const result of emitted) {
      expect(result.timings.total).toBeGreaterThanOrEqual(result.timings.route);
    }
  });

  it('starts retrieval before routing and finishes it with the routed intent', async () => {
    const e = engine();
    const steps: string[] = [];
    e.assistStages.retrieve = (query) => {
      steps.push(`retrieve started: ${query}`);
      return {
        complete: async (intent) => {
          steps.push(`retrieve completed for ${intent}`);
          return { hits: [], categories: null, filterFellBack: false, mode: 'hybrid', timings: { embedMs: 0, searchMs: 0, rerankMs: 0 } };
        },
      };
    };
    e.assistStages.route = async () => {
      steps.push('routed');
      return routing('refund_request');
    };
    const c = e.conversations.create({});
    const m = e.conversations.send(c.id, 'customer', 'I want my money back');
    const result = await e.assist.assistMessage(c.id, m.id);
    expect(steps).toEqual(['retrieve started: I want my money back', 'routed', 'retrieve completed for refund_request']);
    expect(result?.retrieval?.mode).toBe('hybrid');
  });

  it('starts retrieval for a message queued behind a run of its conversation at once, and keeps each result on its message', async () => {
    const e = engine();
    const steps: string[] = [];
    e.assistStages.retrieve = (query) => {
      steps.push(`retrieve started: ${query}`);
      return {
        complete: async (intent) => {
          steps.push(`retrieve completed: ${query} for ${intent}`);
          return { hits: [], categories: [query], filterFellBack: false, mode: 'hybrid', timings: { embedMs: 0, searchMs: 0, rerankMs: 0 } };
        },
      };
    };
    e.assistStages.route = async ({ text }) => {
      await new Promise((r) => setTimeout(r, 30));
      steps.push(`routed: ${text}`);
      return routing(text === 'refund please' ? 'refund_request' : 'order_status');
    };
    const emitted: AssistResult[] = [];
    e.events.subscribe((event) => {
      if (event.type === 'assist.updated') emitted.push(event.result);
    });
    const c = e.conversations.create({});
    const sent = [
      e.conversations.send(c.id, 'customer', 'where is it'),
      e.conversations.send(c.id, 'customer', 'refund please'),
      e.conversations.send(c.id, 'customer', 'hello?'),
    ];
    await e.assist.idle();
    // The second and third retrievals started as their messages arrived, before the first message was
    // routed (the first run itself starts on the next tick), and each only once.
    expect(steps.slice(0, 3).sort()).toEqual(['retrieve started: hello?', 'retrieve started: refund please', 'retrieve started: where is it']);
    expect(steps[3]).toBe('routed: where is it');
    expect(steps.filter((s) => s.startsWith('retrieve started'))).toHaveLength(3);
    expect(steps).toContain('retrieve completed: refund please for refund_request');
    expect(emitted.map((r) => r.messageId)).toEqual(sent.map((m) => m.id));
    expect(emitted.map((r) => r.retrieval?.categories)).toEqual([['where is it'], ['refund please'], ['hello?']]);
  });

  it('raises the negative-streak flag at the second negative customer message, live', async () => {
    const e = engine();
    e.assistStages.route = async ({ text }) =>
      routing('complaint', { threshold: 0.7, sentiment: { score: text.includes('awful') ? -0.7 : 0.2, label: text.includes('awful') ? 'negative' : 'positive', negativeStreak: 0 } });
    const c = e.conversations.create({});
    const first = e.conversations.send(c.id, 'customer', 'this is awful');
    const firstResult = await e.assist.assistMessage(c.id, first.id);
    expect(firstResult?.flags.map((f) => f.trigger)).not.toContain('negative_sentiment_streak');
    e.conversations.send(c.id, 'agent', 'Sorry to hear that.');
    const second = e.conversations.send(c.id, 'customer', 'still awful');
    const secondResult = await e.assist.assistMessage(c.id, second.id);
    expect(secondResult?.flags.find((f) => f.trigger === 'negative_sentiment_streak')?.evidence.messageId).toBe(second.id);
  });

  it('reads the routing of messages assisted before a restart from their stored results (the negative streak survives it)', async () => {
    const dataDir = tempDir();
    const negative = async ({ text }: { text: string }): Promise<RoutingResult> =>
      routing('complaint', { threshold: 0.7, sentiment: { score: text.includes('awful') ? -0.7 : 0.2, label: text.includes('awful') ? 'negative' : 'positive', negativeStreak: 0 } });
    const first = openEngine({ dataDir, seedDemo: true });
    first.assistStages.route = negative;
    delete first.assistStages.retrieve;
    delete first.assistStages.proposeActions;
    const c = first.conversations.create({});
    const m1 = first.conversations.send(c.id, 'customer', 'this is awful');
    await first.assist.assistMessage(c.id, m1.id);
    await first.assist.idle();
    first.close();

    const second = openEngine({ dataDir, seedDemo: true });
    engines.push(second);
    second.assistStages.route = negative;
    delete second.assistStages.retrieve;
    delete second.assistStages.proposeActions;
    const m2 = second.conversations.send(c.id, 'customer', 'still awful');
    const result = await second.assist.assistMessage(c.id, m2.id);
    expect(result?.flags.find((f) => f.trigger === 'negative_sentiment_streak')?.evidence.messageId).toBe(m2.id);
    // A third message reads the first two from memory: same answer.
    const m3 = second.conversations.send(c.id, 'customer', 'awful, truly awful');
    const third = await second.assist.assistMessage(c.id, m3.id);
    expect(third?.flags.find((f) => f.trigger === 'negative_sentiment_streak')?.evidence.messageId).toBe(m3.id);
  });

  it('drops the result of a conversation deleted while it was being assisted, without crashing', async () => {
    const e = engine();
    let release: () => void = () => undefined;
    e.assistStages.route = () => new Promise((resolve) => (release = () => resolve(routing('order_status'))));
    const c = e.conversations.create({});
    const m = e.conversations.send(c.id, 'customer', 'where is my order');
    const pending = e.assist.assistMessage(c.id, m.id);
    await new Promise((r) => setTimeout(r, 10));
    e.conversations.delete(c.id);
    release();
    await expect(pending).resolves.toBeNull();
  });

  it('keeps working when a stage fails, and says which one', async () => {
    const e = engine();
    e.assistStages.route = async () => {
      throw new Error('model crashed');
    };
    const c = e.conversations.create({});
    const m = e.conversations.send(c.id, 'customer', 'get me a human');
    const result = await e.assist.assistMessage(c.id, m.id);
    expect(result?.stageErrors.map((s) => s.stage)).toEqual(['route']);
    expect(result?.flags.map((f) => f.trigger)).toContain('explicit_human_request');
  });

  it('handles 1,000 messages in one conversation and flags it as long', async () => {
    const e = engine();
    e.assistStages.route = async () => routing('order_status');
    const c = e.conversations.create({});
    const insert = e.db.transaction(() => {
      for (let i = 0; i < 999; i++) e.conversations.send(c.id, i % 2 ? 'agent' : 'customer', `message ${i}`);
    });
    insert();
    await e.assist.idle();
    const last = e.conversations.send(c.id, 'customer', 'and one more');
    const result = await e.assist.assistMessage(c.id, last.id);
    expect(e.conversations.get(c.id).messages).toHaveLength(1000);
    expect(result?.flags.find((f) => f.trigger === 'long_conversation')?.evidence.count).toBe(1000);
  });

  it('escalates with the five fields of the handoff packet and marks the conversation escalated', async () => {
    const e = engine();
    e.assistStages.route = async () => routing('refund_request', { threshold: 0.5 });
    const c = e.conversations.create({ customerRef: 'emma.nguyen8892@example.com' });
    const m = e.conversations.send(c.id, 'customer', 'I want to speak to a manager about my refund');
    await e.assist.assistMessage(c.id, m.id);
    const { packet, destination, reference } = await e.escalation.escalate(c.id, 'agent');
    expect(destination).toBe('ticket:Billing & refunds');
    const ticket = e.actions.tickets.list(e.workspace.id).find((t) => t.id === reference);
    expect(ticket?.priority).toBe('urgent');
    expect(ticket?.conversationId).toBe(c.id);
    expect(packet.queue).toBe('Billing & refunds');
    expect(packet.summary).toContain('speak to a manager');
    expect(packet.customerSentiment.label).toBe('neutral');
    expect(packet.attemptedResolutions).toEqual([]);
    expect(packet.reason).toMatch(/asked for a human/);
    expect(e.conversations.get(c.id).conversation.status).toBe('escalated');
  });

  it('hides a dismissed flag and records why', async () => {
    const e = engine();
    e.assistStages.route = async () => routing('order_status');
    const c = e.conversations.create({});
    const m = e.conversations.send(c.id, 'customer', 'my lawyer says hi, where is my order');
    await e.assist.assistMessage(c.id, m.id);
    await e.escalation.dismiss(c.id, 'legal_compliance', 'Joke, customer is friendly', 'agent');
    expect(e.assist.latest(c.id)?.flags.map((f) => f.trigger)).not.toContain('legal_compliance');
    const row = e.db.prepare('SELECT reason FROM escalation_dismissals WHERE conversation_id = ?').get(c.id) as { reason: string };
    expect(row.reason).toBe('Joke, customer is friendly');
  });
});
