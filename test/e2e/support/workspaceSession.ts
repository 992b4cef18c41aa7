import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { openSession, type Session } from './browser.js';
import { hostHarness, REPO_ROOT, type HostHarness, type RunningHost } from './host.js';

/** Where end-to-end screenshots go (not committed). */
export const SCREENSHOTS = join(REPO_ROOT, 'test-results');

export interface WorkspaceSession {
  harness: HostHarness;
  host: RunningHost;
  session: Session;
  page: Page;
}

/**
 * One real host on a fresh data dir and one Chromium page for a test file, like one working session.
 * The fields are filled before the first test runs. At the end it checks the host never tried to
 * reach a non-loopback address.
 */
export function useWorkspaceSession(label: string, options: { readonly env?: Readonly<Record<string, string>> } = {}): WorkspaceSession {
  const context = {} as WorkspaceSession;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    context.harness = hostHarness(label, options);
    context.host = await context.harness.start();
    context.session = await openSession();
    context.page = context.session.page;
  });
  afterAll(async () => {
    await context.session?.close();
    const attempts = context.harness?.netAttempts() ?? [];
    await context.harness?.dispose();
    expect(attempts, 'the host tried to reach a non-loopback address').toEqual([]);
  });
  return context;
}

/**
 * Signs the page's browser in (a fresh one-time link, as `tandem serve` prints) and loads the app, then
 * waits until it is connected and showing the inbox. Keyboard shortcuts and clicks sent before this can
 * land on a page whose handlers are not attached yet. Later reloads and tabs of the same browser context
 * stay signed in (the session cookie).
 */
export async function openWorkspace(page: Page, host: RunningHost): Promise<void> {
  await page.goto(await host.launchUrl());
  await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
  await page.getByTestId('inbox-list').waitFor();
}
