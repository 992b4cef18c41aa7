import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../main/api/dispatcher.js';
import { DEFAULT_ESCALATION_CONFIG } from '../../../main/engine/escalation/config.js';
import { openEngine, type Engine } from '../../../main/engine/index.js';

let engine: Engine;
let api: Dispatcher;

beforeAll(() => {
  engine = openEngine({ dataDir: ':memory:', seedDemo: true });
  api = createDispatcher({ engine, appVersion: 'test' }, { validateOutput: true });
});
afterAll(async () => {
  await engine.assist.idle();
  engine.close();
});

describe('assist and escalation through the contract', () => {
  it('assists a seeded conversation on first request and returns its latest result', async () => {
    const [demo] = engine.conversations.list();
    const result = await api.invoke('assist.get', { conversationId: demo!.id });
    expect(result.ok).toBe(true);
    if (!result.ok || !result.value) throw new Error('no assist result');
    const { messages } = engine.conversations.get(demo!.id);
    expect(result.value.messageId).toBe(messages.filter((m) => m.role === 'customer').at(-1)!.id);
    const history = await api.invoke('assist.history', { conversationId: demo!.id });
    expect(history.ok && history.value.length).toBe(messages.filter((m) => m.role === 'customer').length);
  });

  it('answers E_NOT_FOUND for an unknown conversation', async () => {
    const result = await api.invoke('assist.get', { conversationId: 'c_missing' });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
  });

  it('refuses an invalid trigger configuration and keeps the previous one', async () => {
    const before = await api.invoke('escalation.config.get', {});
    const bad = await api.invoke('escalation.config.set', { config: { ...DEFAULT_ESCALATION_CONFIG, maxMessages: 0, queues: 'x' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(!bad.ok && bad.error.message).toMatch(/maxMessages/);
    expect(await api.invoke('escalation.config.get', {})).toEqual(before);
    const good = await api.invoke('escalation.config.set', { config: { ...DEFAULT_ESCALATION_CONFIG, maxMessages: 30 } });
    expect(good.ok && good.value.maxMessages).toBe(30);
  });

  it('will not dismiss a flag that is not raised, and needs a reason', async () => {
    const c = engine.conversations.create({ firstMessage: 'Where is my order?' });
    await engine.assist.idle();
    const missing = await api.invoke('escalation.dismiss', { conversationId: c.id, trigger: 'legal_compliance', reason: 'n/a' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    const noReason = await api.invoke('escalation.dismiss', { conversationId: c.id, trigger: 'legal_compliance', reason: '' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });

  it('starts a replay and returns its conversation at once; the messages arrive in order', async () => {
    const started = await api.invoke('replay.start', { transcriptId: 'legal-threat', delayMs: 0 });
    if (!started.ok) throw new Error(started.error.message);
    await expect.poll(() => engine.conversations.get(started.value.conversationId).messages.length, { timeout: 20_000 }).toBe(3);
    expect(engine.conversations.get(started.value.conversationId).messages.map((m) => m.role)).toEqual(['customer', 'agent', 'customer']);
    const neither = await api.invoke('replay.start', {});
    expect(neither).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });
});
