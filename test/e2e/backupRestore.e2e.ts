import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningHost } from './support/host.js';
import { rpc as callRpc } from './support/rpc.js';
import { openWorkspace, SCREENSHOTS, useWorkspaceSession } from './support/workspaceSession.js';

/** Settings → Backups: back up, change the workspace, restore, and the workspace is as it was. */
const workspace = useWorkspaceSession('tandem-e2e-restore');
let host: RunningHost;
let page: Page;
beforeAll(() => ({ host, page } = workspace));

const rpc = <T = any>(method: string, input: unknown): Promise<T> => callRpc<T>(host, method, input);
const byTestId = (id: string) => page.getByTestId(id);
const inboxIds = () => byTestId('inbox-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id') ?? ''));

async function online(): Promise<void> {
  await expect.poll(() => byTestId('connection-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
  await byTestId('inbox-list').waitFor();
}

async function openSettingsBackups(): Promise<void> {
  await byTestId('rail-settings').click();
  await byTestId('backup-card').waitFor();
}

describe('restoring a backup from Settings', () => {
  let backupName = '';
  let deletedId = '';

  it('creates a backup that is listed with its date, size and "Verified"', async () => {
    await openWorkspace(page, host);
    await expect.poll(() => byTestId('inbox-item').count()).toBe(7);
    await openSettingsBackups();
    await byTestId('backup-empty').waitFor();
    await byTestId('backup-create').click();
    await expect.poll(() => byTestId('backup-item').count(), { timeout: 30_000 }).toBe(1);
    const row = byTestId('backup-item').first();
    backupName = (await row.getAttribute('data-backup-name')) ?? '';
    expect(backupName).toMatch(/^tandem-backup-.+\.db$/);
    expect(await row.getAttribute('data-check')).toBe('verified');
    expect(await row.getByTestId('backup-check').textContent()).toBe('Verified');
    expect(await row.textContent()).toMatch(/\d+\.\d MB/);
  });

  it('restores it after the workspace changed: a deleted conversation is back, a later one is gone', async () => {
    // Change the data: delete a demo conversation (through the API) and start a new one in the UI.
    const before = await rpc<{ id: string; subject: string }[]>('conversation.list', {});
    deletedId = before[2]!.id;
    await rpc('conversation.delete', { id: deletedId });
    await byTestId('rail-inbox').click();
    await byTestId('new-conversation-button').click();
    await byTestId('new-conversation-subject').fill('Written after the backup');
    await byTestId('new-conversation-message').fill('This conversation did not exist when the backup was taken.');
    await byTestId('new-conversation-submit').click();
    await byTestId('new-conversation-dialog').waitFor({ state: 'detached' });
    await expect.poll(async () => (await inboxIds()).includes(deletedId)).toBe(false);
    const laterId = (await page.locator('[data-testid="inbox-item"][aria-selected="true"]').getAttribute('data-conversation-id')) ?? '';
    expect(laterId).toMatch(/^c_/);

    await openSettingsBackups();
    await byTestId('backup-item').first().getByTestId('backup-restore').click();
    const dialog = byTestId('restore-dialog');
    await dialog.waitFor();
    const explanation = (await dialog.textContent()) ?? '';
    expect(explanation).toContain(backupName);
    expect(explanation).toMatch(/verifies the backup first/i);
    expect(explanation).toMatch(/kept aside/);
    expect(explanation).toMatch(/tandem\.db\.before-restore-/);
    expect(explanation).toMatch(/reloads/);
    await page.screenshot({ path: join(SCREENSHOTS, 'e2e-restore-dialog.png') });

    const marker = await page.evaluate<number>('window.__beforeRestore = Math.random()');
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await byTestId('restore-confirm').click();
    await reloaded;
    await online();
    // The page was reloaded on the restored workspace (a fresh JavaScript realm), and says what happened.
    expect(await page.evaluate('window.__beforeRestore')).not.toBe(marker);
    await expect.poll(() => page.getByTestId('info-banner').allTextContents(), { timeout: 5_000 }).toContainEqual(expect.stringContaining(`Workspace restored from ${backupName}`));

    await expect.poll(inboxIds).toContain(deletedId);
    const ids = await inboxIds();
    expect(ids).not.toContain(laterId);
    expect(ids).toHaveLength(7);
    // The restored conversation opens with its messages.
    await page.locator(`[data-testid="inbox-item"][data-conversation-id="${deletedId}"]`).click();
    await expect.poll(() => byTestId('thread').getByTestId('message').count()).toBeGreaterThan(0);
    expect(await byTestId('error-banner').count()).toBe(0);

    // The database from before the restore is kept in the data folder.
    expect(readdirSync(host.dataDir).filter((n) => /^tandem\.db\.before-restore-[^-]/.test(n) && !/-(wal|shm)$/.test(n))).toHaveLength(1);
  });

  it('refuses a damaged backup in the dialog and leaves the workspace as it is', async () => {
    const backups = join(host.dataDir, 'backups');
    const bytes = Buffer.from(readFileSync(join(backups, backupName)));
    const pageSize = bytes.readUInt16BE(16);
    const middle = Math.floor(bytes.length / pageSize / 2);
    bytes.fill(0xa5, middle * pageSize, middle * pageSize + 300);
    writeFileSync(join(backups, 'tandem-backup-2000-01-01T00-00-00-000Z.db'), bytes);
    const before = await rpc<{ id: string }[]>('conversation.list', {});

    await openSettingsBackups();
    const damaged = page.locator('[data-testid="backup-item"][data-backup-name="tandem-backup-2000-01-01T00-00-00-000Z.db"]');
    await damaged.waitFor();
    expect(await damaged.getAttribute('data-check')).toBe('unchecked');
    await damaged.getByTestId('backup-restore').click();
    await byTestId('restore-confirm').click();
    await byTestId('restore-error').waitFor({ timeout: 30_000 });
    expect(await byTestId('restore-error').textContent()).toMatch(/cannot be restored.*Nothing was changed/);
    await byTestId('restore-cancel').click();
    await byTestId('restore-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => damaged.getAttribute('data-check')).toBe('failed');

    const after = await rpc<{ id: string }[]>('conversation.list', {});
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    expect(readdirSync(host.dataDir).filter((n) => /^tandem\.db\.before-restore-[^-]/.test(n) && !/-(wal|shm)$/.test(n))).toHaveLength(1);
  });
});
