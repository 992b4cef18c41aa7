import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser.js';
import type { RunningHost } from './support/host.js';
import { openWorkspace, SCREENSHOTS, useWorkspaceSession } from './support/workspaceSession.js';

/** Live assist in the browser: a replayed angry customer raises the human-request flag at the right message. */
const workspace = useWorkspaceSession('tandem-e2e-assist');
let host: RunningHost;
let session: Session;
let page: Page;
beforeAll(() => ({ host, session, page } = workspace));



describe('live assist', () => {
  it('replays the angry customer and flags the request for a human live, at the message that made it', async () => {
    await openWorkspace(page, host);
    await page.getByTestId('replay-button').click();
    await page.locator('[data-testid=replay-item][data-transcript=angry-asks-for-human]').click();
    await expect.poll(() => page.getByTestId('conversation-title').textContent(), { timeout: 15_000 }).toBe('Emma Nguyen');

    const humanFlag = page.locator('[data-testid=escalation-flag][data-trigger=explicit_human_request]');
    const customerMessages = page.getByTestId('thread').locator('[data-testid=message][data-role=customer]');
    // Before the fourth message (the request for a human) arrives, there is no such flag.
    await expect.poll(() => customerMessages.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    if ((await customerMessages.count()) < 3) expect(await humanFlag.count()).toBe(0);

    await humanFlag.waitFor({ timeout: 30_000 });
    expect(await customerMessages.count()).toBe(3);
    expect(await humanFlag.getAttribute('data-priority')).toBe('immediate');
    expect(await humanFlag.textContent()).toContain('talk to a real person');
    const timeline = page.getByTestId('timeline-entry');
    await expect.poll(() => timeline.count(), { timeout: 10_000 }).toBe(3);
    expect(await timeline.last().textContent()).toContain('Asked for a human');
    expect(await timeline.first().textContent()).not.toContain('Asked for a human');

    // The inbox marks it and sorts it first.
    const first = page.getByTestId('inbox-item').first();
    expect(await first.getAttribute('data-flag')).toBe('immediate');
    await page.screenshot({ path: join(SCREENSHOTS, 'live-assist-flag.png') });
  });

  it('escalates with one click; the handoff packet holds queue, summary, sentiment, attempted resolutions and reason', async () => {
    await page.getByTestId('escalate-button').click();
    await page.getByTestId('handoff-packet').waitFor();
    for (const field of ['packet-queue', 'packet-summary', 'packet-sentiment', 'packet-attempts', 'packet-reason']) {
      expect((await page.getByTestId(field).textContent())?.trim().length, field).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('packet-reason').textContent()).toMatch(/asked for a human/i);
    expect(await page.getByTestId('packet-summary').textContent()).toContain('pet bed');
    await page.screenshot({ path: join(SCREENSHOTS, 'handoff-packet.png') });
    await page.getByTestId('escalate-confirm').click();
    await expect.poll(() => page.getByTestId('conversation-status').textContent(), { timeout: 10_000 }).toBe('escalated');
    expect(session.pageErrors).toEqual([]);
    expect(session.offLoopbackRequests).toEqual([]);
  });
});
