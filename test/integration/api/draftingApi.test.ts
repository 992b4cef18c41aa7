import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../main/api/dispatcher.js';
import type { EngineEvent } from '../../../main/engine/events.js';
import { openEngine, type Engine } from '../../../main/engine/index.js';
import { loadDemoTranscript } from '../../../main/engine/replay/demoTranscripts.js';
import { replayTranscript } from '../../../main/engine/replay/replayTranscript.js';
import { ModelManager } from '../../../main/ml/llm/modelManager.js';
import { tempDir } from '../../support/tempDir.js';
import { writeTinyGguf } from '../../support/tinyGguf.js';

/** draft.* and models.* through the dispatcher (validated inputs and outputs) on a demo engine with a model manager. */
const MODELS = tempDir('tandem-api-models', { scope: 'file' });
const PICKED = tempDir('tandem-api-picked', { scope: 'file' });
let engine: Engine;
let manager: ModelManager;
let dispatcher: Dispatcher;
const events: EngineEvent[] = [];

beforeAll(() => {
  writeTinyGguf(join(MODELS, 'tiny.gguf'), { layers: 1, contextLength: 4096 });
  writeFileSync(join(MODELS, 'readme.gguf'), 'not a model at all');
  mkdirSync(join(PICKED, 'more'), { recursive: true });
  writeTinyGguf(join(PICKED, 'more', 'other.gguf'), { layers: 1 });
  manager = new ModelManager({ modelsDir: MODELS });
  engine = openEngine({ dataDir: ':memory:', seedDemo: true, models: manager });
  engine.events.subscribe((e) => events.push(e));
  dispatcher = createDispatcher({ engine, appVersion: '0.0.0-test' }, { validateOutput: true });
});

afterAll(async () => {
  engine?.close();
  await manager?.unload();
});

describe('models API', () => {
  it('lists the files with what they are or why they cannot be used, and adds a picked folder (remembered in settings)', async () => {
    const listed = await dispatcher.invoke('models.list', {});
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    expect(listed.value.folders).toEqual([MODELS]);
    expect(listed.value.models.map((m) => [m.path.split('/').at(-1), m.usable])).toEqual([['readme.gguf', false], ['tiny.gguf', true]]);
    const broken = listed.value.models.find((m) => !m.usable);
    expect(broken && !broken.usable && broken.error.code).toBe('E_MODEL_NOT_GGUF');

    expect(await dispatcher.invoke('models.setFolder', { folder: join(PICKED, 'missing') })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    const withFolder = await dispatcher.invoke('models.setFolder', { folder: PICKED });
    expect(withFolder).toMatchObject({ ok: true, value: { folders: [MODELS, PICKED] } });
    expect(withFolder.ok && withFolder.value.models.some((m) => m.path === join(PICKED, 'more', 'other.gguf') && m.usable)).toBe(true);
    expect(engine.workspaces.getSetting(engine.workspace.id, 'models.userFolder')).toBe(PICKED);
  });

  it('refuses files outside the models folders and files that are not GGUF, with errors that say what to do', async () => {
    expect(await dispatcher.invoke('models.load', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'E_MODEL_NOT_FOUND' } });
    const notGguf = await dispatcher.invoke('models.load', { path: join(MODELS, 'readme.gguf') });
    expect(notGguf).toMatchObject({ ok: false, error: { code: 'E_MODEL_NOT_GGUF' } });
    expect(!notGguf.ok && notGguf.error.message).toMatch(/pick a \.gguf file/);
    expect(await dispatcher.invoke('models.status', {})).toMatchObject({ ok: true, value: { state: 'failed' } });
  });

  it('loads with progress events, reports the loaded model, and unloads back to templates', async () => {
    const loaded = await dispatcher.invoke('models.load', { path: join(MODELS, 'tiny.gguf') });
    expect(loaded).toMatchObject({ ok: true, value: { name: 'Tandem Tiny Test Chat' } });
    const states = events.filter((e): e is Extract<EngineEvent, { type: 'models.status' }> => e.type === 'models.status').map((e) => e.status.state);
    expect(states).toContain('loading');
    expect(states.at(-1)).toBe('loaded');
    expect(await dispatcher.invoke('models.status', {})).toMatchObject({ ok: true, value: { state: 'loaded', model: { name: 'Tandem Tiny Test Chat' } } });
    expect(await dispatcher.invoke('models.unload', {})).toMatchObject({ ok: true, value: { state: 'none' } });
  }, 90_000);
});

describe('draft API', () => {
  it('gets, checks, fixes and sends a draft; a blocking finding is refused without override', async () => {
    const { conversationId } = await replayTranscript(engine, loadDemoTranscript('refund-under-100'));
    await engine.assist.idle();
    const generated = await dispatcher.invoke('draft.generate', { conversationId });
    expect(generated).toMatchObject({ ok: true, value: { status: 'ready', source: 'template' } });
    if (!generated.ok) return;
    const draft = generated.value;
    expect(await dispatcher.invoke('draft.get', { conversationId })).toMatchObject({ ok: true, value: { id: draft.id } });

    const wrong = draft.text.replace('I can refund $53.91', 'I can refund $99.00');
    const check = await dispatcher.invoke('draft.check', { draftId: draft.id, text: wrong });
    expect(check).toMatchObject({ ok: true, value: { blocking: true } });
    expect(await dispatcher.invoke('draft.send', { draftId: draft.id, text: wrong })).toMatchObject({ ok: false, error: { code: 'E_DRAFT_BLOCKED' } });
    const fixed = await dispatcher.invoke('draft.applyFix', { draftId: draft.id, text: wrong, findingIndex: 0 });
    expect(fixed).toMatchObject({ ok: true, value: { text: draft.text, blocking: false } });
    const sent = await dispatcher.invoke('draft.send', { draftId: draft.id, text: draft.text });
    expect(sent).toMatchObject({ ok: true, value: { draft: { status: 'sent', outcome: 'accepted', editDistance: 0 } } });
    expect(await dispatcher.invoke('draft.discard', { draftId: draft.id })).toMatchObject({ ok: false, error: { code: 'E_DRAFT_CLOSED' } });
    expect(await dispatcher.invoke('draft.send', { draftId: draft.id, text: '' })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(await dispatcher.invoke('draft.get', { conversationId: 'c_missing' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
  });

  it('the AI-disclosure setting adds the disclosure to a first reply and can be switched off', async () => {
    expect(await dispatcher.invoke('draft.settings.get', {})).toEqual({ ok: true, value: { aiDisclosure: true } });
    const conversation = engine.conversations.create({ customerRef: 'olivia.davis4495@example.com', firstMessage: 'What is your return policy?' });
    await engine.assist.idle();
    const first = await dispatcher.invoke('draft.generate', { conversationId: conversation.id });
    expect(first.ok && first.value.text).toMatch(/prepared with the help of an AI assistant/);
    expect(await dispatcher.invoke('draft.settings.set', { aiDisclosure: false })).toEqual({ ok: true, value: { aiDisclosure: false } });
    const second = await dispatcher.invoke('draft.regenerate', { conversationId: conversation.id });
    expect(second.ok && second.value.text).not.toMatch(/AI assistant/);
  });
});
