import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTOR } from '../../../main/api/caller.js';
import { ImportFolders } from '../../../main/engine/knowledge/importFolders.js';
import { tempDir } from '../../support/tempDir.js';
import { errorCode, openSecurityTestBed, value, type SecurityTestBed } from './securityTestEngine.js';

let bed: SecurityTestBed;
let root: string;
beforeEach(() => {
  bed = openSecurityTestBed();
  root = tempDir('tandem-import-paths');
  mkdirSync(join(root, 'allowed'));
  writeFileSync(join(root, 'allowed', 'returns.md'), '# Returns\n\nItems can be returned within 30 days.\n');
  writeFileSync(join(root, 'credentials.md'), '# Secret\n\nroot-only-credential-4711\n');
  symlinkSync(join(root, 'credentials.md'), join(root, 'allowed', 'link.md'));
});
afterEach(() => bed.engine.close());

const documents = (): number => (bed.engine.db.prepare(`SELECT COUNT(*) AS n FROM knowledge_documents`).get() as { n: number }).n;

describe('security: import by path is for the CLI and the folders the user allowed', () => {
  it('refuses a path from the UI or a connector, so a file cannot be read back through the knowledge base', async () => {
    const before = documents();
    expect(await errorCode(bed.api.invoke('knowledge.import', { paths: [join(root, 'credentials.md')] }))).toBe('E_PATH_NOT_ALLOWED');
    expect(await errorCode(bed.api.invoke('knowledge.import', { paths: ['/etc/passwd'] }, CONNECTOR))).toBe('E_PATH_NOT_ALLOWED');
    expect(documents()).toBe(before);
  });

  it('imports inside an allowed folder, and refuses a symlink out of it', async () => {
    new ImportFolders(bed.engine.workspace.id, bed.engine.workspaces, bed.engine.clock).add(join(root, 'allowed'));
    expect(await errorCode(bed.api.invoke('knowledge.import', { paths: [join(root, 'allowed', 'link.md')] }))).toBe('E_PATH_NOT_ALLOWED');
    expect(await errorCode(bed.api.invoke('knowledge.import', { paths: [join(root, 'allowed', '..', 'credentials.md')] }))).toBe('E_PATH_NOT_ALLOWED');
    const { taskId } = await value<{ taskId: string }>(bed.api.invoke('knowledge.import', { paths: [join(root, 'allowed', 'returns.md')] }));
    await expect.poll(() => bed.engine.knowledge.status().imports.find((i) => i.taskId === taskId)?.report?.imported, { timeout: 20_000 }).toBe(1);
  });

  it('the tandem command (admin) imports any path it is given', async () => {
    const { taskId } = await value<{ taskId: string }>(bed.api.invoke('knowledge.import', { paths: [join(root, 'credentials.md')] }, { kind: 'admin', name: 'root' }));
    await expect.poll(() => bed.engine.knowledge.status().imports.find((i) => i.taskId === taskId)?.report?.imported, { timeout: 20_000 }).toBe(1);
  });
});
