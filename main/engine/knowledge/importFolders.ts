import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Clock } from '../clock.js';
import { TandemError } from '../errors.js';
import type { WorkspaceRepository } from '../workspace/workspaceRepository.js';

const SETTING = 'knowledge.importFolders';

/**
 * Folders the machine's user allowed the app to import from by path (`tandem import-folders add DIR`).
 * Anything else the app imports arrives as uploaded bytes: a page or a connector can never make the
 * host read a file of its choosing (it once read back a root-only file through knowledge.document).
 * Paths are compared after resolving symlinks, so a link inside an allowed folder that points out of it
 * is refused.
 */
export class ImportFolders {
  constructor(
    private readonly workspaceId: string,
    private readonly workspaces: WorkspaceRepository,
    private readonly clock: Clock,
  ) {}

  list(): string[] {
    return this.workspaces.getSetting<string[]>(this.workspaceId, SETTING) ?? [];
  }

  add(folder: string): string {
    const real = realFolder(folder);
    const next = [...new Set([...this.list(), real])].sort();
    this.workspaces.setSetting(this.workspaceId, SETTING, next, this.clock.now());
    return real;
  }

  remove(folder: string): boolean {
    const given = resolve(folder);
    const kept = this.list().filter((f) => f !== given && f !== safeRealpath(given));
    if (kept.length === this.list().length) return false;
    this.workspaces.setSetting(this.workspaceId, SETTING, kept, this.clock.now());
    return true;
  }

  /** The real paths of `paths`, each inside an allowed folder; otherwise E_PATH_NOT_ALLOWED and nothing is read. */
  check(paths: readonly string[]): string[] {
    const folders = this.list();
    return paths.map((given) => {
      const real = safeRealpath(resolve(given));
      if (real === null) throw new TandemError('E_PATH_NOT_ALLOWED', `${given} does not exist.`);
      const inside = folders.some((folder) => {
        const rel = relative(folder, real);
        return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
      });
      if (!inside) throw new TandemError('E_PATH_NOT_ALLOWED', `${given} is not inside a folder allowed for imports${real !== resolve(given) ? ' (it is a link to somewhere else)' : ''}.`);
      return real;
    });
  }
}

function safeRealpath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function realFolder(folder: string): string {
  const real = safeRealpath(resolve(folder));
  if (real === null || !statSync(real).isDirectory()) throw new TandemError('E_VALIDATION', `${folder} is not a folder.`);
  return real;
}
