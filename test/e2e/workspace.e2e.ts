import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './support/browser.js';
import { hostHarness, REPO_ROOT, type HostHarness, type RunningHost } from './support/host.js';
import { openWorkspace } from './support/workspaceSession.js';

/**
 * The agent's workspace in Debian's Chromium against the real headless host on a fresh data dir.
 * Tests run in order and share one host and page, like one working session.
 */
const SCREENSHOTS = join(REPO_ROOT, 'test-results');
let harness: HostHarness;
let host: RunningHost;
let session: Session;
let page: Page;
let createdId = '';

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  harness = hostHarness('tandem-e2e-ui');
  host = await harness.start();
  session = await openSession();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  const hostAttempts = harness?.netAttempts() ?? [];
  await harness?.dispose();
  expect(hostAttempts, 'the host tried to reach a non-loopback address').toEqual([]);
});

const byTestId = (id: string) => page.getByTestId(id);
const items = () => byTestId('inbox-item');
const messages = () => byTestId('thread').getByTestId('message');

const openApp = () => openWorkspace(page, host);

async function pushCustomerMessage(conversationId: string, content: string): Promise<number> {
  const response = await fetch(new URL(`/api/v1/conversations/${conversationId}/messages`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ content }),
  });
  return response.status;
}

/** Focus nothing in particular, so single-key shortcuts apply. */
async function blur(): Promise<void> {
  await page.evaluate('document.activeElement?.blur()');
}

