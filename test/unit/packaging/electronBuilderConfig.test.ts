import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * electron-builder.yml can only be exercised fully on a release machine (it downloads Electron), so its
 * invariants are checked here: what ships, what is unpacked from the asar for native code, which targets
 * are built, and that no model weights are bundled. Where electron-builder is installed, its own schema
 * validates the file too.
 */
interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { output?: string };
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  extraResources?: unknown;
  extraFiles?: unknown;
  linux?: { target?: Array<string | { target: string }> };
  win?: { target?: Array<string | { target: string }> };
  mac?: { target?: Array<string | { target: string }> };
  [key: string]: unknown;
}

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const targets = (list: Array<string | { target: string }> | undefined) => (list ?? []).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('dev.tandem.app');
    expect(config.productName).toBe('Tandem');
    expect(config.directories?.output).toBe('release');
  });

  it('ships the built app and package.json, and no sources, tests or models', () => {
    const files = config.files ?? [];
    expect(files).toContain('package.json');
    expect(files.some((f) => /^dist\/\*\*/.test(f))).toBe(true);
    const positive = files.filter((f) => !f.startsWith('!'));
    for (const pattern of positive) {
      expect(pattern, `${pattern} would ship more than the build`).toMatch(/^(dist\/|package\.json$)/);
    }
    expect(files).toContain('!node_modules/electron/**');
  });

  it('packs into an asar and unpacks every native module and shared library', () => {
    expect(config.asar).toBe(true);
    const unpacked = config.asarUnpack ?? [];
    for (const pattern of [
      '**/*.node',
      'node_modules/better-sqlite3-multiple-ciphers/**',
      'node_modules/sqlite-vec*/**',
      'node_modules/node-llama-cpp/**',
      'node_modules/@node-llama-cpp/**',
      'node_modules/onnxruntime-node/**',
      'node_modules/@energetic-ai/**',
    ]) {
      expect(unpacked, pattern).toContain(pattern);
    }
  });

  it('unpack patterns cover the native modules actually installed here', () => {
    const unpacked = config.asarUnpack ?? [];
    const covered = (dir: string) =>
      unpacked.some((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '.*').replace(/(?<!\.)\*/g, '[^/]*')}$`).test(`${dir}/x`));
    for (const dir of ['node_modules/better-sqlite3-multiple-ciphers', 'node_modules/sqlite-vec', 'node_modules/sqlite-vec-linux-x64', 'node_modules/node-llama-cpp']) {
      if (existsSync(dir)) expect(covered(dir), dir).toBe(true);
    }
  });

  it('keeps models out of the package: they live in the user data folder', () => {
    expect(config.extraResources ?? []).toEqual([]);
    expect(JSON.stringify(config.extraFiles ?? [])).not.toMatch(/models/);
    expect(JSON.stringify(config.files)).not.toMatch(/models/);
  });

  it('flips the Electron fuses that would let the packaged binary run arbitrary code', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('builds AppImage and deb for Linux, NSIS for Windows and dmg for macOS', () => {
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
  });

  it('passes electron-builder’s own schema', async (ctx) => {
    let validateConfiguration: ((c: unknown, logger: unknown) => Promise<void>) | undefined;
    try {
      const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
      ({ validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config.js') as { validateConfiguration: typeof validateConfiguration });
    } catch {
      validateConfiguration = undefined;
    }
    if (!validateConfiguration) {
      process.stderr.write('[skipped] electron-builder is not installed; only the invariants above were checked.\n');
      ctx.skip();
      return;
    }
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    // The validator must really be checking: a misspelt option is refused.
    await expect(validateConfiguration({ ...config, asarUnpak: ['x'] }, logger)).rejects.toThrow(/asarUnpak/);
  });
});
