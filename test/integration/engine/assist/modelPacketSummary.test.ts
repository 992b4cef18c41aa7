import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelPacketSummarizer } from '../../../../main/engine/assist/modelPacketSummarizer.js';
import type { Message } from '../../../../main/engine/conversations/types.js';
import { modelSummary, summaryProblem } from '../../../../main/engine/escalation/modelSummary.js';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { loadDemoTranscript } from '../../../../main/engine/replay/demoTranscripts.js';
import { replayTranscript } from '../../../../main/engine/replay/replayTranscript.js';
import { ModelManager } from '../../../../main/ml/llm/modelManager.js';
import { tempDir } from '../../../support/tempDir.js';
import { writeTinyGguf } from '../../../support/tinyGguf.js';

/** The handoff packet's abstractive summary on the real llama.cpp path with the generated tiny GGUF. */
const DIR = tempDir('tandem-summary-llm', { scope: 'file' });
let manager: ModelManager;

beforeAll(async () => {
  writeTinyGguf(join(DIR, 'tiny-chat.gguf'), { layers: 2, contextLength: 4096 });
  manager = new ModelManager({ modelsDir: DIR });
  await manager.load(join(DIR, 'tiny-chat.gguf'));
}, 90_000);

afterAll(async () => {
  await manager?.unload();
});

async function escalatedConversation(engine: Engine): Promise<string> {
  const { conversationId } = await replayTranscript(engine, loadDemoTranscript('angry-asks-for-human'));
  await engine.assist.idle();
  return conversationId;
}

const message = (seq: number, role: Message['role'], content: string): Message => ({ id: `m${seq}`, conversationId: 'c', seq, role, content, metadata: {}, createdAt: seq });

describe('summaryProblem', () => {
  const messages = [message(1, 'customer', 'My order #W2611340 for $45.20 never came. Email me at ann@example.com'), message(2, 'agent', 'Let me check that order.')];
  it('accepts a summary whose numbers and ids are all in the conversation', () => {
    expect(summaryProblem('Customer says order #W2611340 ($45.20) never arrived; agent is checking.', { messages, customer: { emails: ['ann@example.com'] } })).toBeNull();
  });
  it('flags a number, an order or an email the conversation does not contain', () => {
    expect(summaryProblem('Refund of $99.00 promised.', { messages, customer: null })).toMatch(/99\.00/);
    expect(summaryProblem('Also asked about #W9999999.', { messages, customer: null })).toMatch(/9999999/);
    // An email in the conversation but not the verified customer's is still personal data it must not repeat.
    expect(summaryProblem('Reach them at ann@example.com.', { messages, customer: null })).toMatch(/email/);
  });
});

describe('abstractive handoff summary', () => {
  it('holds a model summary within the cap, or the extractive one with the reason', async () => {
    const engine = openEngine({ dataDir: ':memory:', seedDemo: true, models: manager });
    try {
      const conversationId = await escalatedConversation(engine);
      // A generous deadline: this loaded 2-core machine evaluates the prompt slowly.
      engine.escalation.setSummarizer(new ModelPacketSummarizer({ workspaceId: 'demo', model: () => manager.model, conversations: engine.conversations, commerce: engine.commerce, options: { timeoutMs: 120_000, maxChars: 300 } }));
      const started = Date.now();
      const packet = await engine.escalation.packet(conversationId);
      console.log(`abstractive summary (tiny GGUF): ${Date.now() - started} ms, ${packet.summarySource}${packet.summaryNote ? ` (${packet.summaryNote})` : ''}`);
      if (packet.summarySource === 'model') {
        expect(packet.summary.length).toBeGreaterThan(0);
        expect(packet.summary.length).toBeLessThanOrEqual(300);
        expect(packet.summaryNote).toBeNull();
      } else {
        expect(packet.summaryNote).toMatch(/extractive summary is used/);
        expect(packet.summary).toBe(engine.escalation.extractivePacket(conversationId).summary);
      }
    } finally {
      await engine.assist.idle();
      engine.close();
    }
  }, 180_000);

  it('falls back to the extractive summary with the reason on timeout', async () => {
    const engine = openEngine({ dataDir: ':memory:', seedDemo: true, models: manager });
    try {
      const conversationId = await escalatedConversation(engine);
      engine.escalation.setSummarizer(new ModelPacketSummarizer({ workspaceId: 'demo', model: () => manager.model, conversations: engine.conversations, commerce: engine.commerce, options: { timeoutMs: 50 } }));
      const packet = await engine.escalation.packet(conversationId);
      expect(packet).toMatchObject({ summarySource: 'extractive', summaryNote: expect.stringMatching(/No answer within 50 ms/) });
      expect(packet.summary).toBe(engine.escalation.extractivePacket(conversationId).summary);
      await expect(modelSummary(manager.model!, { messages: [message(1, 'customer', 'hello')], customer: null }, { timeoutMs: 1 })).rejects.toMatchObject({ code: 'E_MODEL_TIMEOUT' });
    } finally {
      await engine.assist.idle();
      engine.close();
    }
  }, 60_000);

  it('without a loaded model the packet is extractive, as before', async () => {
    const engine = openEngine({ dataDir: ':memory:', seedDemo: true, models: new ModelManager({ modelsDir: tempDir('tandem-no-models') }) });
    try {
      const conversationId = await escalatedConversation(engine);
      const packet = await engine.escalation.packet(conversationId);
      expect(packet).toMatchObject({ summarySource: 'extractive', summaryNote: null });
      expect(packet.summary).toMatch(/^Customer opened with/);
    } finally {
      await engine.assist.idle();
      engine.close();
    }
  });
});
