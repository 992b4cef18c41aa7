import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatcher.js';
import { openEngine } from '../../../main/engine/index.js';
import { hashEmbedder } from '../../support/hashEmbedder.js';
import { tempDir } from '../../support/tempDir.js';
import { halfIndexedDocuments } from './support/crashScenarios.js';

/** A 2 MiB tmpfs needs root (or CAP_SYS_ADMIN); say exactly why the test cannot run otherwise. */
function smallFileSystemUnavailable(): string | null {
  if (process.platform !== 'linux') return 'a small tmpfs needs Linux';
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root';
  const probe = tempDir('tandem-mount-probe', { scope: 'file' });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
  if (mounted.status !== 0) return `mount -t tmpfs is not permitted here: ${mounted.stderr.toString().trim()}`;
  spawnSync('umount', [probe]);
  return null;
}
const unavailable = smallFileSystemUnavailable();
if (unavailable) console.warn(`disk-full test skipped: ${unavailable}`);

function fillDisk(dir: string): void {
  const fd = openSync(join(dir, 'filler.bin'), 'w');
  const block = Buffer.alloc(16 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(unavailable !== null)('disk full during a knowledge import (2 MiB tmpfs)', () => {
  it('reports E_DISK_FULL with what to do, keeps whole documents only, and completes once space is freed', async () => {
    const mountPoint = tempDir('tandem-small-disk');
    const folder = tempDir('tandem-articles');
    for (let i = 0; i < 30; i++) {
      writeFileSync(join(folder, `article-${i}.md`), `# Article ${i}\n\n${Array.from({ length: 2000 }, (_, k) => `term${(k * 31 + i) % 997} refund${k}`).join(' ')}`);
    }
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
    try {
      const dataDir = join(mountPoint, 'data');
      mkdirSync(dataDir);
      const engine = openEngine({ dataDir, embedder: hashEmbedder({ dimension: 384 }) });
      try {
        await engine.knowledgeReady;
        const report = await engine.knowledge.startImport([folder]).done;
        expect(report.failed).toBeGreaterThan(0);
        const failures = report.files.filter((f) => f.status === 'failed');
        for (const file of failures) expect(file.message).toMatch(/^E_DISK_FULL: The disk that holds the data directory is full.*Free some space/);
        expect(halfIndexedDocuments(engine)).toEqual([]);
        expect(engine.knowledge.documents()).toHaveLength(report.imported);

        // Any other write on the full disk comes back as a result with the same code, never E_INTERNAL.
        fillDisk(mountPoint);
        const dispatcher = createDispatcher({ engine, appVersion: '0.0.0-test' }, { validateOutput: true });
        let refused: string | null = null;
        for (let i = 0; i < 500 && refused === null; i++) {
          const created = await dispatcher.call('conversation.create', { firstMessage: 'Where is my parcel? '.repeat(400) });
          if (!created.ok) refused = created.error.code;
        }
        expect(refused).toBe('E_DISK_FULL');
        expect(engine.db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        engine.close();
      }
      const raw = new BetterSqlite3(join(dataDir, 'tandem.db'), { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();

      // Space freed: the same import completes, keeping what was already there.
      execFileSync('rm', ['-f', join(mountPoint, 'filler.bin')]);
      execFileSync('mount', ['-o', 'remount,size=32m', mountPoint]);
      const again = openEngine({ dataDir, embedder: hashEmbedder({ dimension: 384 }) });
      try {
        await again.knowledgeReady;
        const rerun = await again.knowledge.startImport([folder]).done;
        expect(rerun.failed).toBe(0);
        expect(again.knowledge.documents()).toHaveLength(30);
        expect(halfIndexedDocuments(again)).toEqual([]);
      } finally {
        again.close();
      }
    } finally {
      spawnSync('umount', ['-l', mountPoint]);
    }
  }, 120_000);
});