describe('agent workspace in the browser', () => {
  it('shows the demo inbox: 7 conversations, the rail, the assist panel, and a live connection', async () => {
    await openApp();
    await expect.poll(() => items().count()).toBe(7);
    for (const section of ['inbox', 'knowledge', 'approvals', 'metrics', 'settings']) {
      expect(await byTestId(`rail-${section}`).isVisible(), section).toBe(true);
    }
    expect(await byTestId('rail-inbox').getAttribute('aria-current')).toBe('page');
    expect(await byTestId('assist-panel').isVisible()).toBe(true);
    const ids = await items().evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')));
    expect(new Set(ids).size).toBe(7);
    expect(ids.every((id) => id?.startsWith('c_'))).toBe(true);
    expect(await byTestId('error-banner').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'e2e-inbox.png') });
  });

  it('creates a conversation with a first customer message from the dialog', async () => {
    await byTestId('new-conversation-button').click();
    const dialog = byTestId('new-conversation-dialog');
    await dialog.waitFor();
    await byTestId('new-conversation-customer').fill('noah.brown7922@example.com');
    await byTestId('new-conversation-subject').fill('Desk lamp arrived broken');
    await byTestId('new-conversation-message').fill('Hi, the desk lamp in my last order arrived with a cracked base.');
    await byTestId('new-conversation-submit').click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => items().count()).toBe(8);
    const selected = page.locator('[data-testid="inbox-item"][aria-selected="true"]');
    createdId = (await selected.getAttribute('data-conversation-id')) ?? '';
    expect(createdId).toMatch(/^c_/);
    expect(await items().first().getAttribute('data-conversation-id')).toBe(createdId);
    // The email matches a demo customer, so the conversation carries their name (still unverified).
    expect(await byTestId('conversation-title').textContent()).toBe('Noah Brown');
    await expect.poll(() => messages().count()).toBe(1);
    expect(await messages().first().getAttribute('data-role')).toBe('customer');
  });

  it('sends an agent reply, then a customer message with "customer says" on, in order', async () => {
    const toggle = byTestId('composer-role-toggle');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await byTestId('composer-input').fill('Sorry about that! Could you send a photo of the base?');
    await byTestId('composer-send').click();
    await expect.poll(() => messages().count()).toBe(2);
    await expect.poll(() => byTestId('composer-input').inputValue()).toBe('');

    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await byTestId('composer-input').fill('Sure, attaching it now.');
    await byTestId('composer-send').click();
    await expect.poll(() => messages().count()).toBe(3);

    const thread = await messages().evaluateAll((els) => els.map((e) => [e.getAttribute('data-role'), e.textContent ?? '']));
    expect(thread.map(([role]) => role)).toEqual(['customer', 'agent', 'customer']);
    expect(thread[1]?.[1]).toContain('Could you send a photo');
    expect(thread[2]?.[1]).toContain('attaching it now');
    expect(await byTestId('error-banner').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'e2e-conversation.png') });
  });

  it('shows a message pushed through the HTTP API in the open page without a reload', async () => {
    const marker = await page.evaluate<number>('window.__e2eMarker = Math.random()');
    expect(await pushCustomerMessage(createdId, 'Pushed from the helpdesk: order #W2611340')).toBe(201);
    await expect.poll(() => messages().count(), { timeout: 10_000 }).toBe(4);
    expect(await messages().last().textContent()).toContain('Pushed from the helpdesk');
    expect(await messages().last().getAttribute('data-role')).toBe('customer');

    // A message pushed into another conversation moves that one to the top of the inbox.
    const other = await items().nth(3).getAttribute('data-conversation-id');
    expect(await pushCustomerMessage(other ?? '', 'Any update on this?')).toBe(201);
    await expect.poll(() => items().first().getAttribute('data-conversation-id'), { timeout: 10_000 }).toBe(other);
    expect(await items().first().textContent()).toContain('Any update on this?');
    // Same page, same JavaScript realm: nothing reloaded.
    expect(await page.evaluate<number>('window.__e2eMarker')).toBe(marker);
  });

  it('supports the keyboard: j/k, /, n, ?, Alt+1..5, Ctrl+Shift+U and Ctrl+Enter', async () => {
    const selectedId = () => page.locator('[data-testid="inbox-item"][aria-selected="true"]').getAttribute('data-conversation-id');
    const order = await items().evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')));
    await blur();
    await page.keyboard.press('j');
    const afterJ = await selectedId();
    expect(order.indexOf(afterJ)).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('j');
    expect(order.indexOf(await selectedId())).toBe(Math.min(order.indexOf(afterJ) + 1, order.length - 1));
    await page.keyboard.press('k');
    expect(await selectedId()).toBe(afterJ);

    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate<string | null>(`document.activeElement?.getAttribute('data-testid') ?? null`)).toBe('inbox-filter');
    await page.keyboard.type('lamp');
    await expect.poll(() => items().count()).toBe(1);
    // Typing "n" and "j" into the filter must not trigger shortcuts.
    expect(await byTestId('new-conversation-dialog').count()).toBe(0);
    await byTestId('inbox-filter').fill('');
    await expect.poll(() => items().count()).toBe(8);

    await blur();
    await page.keyboard.press('n');
    await byTestId('new-conversation-dialog').waitFor();
    await page.keyboard.press('Escape');
    await byTestId('new-conversation-dialog').waitFor({ state: 'detached' });

    await blur();
    await page.keyboard.press('?');
    await byTestId('shortcuts-overlay').waitFor();
    await page.keyboard.press('Escape');
    await byTestId('shortcuts-overlay').waitFor({ state: 'detached', timeout: 5000 });

    const sections = ['inbox', 'knowledge', 'approvals', 'metrics', 'settings'];
    for (const [index, section] of [...sections.entries()].reverse()) {
      await page.keyboard.press(`Alt+${index + 1}`);
      await expect.poll(() => byTestId(`rail-${section}`).getAttribute('aria-current'), { message: section }).toBe('page');
    }
    expect(await byTestId('inbox-list').isVisible()).toBe(true);

    // Open our conversation, toggle "customer says" from the keyboard while typing, send with Ctrl+Enter.
    await page.locator(`[data-conversation-id="${createdId}"]`).click();
    await expect.poll(() => messages().count()).toBe(4);
    const toggle = byTestId('composer-role-toggle');
    await byTestId('composer-input').click();
    const before = await toggle.getAttribute('aria-pressed');
    await page.keyboard.press('Control+Shift+U');
    expect(await toggle.getAttribute('aria-pressed')).toBe(before === 'true' ? 'false' : 'true');
    if ((await toggle.getAttribute('aria-pressed')) === 'true') await page.keyboard.press('Control+Shift+U');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.type('Thanks, a replacement is on its way.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => messages().count()).toBe(5);
    expect(await messages().last().getAttribute('data-role')).toBe('agent');
    // "n" typed into the composer is text, not a shortcut.
    await page.keyboard.type('n');
    expect(await byTestId('new-conversation-dialog').count()).toBe(0);
    await byTestId('composer-input').fill('');
  });

  it('shows an error and the offline state when the host goes away, then works again after a restart', async () => {
    await harness.stop();
    await expect.poll(() => byTestId('connection-status').getAttribute('data-state'), { timeout: 10_000 }).not.toBe('online');
    await byTestId('composer-input').fill('This one cannot be delivered.');
    await byTestId('composer-send').click();
    await byTestId('error-banner').waitFor({ timeout: 10_000 });
    expect(await byTestId('error-banner').textContent()).toMatch(/not reachable/i);
    await page.screenshot({ path: join(SCREENSHOTS, 'e2e-offline.png') });

    host = await harness.start();
    await openApp();
    await expect.poll(() => items().count()).toBe(8);
    await page.locator(`[data-conversation-id="${createdId}"]`).click();
    await expect.poll(() => messages().count()).toBe(5);
    const thread = await messages().evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(thread).toEqual(['customer', 'agent', 'customer', 'customer', 'agent']);
    expect(await messages().nth(2).textContent()).toContain('attaching it now');
    expect(await messages().last().textContent()).toContain('replacement is on its way');
  });

  it('kept every browser request on loopback, and nothing reached the outside-world recorder', () => {
    expect(session.allRequests.length).toBeGreaterThan(5);
    expect(session.allRequests.some((url) => url.startsWith('ws://127.0.0.1'))).toBe(true);
    expect(session.offLoopbackRequests).toEqual([]);
    expect(session.proxiedRequests()).toEqual([]);
    const vendor = session.browserServiceRequests();
    if (vendor.length > 0) console.info(`Chromium's own service calls, refused by the recorder: ${[...new Set(vendor)].join(', ')}`);
  });

  it('raised no uncaught exception in the page during the whole session', () => {
    // Console errors are expected while the host is down (failed fetches); exceptions never are.
    expect(session.pageErrors.filter((e) => e.startsWith('uncaught:'))).toEqual([]);
  });
});
