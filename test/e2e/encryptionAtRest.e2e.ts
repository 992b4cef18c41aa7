import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc as callRpc } from './support/rpc.js';
import type { RunningHost } from './support/host.js';
import { openWorkspace, SCREENSHOTS, useWorkspaceSession } from './support/workspaceSession.js';

/**
 * The headless host started with TANDEM_DB_KEY on a fresh data folder: the demo workspace is created
 * encrypted, what the agent types never appears in the database's bytes, and Settings says so.
 */
const MARKER = 'E2EENCRYPTMARKER5531';
const workspace = useWorkspaceSession('tandem-e2e-encryption', { env: { TANDEM_DB_KEY: randomBytes(32).toString('hex') } });
let host: RunningHost;
let page: Page;
beforeAll(() => ({ host, page } = workspace));

describe('encryption at rest in a running host', () => {
  it('keeps typed text out of tandem.db and its WAL, and Settings shows encryption on', async () => {
    const created = await callRpc<{ id: string }>(host, 'conversation.create', { firstMessage: `My order code is ${MARKER}` });
    expect(created.id).toBeTruthy();
    const file = join(host.dataDir, 'tandem.db');
    const bytes = Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(bytes.includes(MARKER)).toBe(false);
    expect(bytes.includes('SQLite format 3')).toBe(false);

    await openWorkspace(page, host);
    await page.keyboard.press('Alt+5');
    const status = page.getByTestId('encryption-at-rest');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/Encryption at rest: on/);
    await status.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-encryption-at-rest.png') });
  });
});
