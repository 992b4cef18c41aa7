import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { databaseFileKind } from '../../../main/engine/store/databaseKey.js';
import { tempDir } from '../../support/tempDir.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'main', 'cli', 'tandem.ts');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI from source (tsx) in its own process, with only the environment given here for the key. */
function tandem(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = { ...process.env };
  delete base.TANDEM_DATA_DIR;
  delete base.TANDEM_DB_KEY;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...base, ...env }, cwd: ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code as number | null) : 0;
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('tandem encrypt / decrypt and the key on the command line', () => {
  it('refuses a world-readable key file, encrypts with a new key, then every command needs the key', async () => {
    const dataDir = tempDir();
    const db = join(dataDir, 'tandem.db');
    expect((await tandem(['seed', '--data-dir', dataDir])).code).toBe(0);
    const plainBytes = sha(db);

    const loose = join(tempDir(), 'loose.key');
    writeFileSync(loose, 'd4'.repeat(32));
    chmodSync(loose, 0o644);
    const refused = await tandem(['encrypt', '--key-file', loose, '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^E_KEY_INVALID: .*can be read or changed by other users \(permissions 0644\); run `chmod 600 /);
    expect(sha(db)).toBe(plainBytes);

    const keyFile = join(tempDir(), 'workspace.key');
    const encrypted = await tandem(['encrypt', '--new-key', '--key-file', keyFile, '--data-dir', dataDir]);
    expect(encrypted.stderr).toContain(`A new key was written to ${keyFile}`);
    expect(encrypted.code).toBe(0);
    expect(encrypted.stdout).toMatch(/kept aside as .*tandem\.db\.before-encrypt-.* until the encrypted copy verified, then deleted/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(databaseFileKind(db)).toBe('encrypted');
    const key = readFileSync(keyFile, 'utf8').trim();

    const withoutKey = await tandem(['audit', 'verify', '--data-dir', dataDir]);
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.stderr).toMatch(/^E_DB_ENCRYPTED: .*this workspace is encrypted; start with TANDEM_DB_KEY or --key-file/i);
    expect((await tandem(['audit', 'verify', '--data-dir', dataDir, '--key-file', keyFile])).code).toBe(0);

    const backup = await tandem(['backup', 'create', '--json', '--data-dir', dataDir], { TANDEM_DB_KEY: key });
    expect(backup.code).toBe(0);
    const file = (JSON.parse(backup.stdout) as { file: string }).file;
    expect(databaseFileKind(file)).toBe('encrypted');
    expect((await tandem(['backup', 'verify', file])).stdout).toMatch(/NOT USABLE — it is encrypted/);
    const verified = await tandem(['backup', 'verify', file, '--key-file', keyFile]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/OK \(.*, encrypted\)/);

    const decrypted = await tandem(['decrypt', '--data-dir', dataDir], { TANDEM_DB_KEY: key });
    expect(decrypted.code).toBe(0);
    expect(databaseFileKind(db)).toBe('plaintext');
    expect((await tandem(['audit', 'verify', '--data-dir', dataDir])).code).toBe(0);
  });
});
