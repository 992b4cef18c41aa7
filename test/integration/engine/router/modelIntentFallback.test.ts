import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { DEFAULT_TAXONOMY } from '../../../../main/engine/router/defaultTaxonomy.js';
import { trainIntentModel } from '../../../../main/engine/router/intentModel.js';
import { combineWithLlm, LLM_WEIGHT } from '../../../../main/engine/router/llmFallback.js';
import { intentAnswerSchema, intentPrompt, ModelIntentFallback } from '../../../../main/engine/router/modelIntentFallback.js';
import type { Trainer } from '../../../../main/engine/router/routerService.js';
import { ModelManager } from '../../../../main/ml/llm/modelManager.js';
import type { ChatModel } from '../../../../main/ml/llm/chatModel.js';
import type { ModelHost } from '../../../../main/engine/drafting/modelHost.js';
import { setTimeout as delay } from 'node:timers/promises';
import { FixedClock } from '../../../support/fixedClock.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';
import { tempDir } from '../../../support/tempDir.js';
import { writeTinyGguf } from '../../../support/tinyGguf.js';

/**
 * The router's low-confidence fallback on the real llama.cpp path with the generated tiny GGUF
 * (random weights: its classifications are noise, so these tests check the grammar, the combining
 * rule, the deadline and the recorded reason, never which intent it picks).
 */
const DIR = tempDir('tandem-intent-llm', { scope: 'file' });
const inProcess: Trainer = async (request, onProgress) => trainIntentModel({ ...request, ...(onProgress ? { onProgress } : {}) });
const intents = DEFAULT_TAXONOMY.intents.map((i) => ({ name: i.name, description: i.description }));
const names = intents.map((i) => i.name);
// Vague on purpose: the classifier is unsure, so the router consults the model.
const VAGUE = 'hmm so about that thing from before, what now';
let manager: ModelManager;

beforeAll(async () => {
  // Byte-fallback tokens make the taxonomy prompt long for this vocabulary: give it a real model's context.
  writeTinyGguf(join(DIR, 'tiny-chat.gguf'), { layers: 2, contextLength: 4096 });
  manager = new ModelManager({ modelsDir: DIR });
  await manager.load(join(DIR, 'tiny-chat.gguf'));
}, 90_000);

afterAll(async () => {
  await manager?.unload();
});

function open(models: ModelHost | undefined): Engine {
  return openEngine({ dataDir: ':memory:', seedDemo: true, clock: new FixedClock(), embedder: hashEmbedder({ dimension: 128 }), intentTrainer: inProcess, ...(models ? { models } : {}) });
}

describe('grammar-constrained intent classification on the tiny GGUF', () => {
  it('writes JSON that parses, matches the schema and names one of the taxonomy intents', async () => {
    const model = manager.model!;
    const timings: number[] = [];
    for (const seed of [1, 2, 3]) {
      const result = await model.generate(intentPrompt({ text: VAGUE, history: [], intents }, 1200), {
        jsonSchema: intentAnswerSchema(names), maxTokens: 96, seed, temperature: 1, timeoutMs: 60_000,
      });
      timings.push(result.durationMs);
      const parsed = JSON.parse(result.text) as { intent: string; confidence: number; entities: { kind: string; value: string }[] };
      expect(result.json).toEqual(parsed);
      expect(names).toContain(parsed.intent);
      expect(typeof parsed.confidence).toBe('number');
      expect(Array.isArray(parsed.entities)).toBe(true);
      expect(parsed.entities.length).toBeLessThanOrEqual(3);
    }
    console.log(`structured intent call (tiny GGUF): ${timings.map((t) => Math.round(t)).join(', ')} ms`);
  }, 120_000);

  it('the fallback answers with a taxonomy intent and a confidence in [0, 1], or says why not', async () => {
    const fallback = new ModelIntentFallback(() => manager.model, { timeoutMs: 60_000 });
    expect(fallback.available()).toBe(true);
    const started = Date.now();
    try {
      const answer = await fallback.classify({ text: VAGUE, history: ['I bought a lamp'], intents });
      expect(names).toContain(answer.intent);
      expect(answer.confidence).toBeGreaterThanOrEqual(0);
      expect(answer.confidence).toBeLessThanOrEqual(1);
    } catch (error) {
      // Random weights may write a confidence like 42: the grammar allows any number, the parser does not.
      expect(error).toMatchObject({ code: 'E_MODEL_BAD_JSON', message: expect.stringContaining('confidence') });
    }
    console.log(`ModelIntentFallback.classify (tiny GGUF): ${Date.now() - started} ms`);
  }, 120_000);

  it('is not available and refuses with E_MODEL_NOT_LOADED when no model is loaded', async () => {
    const fallback = new ModelIntentFallback(() => null);
    expect(fallback.available()).toBe(false);
    await expect(fallback.classify({ text: VAGUE, history: [], intents })).rejects.toMatchObject({ code: 'E_MODEL_NOT_LOADED' });
  });
});

