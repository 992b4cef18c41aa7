import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Path of the Electron binary when it is really installed, else null. The electron npm package can be
 * present without its binary (installs that skip the download), so the file itself is checked.
 */
export function electronBinaryPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
