import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngineHost, type EngineHost } from '../../../main/config/engineHost.js';
import type { Log } from '../../../main/engine/log.js';
import { writeTinyCrossEncoder } from '../../support/tinyCrossEncoder.js';
import { writeTinyOnnxModel } from '../../support/tinyOnnxModel.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function folder(prefix: string): string {
  const path = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(path, { recursive: true, force: true }));
  return path;
}

function recordingLog(): Log & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, error() {}, warn: (message, fields) => void warnings.push(`${message} ${JSON.stringify(fields ?? {})}`) };
}

async function open(modelsDir: string, log: Log): Promise<EngineHost> {
  const host = await openEngineHost({ dataDir: folder('tandem-host-data-'), log, seedDemo: false, quiet: true, modelsDir });
  cleanup.push(() => host.close());
  return host;
}

describe('engine host and the cross-encoder in the models folder', () => {
  it('finds the cross-encoder beside an embedder folder, loads it and attaches it to knowledge search', async () => {
    const models = folder('tandem-host-models-');
    writeTinyOnnxModel(models);
    writeTinyCrossEncoder(models);
    const host = await open(models, recordingLog());
    const reranker = await host.rerankerReady;
    expect(reranker?.id).toBe('cross-encoder:test/tiny-cross-encoder');
    expect(host.engine.knowledge.status().reranker).toBe('cross-encoder:test/tiny-cross-encoder');
    const report = await host.engine.knowledge.startUpload([{ name: 'refunds.md', bytes: Buffer.from('# Refund policy\n\nA refund is made within 5 days.') }]).done;
    expect(report.imported).toBe(1);
    const result = await host.engine.knowledge.search('refund', { limit: 3 });
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.reranker).toEqual({ kind: 'cross-encoder', id: 'cross-encoder:test/tiny-cross-encoder', fallbackReason: null });
  }, 120_000);

  it('without one, search keeps the feature reranker', async () => {
    const models = folder('tandem-host-models-');
    writeTinyOnnxModel(models);
    const host = await open(models, recordingLog());
    expect(await host.rerankerReady).toBeNull();
    expect(host.engine.knowledge.status().reranker).toBeNull();
  }, 120_000);

  it('a cross-encoder folder that cannot load is reported and search keeps working', async () => {
    const models = folder('tandem-host-models-');
    const broken = writeTinyCrossEncoder(models);
    rmSync(join(models, broken.modelId, 'onnx', 'model_quantized.onnx'));
    const log = recordingLog();
    const host = await open(models, log);
    expect(await host.rerankerReady).toBeNull();
    expect(log.warnings.join('\n')).toMatch(/cross-encoder could not load/);
    expect(host.engine.knowledge.status().reranker).toBeNull();
  }, 120_000);
});