describe('the router with a loaded model', () => {
  it('consults the model on a low-confidence message, never lifting confidence past the mixing rule, and records the outcome', async () => {
    const plain = open(undefined);
    const withModel = open(manager);
    try {
      const before = await plain.router.classify(VAGUE);
      expect(before.belowThreshold).toBe(true);
      expect(before.llm).toBeUndefined();
      const after = await withModel.router.classify(VAGUE);
      expect(after.llm).toBeDefined();
      const llm = after.llm!;
      if (llm.outcome === 'combined') {
        expect(after.source).toBe('classifier+llm');
        expect(names).toContain(llm.intent);
      } else {
        expect(after.source).toBe('classifier');
        expect(llm.reason).toMatch(/classifier's result stands/);
        expect(after).toMatchObject({ intent: before.intent, confidence: before.confidence });
      }
      // Every intent's probability before combining is at most the classifier's top one.
      expect(after.confidence).toBeLessThanOrEqual((1 - LLM_WEIGHT) * Math.max(before.confidence, before.runnerUp?.confidence ?? 0) + LLM_WEIGHT + 1e-4);
      console.log(`router.classify with the model consulted: ${llm.ms} ms (${llm.outcome})`);
    } finally {
      plain.close();
      withModel.close();
    }
  }, 120_000);

  it('the mixing rule: a fully confident model answer moves a probability by at most the LLM weight', () => {
    const probabilities = new Map([['order_status', 0.2], ['refund_request', 0.45], ['other', 0.35]]);
    const { probabilities: mixed, used } = combineWithLlm(probabilities, { intent: 'order_status', confidence: 1 });
    expect(used).toBe(true);
    for (const [intent, p] of probabilities) expect(mixed.get(intent)!).toBeLessThanOrEqual((1 - LLM_WEIGHT) * p + LLM_WEIGHT + 1e-12);
    expect(combineWithLlm(probabilities, { intent: 'wire_transfer', confidence: 1 }).used).toBe(false);
    expect(combineWithLlm(probabilities, { intent: 'order_status', confidence: 7 }).used).toBe(false);
  });

  it('keeps the classifier result with the reason when the model is late (busy for longer than the 3 s deadline)', async () => {
    const real = manager.model!;
    // The real model behind a queue that stays busy for 10 s (as when a long draft is being written).
    const busyModel: ChatModel = {
      id: real.id, info: real.info, close: () => real.close(),
      generate: async (messages, options) => {
        await delay(10_000, undefined, options?.signal ? { signal: options.signal } : {}).catch(() => undefined);
        return real.generate(messages, options);
      },
    };
    const host: ModelHost = {
      model: busyModel, status: () => manager.status(), list: () => manager.list(), load: (p) => manager.load(p), unload: () => manager.unload(),
      folders: () => manager.folders(), setUserFolder: (f) => manager.setUserFolder(f), onStatusChange: (l) => manager.onStatusChange(l),
    };
    const plain = open(undefined);
    const withModel = open(host);
    try {
      const before = await plain.router.classify(VAGUE);
      await withModel.router.ready();
      const started = Date.now();
      const after = await withModel.router.classify(VAGUE);
      const waited = Date.now() - started;
      expect(after.llm).toMatchObject({ outcome: 'timeout', reason: expect.stringMatching(/did not answer in time/) });
      expect(after).toMatchObject({ source: 'classifier', intent: before.intent, confidence: before.confidence });
      expect(waited).toBeGreaterThanOrEqual(2900);
      expect(waited).toBeLessThan(6000);
    } finally {
      plain.close();
      withModel.close();
    }
  }, 60_000);

  it('changes nothing when the host has a model manager but no model is loaded', async () => {
    const plain = open(undefined);
    const idle = open(new ModelManager({ modelsDir: tempDir('tandem-no-models') }));
    try {
      for (const text of [VAGUE, 'Where is my order #W2611340?', 'I want a refund for the broken blender']) {
        expect(await idle.router.classify(text)).toEqual(await plain.router.classify(text));
      }
    } finally {
      plain.close();
      idle.close();
    }
  });
});
