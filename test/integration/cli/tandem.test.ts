import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/tempDir.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'main', 'cli', 'tandem.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI the way a user does, with no TANDEM_DATA_DIR leaking in from the environment. */
function tandem(...args: string[]): Promise<Run> {
  const env = { ...process.env };
  delete env.TANDEM_DATA_DIR;
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code as number | null) : 0;
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build:main" first (npm test does).`);
});

describe('tandem CLI', () => {
  it('seed prints a JSON report, is idempotent, and --reset rebuilds', async () => {
    const dataDir = tempDir();
    const first = await tandem('seed', '--data-dir', dataDir);
    expect(first.code).toBe(0);
    const counts = { workspaceId: 'demo', customers: 500, orders: 1000, products: 50, conversations: 7 };
    expect(JSON.parse(first.stdout)).toEqual({ seeded: true, ...counts });
    expect(existsSync(join(dataDir, 'tandem.db'))).toBe(true);

    const again = await tandem('seed', '--data-dir', dataDir);
    expect(JSON.parse(again.stdout)).toEqual({ seeded: false, ...counts });

    const reset = await tandem('seed', '--reset', '--data-dir', dataDir);
    expect(reset.code).toBe(0);
    expect(JSON.parse(reset.stdout)).toEqual({ seeded: true, ...counts });
  });

  it('seed refuses a data file that is not a database, exits 1 with the code, and leaves the file alone', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'tandem.db');
    writeFileSync(file, 'quarterly numbers, definitely not SQLite\n'.repeat(10));
    const before = readFileSync(file);
    const run = await tandem('seed', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('E_DB_NOT_SQLITE');
    expect(run.stdout).toBe('');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('doctor --json reports each check with a fix for each problem', async () => {
    const run = await tandem('doctor', '--json', '--data-dir', tempDir());
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: { name: string; ok: boolean; severity: string; detail: string; fix?: string }[] };
    const names = report.checks.map((c) => c.name);
    for (const expected of ['Node.js', 'SQLite + sqlite-vec', 'Data directory', 'Database']) expect(names).toContain(expected);
    for (const check of report.checks) {
      expect(['error', 'warn']).toContain(check.severity);
      if (!check.ok) expect(check.fix, check.name).toMatch(/\w{3,}/);
    }
    expect(report.checks.find((c) => c.name === 'SQLite + sqlite-vec')).toMatchObject({ ok: true });
    expect(report.checks.find((c) => c.name === 'SQLite + sqlite-vec')?.detail).toMatch(/sqlite-vec v\d/);
    expect(run.code).toBe(report.ok ? 0 : 1);
  });

  it('exits 2 with the usage for an unknown command or flag', async () => {
    const unknown = await tandem('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect(unknown.stderr).toContain('Usage: tandem <command>');

    const badFlag = await tandem('seed', '--colour', 'blue');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('Usage: tandem seed');

    const badPort = await tandem('serve', '--port', 'seventy');
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be');
  });

  it('exits 2 and prints the usage when run without a command', async () => {
    const bare = await tandem();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('Commands:');
  });
  it('eval sentiment prints the accuracy on labelled support messages as JSON, and refuses a file that is not one', async () => {
    const run = await tandem('eval', 'sentiment', '--cases', join(ROOT, 'test', 'fixtures', 'support-sentiment.json'), '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { n: number; accuracy: number; per_label: Record<string, unknown> };
    expect(report.n).toBeGreaterThanOrEqual(150);
    expect(report.accuracy).toBeGreaterThan(0.5);
    expect(Object.keys(report.per_label).sort()).toEqual(['negative', 'neutral', 'positive']);
    const bad = join(tempDir(), 'cases.json');
    writeFileSync(bad, JSON.stringify([{ text: 'hi', label: 'happy' }]));
    const refused = await tandem('eval', 'sentiment', '--cases', bad);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/not a list of \{text, label/);
  });
});
