import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelChecks } from '../../../main/cli/commands/doctorModels.js';
import { tempDir } from '../../support/tempDir.js';
import { writeTinyGguf } from '../../support/tinyGguf.js';

describe('tandem doctor: language models', () => {
  it('describes each GGUF by its header (quantization, size, context, fit) and says why a broken file cannot be used', async () => {
    const models = tempDir('tandem-doctor-models');
    const picked = tempDir('tandem-doctor-picked');
    const tiny = writeTinyGguf(join(models, 'tiny.gguf'), { layers: 1, contextLength: 2048 });
    writeFileSync(join(models, 'notes.gguf'), 'this is not a model');
    const whole = writeTinyGguf(join(picked, 'cut.gguf'), { layers: 1 });
    const bytes = Buffer.alloc(Math.floor(whole.bytes / 2));
    writeFileSync(join(picked, 'cut.gguf'), bytes.fill(0).fill(Buffer.from('GGUF'), 0, 4));

    const checks = await modelChecks(models, picked);
    expect(checks[0]).toMatchObject({ name: 'Language model (optional)', ok: true, severity: 'warn' });
    expect(checks[0]!.detail).toMatch(/1 usable of 3 GGUF files, 1 fits in free memory; threads \d+; none loaded at start/);
    const tinyCheck = checks.find((c) => c.name === 'Model file tiny.gguf')!;
    expect(tinyCheck.ok).toBe(true);
    expect(tinyCheck.detail).toContain('Tandem Tiny Test Chat');
    expect(tinyCheck.detail).toMatch(/F32|unknown/);
    expect(tinyCheck.detail).toContain('context 2,048');
    expect(tinyCheck.detail).toContain('chat template');
    expect(tinyCheck.detail).toMatch(/fits \(needs ~[\d.]+ GB/);
    expect(tiny.bytes).toBeGreaterThan(0);
    expect(checks.find((c) => c.name === 'Model file notes.gguf')).toMatchObject({ ok: false, detail: expect.stringMatching(/GGUF signature/), fix: expect.any(String) });
    expect(checks.find((c) => c.name === 'Model file cut.gguf')).toMatchObject({ ok: false, detail: expect.stringMatching(/incomplete|header could not be read|tensors need/) });
  });

  it('with no model files it says drafts use templates and where to put a model', async () => {
    const empty = tempDir('tandem-doctor-empty');
    const [check] = await modelChecks(empty, null);
    expect(check).toMatchObject({ ok: false, severity: 'warn' });
    expect(check!.detail).toContain('drafts use grounded templates');
    expect(check!.fix).toContain(empty);
  });
});
