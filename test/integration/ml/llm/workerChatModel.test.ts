import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { getLlama } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectGgufFile } from '../../../../main/ml/llm/ggufFile.js';
import { ModelManager } from '../../../../main/ml/llm/modelManager.js';
import { WorkerChatModel } from '../../../../main/ml/llm/workerChatModel.js';
import { tempDir } from '../../../support/tempDir.js';
import { writeTinyGguf } from '../../../support/tinyGguf.js';

const DIR = tempDir('tandem-llm', { scope: 'file' });
const MODEL = join(DIR, 'tiny-chat.gguf');
const messages = [
  { role: 'system', content: 'You are a support assistant.' },
  { role: 'user', content: 'Where is my order #W1234567?' },
] as const;

let model: WorkerChatModel;

beforeAll(async () => {
  writeTinyGguf(MODEL, { layers: 2 });
  model = await WorkerChatModel.load(MODEL);
}, 60_000);

afterAll(async () => {
  await model?.close();
});

describe('WorkerChatModel on a generated tiny GGUF', () => {
  it('loads with the ChatML template from the metadata and the real core count as threads', () => {
    expect(model.info.chatTemplate).toBe('ChatML');
    expect(model.info.threads).toBe(availableParallelism());
    expect(model.info.name).toBe('Tandem Tiny Test Chat');
    expect(model.info.contextSize).toBeGreaterThanOrEqual(256);
  });

  it('streams text in batches whose concatenation is the whole reply, and stops at the length cap', async () => {
    const chunks: string[] = [];
    const result = await model.generate(messages, { maxTokens: 24, seed: 1, onToken: (text) => chunks.push(text) });
    expect(result.stopReason).toBe('maxTokens');
    expect(result.tokens).toBe(24);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.join('')).toBe(result.text);
    expect(result.firstTokenMs).not.toBeNull();
  });

  it('counts the prompt in the model’s own tokens: the chat template around the messages, as llama.cpp reads it', async () => {
    const result = await model.generate(messages, { maxTokens: 4, seed: 1 });
    // Tokenised independently, in this process: BOS, then the ChatML rendering with its special tokens.
    const llama = await getLlama({ gpu: false, build: 'never', progressLogs: false, logger: () => {} });
    try {
      const tokenizer = await llama.loadModel({ modelPath: MODEL, gpuLayers: 0, vocabOnly: true });
      const chatml = `<|im_start|>system\n${messages[0].content}<|im_end|>\n<|im_start|>user\n${messages[1].content}<|im_end|>\n<|im_start|>assistant\n`;
      expect(result.promptTokens).toBe(1 + tokenizer.tokenize(chatml, true).length);
      await tokenizer.dispose();
    } finally {
      await llama.dispose();
    }
    const longer = await model.generate([...messages, { role: 'user', content: 'Also, can I change the delivery address on it?' }], { maxTokens: 4, seed: 1 });
    expect(longer.promptTokens).toBeGreaterThan(result.promptTokens + 10);
    expect(result.tokens).toBeGreaterThan(0);
  }, 60_000);

  it('stops mid-generation when aborted and returns the text written so far', async () => {
    const controller = new AbortController();
    let streamed = '';
    const result = await model.generate(messages, {
      maxTokens: 5000,
      // Fixed sampling: with random weights an unseeded run can sample the end token right after the
      // first one, before the abort is read, and then correctly reports 'end'.
      seed: 1,
      signal: controller.signal,
      onToken: (text) => {
        streamed += text;
        controller.abort();
      },
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.tokens).toBeLessThan(5000);
    expect(result.text.startsWith(streamed.slice(0, 1))).toBe(true);
  });

  it('writes JSON that parses and matches the schema under the grammar, even with random weights', async () => {
    const schema = {
      type: 'object',
      properties: {
        intent: { enum: ['order_status', 'refund_request', 'account_issue', 'other'] },
        needsHuman: { type: 'boolean' },
      },
    } as const;
    for (const seed of [1, 2, 3]) {
      const result = await model.generate(messages, { jsonSchema: schema, maxTokens: 200, seed, temperature: 1 });
      const parsed = JSON.parse(result.text) as { intent: string; needsHuman: boolean };
      expect(result.json).toEqual(parsed);
      expect(schema.properties.intent.enum).toContain(parsed.intent);
      expect(typeof parsed.needsHuman).toBe('boolean');
    }
  }, 120_000);

  it('fails with E_MODEL_BAD_JSON when the length cap cuts the JSON short', async () => {
    const schema = { type: 'object', properties: { summary: { type: 'string' } } } as const;
    await expect(model.generate(messages, { jsonSchema: schema, maxTokens: 3 })).rejects.toMatchObject({ code: 'E_MODEL_BAD_JSON' });
  });

  it('fails with E_MODEL_TIMEOUT when the generation outlives its time limit', async () => {
    await expect(model.generate(messages, { maxTokens: 100_000, timeoutMs: 50 })).rejects.toMatchObject({ code: 'E_MODEL_TIMEOUT' });
  }, 60_000);

  it('runs queued generations one at a time', async () => {
    const [a, b] = await Promise.all([
      model.generate(messages, { maxTokens: 8, seed: 5, temperature: 0 }),
      model.generate(messages, { maxTokens: 8, seed: 5, temperature: 0 }),
    ]);
    expect(a.text).toBe(b.text);
  });

  it('honours an explicit thread count, and runs in a worker thread when asked', async () => {
    const single = await WorkerChatModel.load(MODEL, { threads: 1, isolation: 'thread' });
    try {
      expect(single.info.threads).toBe(1);
      const result = await single.generate(messages, { maxTokens: 4, seed: 1 });
      expect(result.tokens).toBeGreaterThan(0);
      expect(result.tokens).toBeLessThanOrEqual(4);
    } finally {
      await single.close();
    }
    await expect(single.generate(messages)).rejects.toMatchObject({ code: 'E_MODEL_NOT_LOADED' });
  });
});

