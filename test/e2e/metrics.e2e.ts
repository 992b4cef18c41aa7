import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser.js';
import { rpc as callRpc } from './support/rpc.js';
import type { RunningHost } from './support/host.js';
import { openWorkspace, SCREENSHOTS, useWorkspaceSession } from './support/workspaceSession.js';

/** The support lead's dashboard after the demo conversations were worked: numbers match, drill-downs open. */
const workspace = useWorkspaceSession('tandem-e2e-metrics');
let host: RunningHost;
let session: Session;
let page: Page;
beforeAll(() => ({ host, session, page } = workspace));



const rpc = <T = any>(method: string, input: unknown): Promise<T> => callRpc<T>(host, method, input);

describe('metrics dashboard', () => {
  it('shows the numbers the API computes after acting on the demo conversations, and drills down to a conversation', async () => {
    const demo = await rpc<{ id: string; subject: string }[]>('conversation.list', {});
    expect(demo.length).toBeGreaterThanOrEqual(4);
    const [a, b, c, d] = demo as [{ id: string; subject: string }, { id: string; subject: string }, { id: string; subject: string }, { id: string; subject: string }];
    // Work them: two resolved (one rated 5, one 2), one escalated, one abandoned.
    for (const conv of [a, b, c]) await rpc('conversation.send', { id: conv.id, role: 'agent', content: 'Thanks for waiting, I am on it.' });
    await rpc('conversation.setStatus', { id: a.id, status: 'resolved' });
    await rpc('conversation.setStatus', { id: b.id, status: 'resolved' });
    await rpc('escalation.escalate', { conversationId: c.id, reason: 'Customer asked for a manager' });
    await rpc('conversation.abandon', { id: d.id });
    await rpc('csat.record', { conversationId: a.id, score: 5 });
    const pushed = await fetch(new URL(`/api/v1/conversations/${b.id}/csat`, host.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ score: 2 }),
    });
    expect(pushed.status).toBe(201);

    const summary = await rpc<{ values: Record<string, number | null>; counts: { concluded: number; resolved: number; escalated: number } }>('metrics.summary', {});
    expect(summary.counts).toMatchObject({ concluded: 4, resolved: 2, escalated: 1 });
    expect(summary.values.resolution_rate).toBe(0.5);
    expect(summary.values.escalation_rate).toBe(0.25);
    expect(summary.values.csat).toBe(3.5);

    await openWorkspace(page, host);
    await page.getByTestId('rail-metrics').click();
    await page.getByTestId('metrics-dashboard').waitFor();
    await expect.poll(() => page.getByTestId('value-resolution_rate').textContent()).toBe('50.0%');
    expect(await page.getByTestId('value-escalation_rate').textContent()).toBe('25.0%');
    expect(await page.getByTestId('value-csat').textContent()).toBe('3.50 / 5');
    expect(await page.getByTestId('tile-escalation_rate').getAttribute('class')).toContain('metric-good');
    expect(await page.getByTestId('tile-resolution_rate').getAttribute('class')).toContain('metric-bad');

    mkdirSync(join(SCREENSHOTS), { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'metrics-dashboard.png'), fullPage: false });

    // Escalation rate → the escalated conversation → opens it in the inbox.
    await page.getByTestId('tile-escalation_rate').click();
    const row = page.getByTestId('drilldown').locator(`[data-conversation-id="${c.id}"]`);
    await row.waitFor();
    expect(await page.getByTestId('drilldown').locator('[data-conversation-id]').count()).toBe(1);
    await row.click();
    await expect.poll(() => page.locator('[data-testid="inbox-item"][aria-selected="true"]').getAttribute('data-conversation-id')).toBe(c.id);

    // The review tab lists the escalation.
    await page.getByTestId('rail-metrics').click();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByTestId('review-list').locator('.review-item').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'metrics-review.png') });
    expect(session.pageErrors).toEqual([]);
  });
});
