import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDeliveredOrder, openDemoEngine } from '../integration/engine/actions/actionsTestEngine.js';
import { openSession, type Session } from './support/browser.js';
import { rpc as callRpc } from './support/rpc.js';
import { hostHarness, REPO_ROOT, type HostHarness, type RunningHost } from './support/host.js';
import { addSupervisor } from './support/supervisors.js';
import { openWorkspace } from './support/workspaceSession.js';

/**
 * The refund flow in the browser against the real host: verify a demo customer, see the order lookup
 * and eligibility run at once, approve a ≤ $100 refund with one click, see the result and the audit
 * entry; a > $100 refund sent to a supervisor waits on the Approvals screen until the named supervisor's PIN.
 */
const SCREENSHOTS = join(REPO_ROOT, 'test-results');
let harness: HostHarness;
let host: RunningHost;
let session: Session;
let page: Page;
let small: ReturnType<typeof findDeliveredOrder>;
let large: ReturnType<typeof findDeliveredOrder>;

const rpc = <T>(method: string, input: unknown): Promise<T> => callRpc<T>(host, method, input);

beforeAll(async () => {
  // The host seeds the same demo shop; pick the orders by rule from a private copy.
  const demo = openDemoEngine();
  small = findDeliveredOrder(demo, 6_000, 50_000);
  large = findDeliveredOrder(demo, 20_000, 200_000, small.customerId);
  demo.close();
  harness = hostHarness('tandem-e2e-actions');
  host = await harness.start();
  session = await openSession();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await harness?.dispose();
});

const byTestId = (id: string) => page.getByTestId(id);
const card = (tool: string) => page.locator(`[data-testid="action-card"][data-tool="${tool}"]`).first();

describe('actions in the browser', () => {
  it('verifies a customer, looks up and checks the order at once, and refunds ≤ $100 on one click, audited', async () => {
    const conversation = await rpc<{ id: string }>('conversation.create', { firstMessage: `I want a refund of $40 for order ${small.orderId}, it arrived broken.` });
    await openWorkspace(page, host);
    await page.locator(`[data-testid="inbox-item"][data-conversation-id="${conversation.id}"]`).click();
    await byTestId('actions-section').waitFor();

    await byTestId('verify-email').fill(small.email);
    await byTestId('verify-find').click();
    await byTestId('verify-confirm').click();
    await byTestId('verify-customer').waitFor({ state: 'detached' });

    await rpc('actions.propose', { conversationId: conversation.id, intent: 'refund_request' });
    await expect.poll(() => card('check_refund_eligibility').getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
    expect(await card('check_refund_eligibility').getByTestId('action-result').textContent()).toContain('Eligible');
    const refund = card('process_refund');
    await expect.poll(() => refund.getAttribute('data-status')).toBe('proposed');
    await refund.getByTestId('action-approve').click();
    await expect.poll(() => refund.getAttribute('data-status'), { timeout: 10_000 }).toBe('succeeded');
    expect(await refund.getByTestId('action-result').textContent()).toContain('Refunded $40.00');
    await page.screenshot({ path: join(SCREENSHOTS, 'e2e-actions-refund.png') });

    await byTestId('rail-approvals').click();
    await byTestId('approvals-list').waitFor();
    await expect.poll(() => byTestId('audit-chain').textContent()).toContain('intact');
    expect(await page.locator('.audit-table').textContent()).toContain('action.executed');
  });

  it('a refund over $100 sent to a supervisor waits on the Approvals screen and runs with the named supervisor\'s PIN', async () => {
    const conversation = await rpc<{ id: string }>('conversation.create', { firstMessage: `Please refund $150 of order ${large.orderId}.` });
    await rpc('customer.verify', { conversationId: conversation.id, lookup: { email: large.email }, confirmCustomerId: large.customerId });
    await rpc('actions.propose', { conversationId: conversation.id, call: { tool: 'process_refund', args: { order_id: large.orderId, amount_cents: 15_000, reason: 'damaged' } } });
    await addSupervisor(host, 'Sam', '2468');

    await page.reload();
    await byTestId('rail-approvals').click();
    const refund = page.locator(`[data-testid="action-card"][data-tool="process_refund"][data-status="proposed"]`).first();
    await refund.waitFor();
    await refund.getByTestId('action-request-supervisor').click();
    const waiting = page.locator(`[data-testid="action-card"][data-tool="process_refund"][data-status="awaiting_supervisor"]`).first();
    await waiting.waitFor({ timeout: 10_000 });
    expect(await waiting.textContent()).toContain('Waiting on the Approvals screen');
    await waiting.getByTestId('supervisor-name').selectOption('Sam');
    await waiting.getByTestId('supervisor-pin').fill('2468');
    await waiting.getByTestId('action-approve').click();
    await expect.poll(() => page.locator('.audit-table').textContent(), { timeout: 10_000 }).toContain('ticket.opened');
    await expect.poll(() => page.locator('.audit-table').textContent()).toContain('action.executed');
    await page.screenshot({ path: join(SCREENSHOTS, 'e2e-actions-supervisor.png') });
  });
});
