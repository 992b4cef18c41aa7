/**
 * Drafting benchmark: quality-gate precision/recall per check and latency per draft on the labelled
 * set, template draft latency, and LLM time-to-first-token and tokens/s. The LLM figures use a real
 * GGUF from models/ when one is present, otherwise the generated tiny fixture model (random weights,
 * so they measure the plumbing, not a real model's speed). Prints one JSON object.
 *
 *   node --import tsx bench/qualityGate.ts
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { templateDraft } from '../main/engine/drafting/templateDraft.js';
import { evaluateGate, type LabelledDrafts } from '../main/engine/quality/gateEvaluation.js';
import { findModelFiles } from '../main/ml/modelFiles.js';
import { WorkerChatModel } from '../main/ml/llm/workerChatModel.js';
import { writeTinyGguf } from '../test/support/tinyGguf.js';

const set = JSON.parse(readFileSync(new URL('../test/fixtures/quality-drafts.json', import.meta.url), 'utf8')) as LabelledDrafts;
const gate = evaluateGate(set, 20);

const contexts = Object.values(set.scenarios).map((s) => s.context);
for (let i = 0; i < 200; i++) templateDraft(contexts[i % contexts.length]!);
const templateTimes: number[] = [];
for (let i = 0; i < 2000; i++) {
  const started = performance.now();
  templateDraft(contexts[i % contexts.length]!);
  templateTimes.push(performance.now() - started);
}
templateTimes.sort((a, b) => a - b);

const modelsDir = resolve(new URL('../models', import.meta.url).pathname);
const real = findModelFiles(modelsDir).gguf[0];
const scratch = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
const modelPath = real ? join(modelsDir, real) : join(scratch, 'tiny.gguf');
if (!real) writeTinyGguf(modelPath, { layers: 2 });
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

let llm: Record<string, unknown>;
try {
  const model = await WorkerChatModel.load(modelPath);
  const messages = [
    { role: 'system', content: 'You draft short, friendly customer support replies. Cite sources like [1].' },
    { role: 'user', content: 'Hi, where is my order #W7678072? It was supposed to arrive last week.' },
  ] as const;
  await model.generate(messages, { maxTokens: 8, seed: 1 });
  const runs = [];
  for (let r = 0; r < 3; r++) {
    const result = await model.generate(messages, { maxTokens: 128, seed: r + 1, temperature: 0.3 });
    const generationMs = result.durationMs - (result.firstTokenMs ?? 0);
    runs.push({ firstTokenMs: result.firstTokenMs, tokens: result.tokens, tokensPerSecond: round(result.tokens / Math.max(0.001, result.durationMs / 1000), 1), decodeTokensPerSecond: round((result.tokens - 1) / Math.max(0.001, generationMs / 1000), 1) });
  }
  llm = { model: real ? real : 'generated tiny fixture (llama arch, 2 layers, hidden 32, F32 random weights, 380 tokens) — no real GGUF in models/', loadMs: model.info.loadMs, threads: model.info.threads, contextSize: model.info.contextSize, runs };
  await model.close();
} catch (error) {
  llm = { error: error instanceof Error ? error.message : String(error) };
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(
  JSON.stringify(
    {
      workload: `quality gate on ${gate.drafts} labelled drafts (×20 timed); template drafts for ${contexts.length} scenarios (2000 timed); LLM draft 128 tokens ×3`,
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
      qualityGate: { checks: gate.checks, mismatches: gate.mismatches.length, meanMsPerDraft: gate.meanGateMs, p95MsPerDraft: gate.p95GateMs },
      templateDraft: { meanMs: round(templateTimes.reduce((a, b) => a + b, 0) / templateTimes.length), p95Ms: round(templateTimes[Math.floor(templateTimes.length * 0.95)]!), goalMs: 5 },
      llm,
    },
    null,
    1,
  ),
);
