import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostRuntime {
  readonly url: string;
  readonly token: string;
  readonly pid: number;
}

const FILE = 'host.json';

/**
 * Where a running headless host tells `tandem open` how to reach it: its address and API token, in the
 * data folder, readable by its owner only (the folder is 0700 too). Whoever can read it can already read
 * the database next to it, so it gives nobody anything new.
 */
export function writeHostRuntime(dataDir: string, runtime: HostRuntime): void {
  writeFileSync(join(dataDir, FILE), `${JSON.stringify(runtime)}\n`, { mode: 0o600 });
}

export function readHostRuntime(dataDir: string): HostRuntime | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<HostRuntime>;
    if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string' || typeof parsed.pid !== 'number') return null;
    return { url: parsed.url, token: parsed.token, pid: parsed.pid };
  } catch {
    return null;
  }
}

/** Removed on a clean stop; a stale file (the host was killed) is noticed by `tandem open` and ignored. */
export function removeHostRuntime(dataDir: string, pid: number): void {
  if (readHostRuntime(dataDir)?.pid === pid) rmSync(join(dataDir, FILE), { force: true });
}