describe('bad model files', () => {
  it('refuses a file that is not GGUF with E_MODEL_NOT_GGUF', async () => {
    const path = join(DIR, 'notes.gguf');
    writeFileSync(path, 'this is a text file, not a model\n');
    await expect(WorkerChatModel.load(path)).rejects.toMatchObject({ code: 'E_MODEL_NOT_GGUF' });
  });

  it('refuses a file cut inside its tensor data with E_MODEL_TRUNCATED', async () => {
    const path = join(DIR, 'cut-data.gguf');
    const whole = readFileSync(MODEL);
    writeFileSync(path, whole.subarray(0, whole.length - 1000));
    await expect(WorkerChatModel.load(path)).rejects.toMatchObject({ code: 'E_MODEL_TRUNCATED' });
  });

  it('refuses a file cut inside its header with E_MODEL_TRUNCATED', async () => {
    const path = join(DIR, 'cut-header.gguf');
    writeFileSync(path, readFileSync(MODEL).subarray(0, 2000));
    await expect(WorkerChatModel.load(path)).rejects.toMatchObject({ code: 'E_MODEL_TRUNCATED' });
  });

  it('refuses a file larger than free memory with E_MODEL_TOO_LARGE, before starting llama.cpp', async () => {
    await expect(WorkerChatModel.load(MODEL, { freeMemory: () => 1024 })).rejects.toMatchObject({ code: 'E_MODEL_TOO_LARGE' });
  });

  it('reports a GGUF that makes llama.cpp abort as E_MODEL_LOAD_FAILED, and the app keeps running', async () => {
    const path = join(DIR, 'no-blocks.gguf');
    writeTinyGguf(path, { metadataOverrides: { 'llama.attention.head_count': undefined } });
    await expect(WorkerChatModel.load(path)).rejects.toMatchObject({ code: 'E_MODEL_LOAD_FAILED', message: expect.stringContaining('GGML_ASSERT') });
    const result = await model.generate(messages, { maxTokens: 2, seed: 1 });
    expect(result.tokens).toBeGreaterThan(0);
  });
});

describe('ModelManager', () => {
  it('lists files with name, size, quantization, context length and memory fit, and explains unusable ones', async () => {
    const folder = tempDir('tandem-models');
    copyFileSync(MODEL, join(folder, 'tiny.gguf'));
    writeFileSync(join(folder, 'broken.gguf'), 'nope');
    const manager = new ModelManager({ modelsDir: folder });
    const listings = await manager.list();
    expect(listings.map((l) => l.usable)).toEqual([false, true]);
    const tiny = listings[1]!;
    if (!tiny.usable) throw new Error('expected usable');
    expect(tiny.file).toMatchObject({ name: 'Tandem Tiny Test Chat', quantization: 'F32', contextLength: 1024, fitsInMemory: true, hasChatTemplate: true });
    expect(tiny.file.sizeBytes).toBe(readFileSync(MODEL).length);
    const broken = listings[0]!;
    expect(!broken.usable && broken.error.code).toBe('E_MODEL_NOT_GGUF');
  });

  it('keeps one model loaded, refuses a second load while one is in flight, and unloads', async () => {
    const folder = tempDir('tandem-models');
    copyFileSync(MODEL, join(folder, 'tiny.gguf'));
    const statuses: string[] = [];
    const manager = new ModelManager({ modelsDir: folder, onStatus: (s) => statuses.push(s.state) });
    const first = manager.load(join(folder, 'tiny.gguf'));
    await expect(manager.load(join(folder, 'tiny.gguf'))).rejects.toMatchObject({ code: 'E_MODEL_BUSY' });
    const info = await first;
    expect(manager.status()).toMatchObject({ state: 'loaded', model: { path: info.path } });
    const loaded = manager.model!;
    await manager.unload();
    expect(manager.model).toBeNull();
    expect(manager.status().state).toBe('none');
    await expect(loaded.generate(messages)).rejects.toMatchObject({ code: 'E_MODEL_NOT_LOADED' });
    expect(statuses[0]).toBe('loading');
    expect(statuses.at(-1)).toBe('none');
  });

  it('refuses files outside the known folders', async () => {
    const manager = new ModelManager({ modelsDir: tempDir('tandem-models') });
    await expect(manager.load(MODEL)).rejects.toMatchObject({ code: 'E_MODEL_NOT_FOUND' });
  });
});

describe('inspectGgufFile', () => {
  it('reports a missing file as E_MODEL_NOT_FOUND', async () => {
    await expect(inspectGgufFile(join(DIR, 'nope.gguf'))).rejects.toMatchObject({ code: 'E_MODEL_NOT_FOUND' });
  });
});
