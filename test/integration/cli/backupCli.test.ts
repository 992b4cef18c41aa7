import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/tempDir.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'main', 'cli', 'tandem.ts');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI from source (tsx) in its own process, as a user would while another process may hold the database. */
function tandem(...args: string[]): Promise<Run> {
  const env = { ...process.env };
  delete env.TANDEM_DATA_DIR;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env, cwd: ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code as number | null) : 0;
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

describe('tandem backup / retention', () => {
  it('create, list, verify; restore refuses a damaged file and a database held by another process, then restores', async () => {
    const dataDir = tempDir();
    expect((await tandem('seed', '--data-dir', dataDir)).code).toBe(0);
    const created = await tandem('backup', 'create', '--json', '--data-dir', dataDir);
    expect(created.code).toBe(0);
    const report = JSON.parse(created.stdout) as { file: string; verdict: { ok: boolean } };
    expect(report.verdict.ok).toBe(true);
    const listed = JSON.parse((await tandem('backup', 'list', '--json', '--data-dir', dataDir)).stdout) as Array<{ file: string }>;
    expect(listed.map((b) => b.file)).toEqual([report.file]);
    expect((await tandem('backup', 'verify', report.file)).code).toBe(0);

    const junk = join(dataDir, 'junk.db');
    writeFileSync(junk, 'SQLite format 3\u0000'.padEnd(4096, 'x'));
    const refused = await tandem('backup', 'restore', junk, '--data-dir', dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^E_BACKUP_INVALID/);

    const holder = new BetterSqlite3(join(dataDir, 'tandem.db'));
    holder.prepare('SELECT COUNT(*) FROM conversations').get();
    try {
      const busy = await tandem('backup', 'restore', report.file, '--data-dir', dataDir);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/^E_DB_IN_USE/);
    } finally {
      holder.close();
    }
    expect(readdirSync(dataDir).filter((n) => n.includes('before-restore'))).toEqual([]);

    const restored = await tandem('backup', 'restore', report.file, '--json', '--data-dir', dataDir);
    expect(restored.code).toBe(0);
    const result = JSON.parse(restored.stdout) as { previousDatabase: string };
    expect(existsSync(result.previousDatabase)).toBe(true);
  }, 240_000);

  it('retention purge: --dry-run reports counts as JSON; a bad --days is a usage error', async () => {
    const dataDir = tempDir();
    expect((await tandem('seed', '--data-dir', dataDir)).code).toBe(0);
    const dry = await tandem('retention', 'purge', '--days', '30', '--dry-run', '--json', '--data-dir', dataDir);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, olderThanDays: 30 });
    const bad = await tandem('retention', 'purge', '--days', 'soon', '--data-dir', dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--days must be a whole number/);
    const off = await tandem('retention', 'purge', '--data-dir', dataDir);
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/^E_VALIDATION: Retention is off/);
  }, 240_000);
});
