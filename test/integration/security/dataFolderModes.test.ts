import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../../main/engine/index.js';
import { tempDir } from '../../support/tempDir.js';

const mode = (path: string): string => `0${(statSync(path).mode & 0o777).toString(8)}`;

/** Every file of the data folder and its backups, with its mode. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': mode(dir) };
  for (const name of readdirSync(dir)) {
    out[name] = mode(join(dir, name));
    if (name === 'backups') for (const file of readdirSync(join(dir, name))) out[`backups/${file}`] = mode(join(dir, name, file));
  }
  return out;
}

describe.skipIf(process.platform === 'win32')('security: the data folder is private', () => {
  it('creates a fresh data folder 0700 with the database, its -wal and -shm, and backups 0600', async () => {
    const dir = join(tempDir('tandem-modes'), 'fresh');
    const engine = openEngine({ dataDir: dir, seedDemo: true });
    const backup = await engine.dataSafety.createBackup();
    const seen = modes(dir);
    engine.close();
    expect(seen['.']).toBe('0700');
    expect(seen['tandem.db']).toBe('0600');
    expect(seen['tandem.db-wal']).toBe('0600');
    expect(seen['tandem.db-shm']).toBe('0600');
    expect(seen['backups']).toBe('0700');
    expect(seen[`backups/${basename(backup.file)}`]).toBe('0600');
    expect(Object.values(seen).every((m) => m === '0700' || m === '0600')).toBe(true);
  });

  it('tightens a folder made by an older version (0755, files 0644) when it is opened, and says so in the log', async () => {
    const dir = join(tempDir('tandem-modes'), 'older');
    const engine = openEngine({ dataDir: dir, seedDemo: true });
    await engine.dataSafety.createBackup();
    engine.close();
    mkdirSync(join(dir, 'exports'));
    chmodSync(dir, 0o755);
    for (const name of Object.keys(modes(dir))) if (name !== '.') chmodSync(join(dir, name), statSync(join(dir, name)).isDirectory() ? 0o755 : 0o644);
    expect(mode(join(dir, 'tandem.db'))).toBe('0644');

    const warnings: unknown[] = [];
    const reopened = openEngine({ dataDir: dir, log: { info() {}, warn: (message, data) => warnings.push({ message, data }), error() {} } });
    const seen = modes(dir);
    reopened.close();
    expect(Object.entries(seen).filter(([, m]) => m !== '0700' && m !== '0600')).toEqual([]);
    expect(JSON.stringify(warnings)).toContain('made it private');
    expect(JSON.stringify(warnings)).toContain('0644 → 0600');
  });
});
