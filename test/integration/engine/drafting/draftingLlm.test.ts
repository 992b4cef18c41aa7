import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../main/engine/events.js';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { loadDemoTranscript } from '../../../../main/engine/replay/demoTranscripts.js';
import { replayTranscript } from '../../../../main/engine/replay/replayTranscript.js';
import { ModelManager } from '../../../../main/ml/llm/modelManager.js';
import { tempDir } from '../../../support/tempDir.js';
import { writeTinyGguf } from '../../../support/tinyGguf.js';

/**
 * The DraftingService through the real llama.cpp path: the host's ModelManager with the generated
 * tiny GGUF (random weights, so its text is noise: these tests check streaming, the length cap,
 * timeouts and the fallback, never the wording).
 */
const DIR = tempDir('tandem-draft-llm', { scope: 'file' });
let manager: ModelManager;

beforeAll(async () => {
  // The draft prompt (guidelines, sources, history) is ~1,500 tokens: give the fixture a real model's room.
  writeTinyGguf(join(DIR, 'tiny-chat.gguf'), { layers: 2, contextLength: 4096 });
  manager = new ModelManager({ modelsDir: DIR });
  await manager.load(join(DIR, 'tiny-chat.gguf'));
}, 90_000);

afterAll(async () => {
  await manager?.unload();
});

async function refundConversation(engine: Engine): Promise<string> {
  const { conversationId } = await replayTranscript(engine, loadDemoTranscript('refund-under-100'));
  await engine.assist.idle();
  return conversationId;
}

describe('LLM drafts with the generated tiny GGUF', () => {
  it('streams a draft token batch by token batch and ends ready (LLM text cut to whole sentences, or the template with its reason)', async () => {
    const engine = openEngine({ dataDir: ':memory:', seedDemo: true, models: manager, drafting: { llmMaxTokens: 48, llmTimeoutMs: 60_000 } });
    try {
      const events: EngineEvent[] = [];
      engine.events.subscribe((e) => events.push(e));
      const conversationId = await refundConversation(engine);
      const generating = await engine.drafting!.generate(conversationId);
      expect(generating).toMatchObject({ status: 'generating', source: 'llm', model: 'Tandem Tiny Test Chat' });
      const draft = await engine.drafting!.settled(generating.id);
      expect(draft.status).toBe('ready');
      const batches = events.filter((e): e is Extract<EngineEvent, { type: 'draft.tokens' }> => e.type === 'draft.tokens' && e.draftId === draft.id);
      expect(batches.length).toBeGreaterThan(0);
      // Batched: fewer events than the 48 tokens written.
      expect(batches.length).toBeLessThan(48);
      const streamed = batches.map((b) => b.text).join('');
      if (draft.source === 'llm') {
        expect(streamed.trim().startsWith(draft.text.slice(0, 20))).toBe(true);
        expect(draft.fallbackReason).toBeNull();
      } else {
        // Random weights rarely end a sentence inside 48 tokens: the runaway reply is refused, the template is used.
        expect(draft.fallbackReason).toMatch(/length cap|nothing usable|personal data/);
        expect(draft.text).toMatch(/eligible for a refund/);
      }
      const usage = engine.db.prepare(`SELECT model, completion_tokens FROM model_usage WHERE conversation_id = ?`).get(conversationId) as { model: string; completion_tokens: number };
      // The token usage is recorded for metrics; random weights may end the reply before the cap.
      expect(usage.model).toBe('Tandem Tiny Test Chat');
      expect(usage.completion_tokens).toBeGreaterThan(0);
      expect(usage.completion_tokens).toBeLessThanOrEqual(48);
    } finally {
      engine.close();
    }
  }, 90_000);

  it('records the prompt and completion tokens of a drafted reply, and the cost figure counts both', async () => {
    const engine = openEngine({ dataDir: ':memory:', seedDemo: true, models: manager, drafting: { llmMaxTokens: 24, llmTimeoutMs: 60_000 } });
    try {
      const conversationId = await refundConversation(engine);
      // 1 ¢ per local token and no infrastructure cost: the cost figure is exactly the token count.
      engine.metrics.setCostSettings({ localCentsPerMillionTokens: 1_000_000, remoteCentsPerMillionTokens: 0, infraCentsPerHour: 0 });
      const before = engine.metrics.summary({ from: 0, to: Date.now() + 86_400_000 }).counts.totalCostCents;
      const draft = await engine.drafting!.settled((await engine.drafting!.generate(conversationId)).id);
      expect(draft.status).toBe('ready');
      const usage = engine.db
        .prepare(`SELECT prompt_tokens, completion_tokens, local FROM model_usage WHERE conversation_id = ?`)
        .all(conversationId) as { prompt_tokens: number; completion_tokens: number; local: number }[];
      expect(usage).toHaveLength(1);
      const [row] = usage;
      // The draft prompt (guidelines, cited sources, the conversation) is hundreds of tokens in any vocabulary.
      expect(row!.prompt_tokens).toBeGreaterThan(200);
      expect(row!.prompt_tokens).toBeLessThanOrEqual(manager.model!.info.contextSize);
      expect(row!.completion_tokens).toBeGreaterThan(0);
      expect(row!.completion_tokens).toBeLessThanOrEqual(24);
      expect(row!.local).toBe(1);
      const after = engine.metrics.summary({ from: 0, to: Date.now() + 86_400_000 }).counts.totalCostCents;
      expect(after - before).toBe(row!.prompt_tokens + row!.completion_tokens);
    } finally {
      engine.close();
    }
  }, 90_000);

  it('falls back to the template draft when the model does not finish in time', async () => {
    const engine = openEngine({ dataDir: ':memory:', seedDemo: true, models: manager, drafting: { llmMaxTokens: 100_000, llmTimeoutMs: 30 } });
    try {
      const conversationId = await refundConversation(engine);
      const draft = await engine.drafting!.settled((await engine.drafting!.generate(conversationId)).id);
      expect(draft).toMatchObject({ status: 'ready', source: 'template' });
      expect(draft.fallbackReason).toMatch(/did not finish in time|No answer within/);
      expect(draft.text).toMatch(/eligible for a refund/);
    } finally {
      engine.close();
    }
  }, 90_000);
});
