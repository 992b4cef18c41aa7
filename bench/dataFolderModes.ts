/**
 * The permission modes of a data folder: one created now, and one as an older version left it (folder
 * 0755, files 0644 — made here by loosening a fresh one) after this version opened it. Prints one JSON
 * object. Usage: npx tsx bench/dataFolderModes.ts
 */
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine, type Log } from '../main/engine/index.js';

const mode = (path: string): string => `0${(statSync(path).mode & 0o777).toString(8)}`;

function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': mode(dir) };
  for (const name of readdirSync(dir).sort()) {
    out[name] = mode(join(dir, name));
    if (statSync(join(dir, name)).isDirectory()) for (const file of readdirSync(join(dir, name))) out[`${name}/${file.replace(/\d{8}T\d+Z?/, '<time>')}`] = mode(join(dir, name, file));
  }
  return out;
}

/** Opens a workspace, makes a backup, and leaves it open while the modes are read (so -wal and -shm exist). */
async function openAndRead(dir: string, log: Log = { info() {}, warn() {}, error() {} }): Promise<Record<string, string>> {
  const engine = openEngine({ dataDir: dir, seedDemo: true, log });
  if (!readdirSync(dir).includes('backups')) await engine.dataSafety.createBackup();
  const seen = modes(dir);
  engine.close();
  return seen;
}

const root = join(tmpdir(), `tandem-modes-${process.pid}`);
mkdirSync(root, { recursive: true });
try {
  const fresh = await openAndRead(join(root, 'fresh'));
  const older = join(root, 'older');
  await openAndRead(older);
  mkdirSync(join(older, 'exports'), { recursive: true });
  for (const path of [older, ...readdirSync(older).map((n) => join(older, n)), ...readdirSync(join(older, 'backups')).map((n) => join(older, 'backups', n))]) {
    chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  }
  const before = modes(older);
  const warnings: unknown[] = [];
  const after = await openAndRead(older, { info() {}, warn: (message: string, data?: unknown) => void warnings.push({ message, data }), error() {} });
  process.stdout.write(`${JSON.stringify({ workload: 'data folder modes: fresh, and an older version\'s folder before and after this version opens it', umask: `0${process.umask().toString(8)}`, fresh, olderBefore: before, olderAfter: after, log: warnings }, null, 2)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
