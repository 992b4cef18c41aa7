import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../main/api/dispatcher.js';
import { openEngine, type Engine } from '../../../main/engine/index.js';
import { trainIntentModel } from '../../../main/engine/router/intentModel.js';
import { FixedClock } from '../../support/fixedClock.js';
import { hashEmbedder } from '../../support/hashEmbedder.js';

let engine: Engine;
let dispatcher: Dispatcher;
beforeEach(() => {
  engine = openEngine({
    dataDir: ':memory:',
    clock: new FixedClock(),
    embedder: hashEmbedder({ dimension: 128 }),
    intentTrainer: async (request) => trainIntentModel(request),
  });
  dispatcher = createDispatcher({ engine, appVersion: '0.0.0-test' }, { validateOutput: true });
});
afterEach(async () => {
  await engine.assist.idle();
  engine.close();
});

describe('router API', () => {
  it('classifies text and reports the model it used', async () => {
    const result = await dispatcher.invoke('router.classify', { text: 'How do I reset my password?' });
    expect(result).toMatchObject({ ok: true, value: { intent: 'account_issue', threshold: 0.3 } });
    expect(await dispatcher.invoke('router.status', {})).toMatchObject({ ok: true, value: { modelVersion: 1, training: 'idle' } });
  });

  it('answers bad input with clear errors instead of crashing', async () => {
    const long = await dispatcher.invoke('router.classify', { text: 'x'.repeat(50_000) });
    expect(long).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(long.ok ? '' : long.error.message).toMatch(/20,000 characters/);
    expect(await dispatcher.invoke('router.classify', { text: '' })).toMatchObject({ ok: true, value: { intent: 'other', source: 'empty' } });
    expect(await dispatcher.invoke('router.correct', { messageId: 'm-nope', intent: 'complaint' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    expect(await dispatcher.invoke('router.classify', { text: 'hi', conversationId: 'c-nope' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
  });

  it('refuses a taxonomy with an empty intent with E_TAXONOMY_INVALID and a sentence naming it', async () => {
    const current = await dispatcher.invoke('router.taxonomy.get', {});
    if (!current.ok) throw new Error('taxonomy.get failed');
    const intents = current.value.taxonomy.intents.map((i) => ({ ...i, tools: [...i.tools], examples: i.name === 'order_status' ? ['   '] : [...i.examples] }));
    const result = await dispatcher.invoke('router.taxonomy.update', { taxonomy: { ...current.value.taxonomy, intents } });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_TAXONOMY_INVALID' } });
    expect(result.ok ? '' : result.error.message).toMatch(/"order_status" has no examples.*previous|current model stays in use/);
    expect(await dispatcher.invoke('router.taxonomy.get', {})).toEqual(current);
  });

  it('renames an intent and retrains', async () => {
    const current = await dispatcher.invoke('router.taxonomy.get', {});
    if (!current.ok) throw new Error('taxonomy.get failed');
    const intents = current.value.taxonomy.intents.map((i) => ({ ...i, name: i.name === 'complaint' ? 'feedback_complaint' : i.name, tools: [...i.tools], examples: [...i.examples] }));
    const updated = await dispatcher.invoke('router.taxonomy.update', { taxonomy: { ...current.value.taxonomy, intents }, renames: { complaint: 'feedback_complaint' } });
    expect(updated).toMatchObject({ ok: true, value: { revision: 2 } });
    const status = await dispatcher.invoke('router.retrain', {});
    expect(status).toMatchObject({ ok: true, value: { stale: false, taxonomyRevision: 2 } });
    const r = await dispatcher.invoke('router.classify', { text: 'This is the worst customer service, I want to file a complaint' });
    expect(r).toMatchObject({ ok: true, value: { intent: 'feedback_complaint' } });
  });
});
