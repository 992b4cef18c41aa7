import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

const perTest: string[] = [];
const perFile: string[] = [];

/**
 * A fresh folder under the OS temp dir, removed after the current test, or after the whole file
 * with `{ scope: 'file' }` (for fixtures made in beforeAll).
 */
export function tempDir(label = 'tandem-test', options: { scope?: 'test' | 'file' } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `${label}-`));
  (options.scope === 'file' ? perFile : perTest).push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of perTest.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(() => {
  for (const dir of perFile.splice(0)) rmSync(dir, { recursive: true, force: true });
});
