/**
 * Drafting through the engine's DraftingService on the seeded demo shop (the refund-under-$100
 * conversation): a template draft end to end (facts gathered from the conversation, actions and
 * commerce, template, quality gate, row written, event sent), the gate on an edited text, and with
 * the generated tiny GGUF fixture (random weights: it measures the plumbing, not a real model) the
 * time from "generate" to the first streamed batch and tokens/s. Prints one JSON object.
 *
 *   node --import tsx bench/draftingService.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../main/engine/index.js';
import { loadDemoTranscript } from '../main/engine/replay/demoTranscripts.js';
import { replayTranscript } from '../main/engine/replay/replayTranscript.js';
import { ModelManager } from '../main/ml/llm/modelManager.js';
import { writeTinyGguf } from '../test/support/tinyGguf.js';

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;
const stats = (times: number[]): { meanMs: number; p50Ms: number; p95Ms: number } => {
  const sorted = [...times].sort((a, b) => a - b);
  return { meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length), p50Ms: round(sorted[Math.floor(sorted.length / 2)]!), p95Ms: round(sorted[Math.floor(sorted.length * 0.95)]!) };
};

const engine = openEngine({ dataDir: ':memory:', seedDemo: true });
await engine.knowledge.ensureDemoIndexed();
const { conversationId } = await replayTranscript(engine, loadDemoTranscript('refund-under-100'));
await engine.assist.idle();
const drafting = engine.drafting!;
for (let i = 0; i < 20; i++) await drafting.regenerate(conversationId);
const templateTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  await drafting.regenerate(conversationId);
  templateTimes.push(performance.now() - started);
}
const draft = drafting.latest(conversationId)!;
const edited = draft.text.replace('Hi Olivia,', 'Hi Olivia, we can refund $80.00 today.');
const checkTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  drafting.check(draft.id, edited);
  checkTimes.push(performance.now() - started);
}
engine.close();

const scratch = mkdtempSync(join(tmpdir(), 'tandem-bench-draft-'));
let llm: Record<string, unknown>;
try {
  const modelPath = join(scratch, 'tiny.gguf');
  writeTinyGguf(modelPath, { layers: 2, contextLength: 4096 });
  const manager = new ModelManager({ modelsDir: scratch });
  const info = await manager.load(modelPath);
  const withModel = openEngine({ dataDir: ':memory:', seedDemo: true, models: manager, drafting: { llmMaxTokens: 128, llmTimeoutMs: 120_000 } });
  await withModel.knowledge.ensureDemoIndexed();
  const replayed = await replayTranscript(withModel, loadDemoTranscript('refund-under-100'));
  await withModel.assist.idle();
  const runs = [];
  for (let r = 0; r < 4; r++) {
    let firstBatchAt: number | null = null;
    const stop = withModel.events.subscribe((e) => {
      if (e.type === 'draft.tokens' && firstBatchAt === null) firstBatchAt = performance.now();
    });
    const started = performance.now();
    const generating = await withModel.drafting!.regenerate(replayed.conversationId);
    await withModel.drafting!.settled(generating.id);
    const ended = performance.now();
    stop();
    const tokens = (withModel.db.prepare(`SELECT completion_tokens AS n FROM model_usage ORDER BY id DESC LIMIT 1`).get() as { n: number }).n;
    if (r === 0) continue; // warm-up
    runs.push({
      firstBatchMs: firstBatchAt === null ? null : round(firstBatchAt - started, 1),
      tokens,
      totalMs: round(ended - started, 1),
      tokensPerSecond: round(tokens / ((ended - started) / 1000), 1),
      decodeTokensPerSecond: firstBatchAt === null ? null : round(tokens / ((ended - firstBatchAt) / 1000), 1),
    });
  }
  withModel.close();
  await manager.unload();
  llm = { model: 'generated tiny fixture (llama arch, 2 layers, hidden 32, F32 random weights, context 4096) — no real GGUF in models/', loadMs: info.loadMs, threads: info.threads, runs };
} catch (error) {
  llm = { error: error instanceof Error ? error.message : String(error) };
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(
  JSON.stringify(
    {
      workload: 'DraftingService on the demo refund-under-$100 conversation: 200 template drafts (regenerate), 200 gate checks of an edited text, 3 LLM drafts of 128 tokens with the tiny fixture (after 1 warm-up)',
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
      templateDraftThroughService: stats(templateTimes),
      gateCheckThroughService: stats(checkTimes),
      llm,
    },
    null,
    1,
  ),
);
