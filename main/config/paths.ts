import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root, found from this module's location: main/config in source, dist/main/config once
 * built, app.asar/dist/main/config when packaged. Hosts use it to find the built renderer and the
 * models folder; the engine never does.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export const RENDERER_DIST_DIR = join(PACKAGE_ROOT, 'dist', 'renderer');
export const MODELS_DIR = join(PACKAGE_ROOT, 'models');

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'tandem') return dir;
    } catch {
      // not here; keep walking up
    }
    if (dirname(dir) === dir) throw new Error(`Could not find the Tandem package root above ${start}.`);
  }
}
