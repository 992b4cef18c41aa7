import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDeliveredOrder, openDemoEngine } from '../integration/engine/actions/actionsTestEngine.js';
import { rpc as callRpc } from './support/rpc.js';
import { addSupervisor } from './support/supervisors.js';
import { openWorkspace, SCREENSHOTS, useWorkspaceSession } from './support/workspaceSession.js';

/**
 * Supervisor approvals, sign-in and hostile customer text in the browser: approving without a PIN,
 * two tabs approving one card, wrong PINs up to the lockout and its alert, a page that is not signed in,
 * and a customer name built to spoof and to overflow, at the three supported sizes.
 */
const ctx = useWorkspaceSession('tandem-e2e-security');
const rpc = <T = any>(method: string, input: unknown): Promise<T> => callRpc<T>(ctx.host, method, input);
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1024, height: 700 },
] as const;

const demo = openDemoEngine();
const big = findDeliveredOrder(demo, 60_000, 500_000);
const small = findDeliveredOrder(demo, 6_000, 50_000, big.customerId);
demo.close();

/** A verified conversation with a hand-added refund proposal; returns the conversation and action ids. */
async function refundCard(order: typeof big, cents: number, message: string): Promise<{ conversationId: string; actionId: string }> {
  const conversation = await rpc<{ id: string }>('conversation.create', { firstMessage: message });
  await rpc('customer.verify', { conversationId: conversation.id, lookup: { email: order.email }, confirmCustomerId: order.customerId });
  const actions = await rpc<{ id: string; tool: string; status: string }[]>('actions.propose', {
    conversationId: conversation.id,
    call: { tool: 'process_refund', args: { order_id: order.orderId, amount_cents: cents, reason: 'damaged' } },
  });
  return { conversationId: conversation.id, actionId: actions.filter((a) => a.tool === 'process_refund' && a.status === 'proposed').at(-1)!.id };
}

const approvalCard = (actionId: string) => ctx.page.locator(`[data-testid="action-card"][data-action-id="${actionId}"]`).first();

describe('security in the browser', () => {
  it('a page that is not signed in gets no token and says how to sign in', async () => {
    const other = await ctx.session.browser.newContext();
    const page = await other.newPage();
    const response = await page.goto(ctx.host.url);
    expect(await response!.text()).not.toContain(ctx.host.token);
    await page.getByTestId('signin-required').waitFor();
    expect(await page.getByTestId('signin-required').textContent()).toContain('tandem open');
    await page.screenshot({ path: join(SCREENSHOTS, 'security-signin-required.png') });
    const reused = await page.goto(await ctx.host.launchUrl());
    expect(reused!.status()).toBe(200);
    await other.close();
  });

  it('approve with no PIN changes nothing and asks for the supervisor inline', async () => {
    await addSupervisor(ctx.host, 'Sam Ortiz', '2468');
    const { actionId } = await refundCard(big, 15_000, `Please refund $150 of order ${big.orderId}.`);
    await openWorkspace(ctx.page, ctx.host);
    await ctx.page.getByTestId('rail-approvals').click();
    const card = approvalCard(actionId);
    await card.waitFor();
    await expect.poll(() => ctx.page.getByTestId('rail-approvals').textContent()).toMatch(/\d/);
    await card.getByTestId('action-approve').click();
    await expect.poll(() => card.getByTestId('supervisor-signoff').textContent()).toContain('Nothing was changed');
    expect(await card.getAttribute('data-status')).toBe('proposed');
    expect(await ctx.page.getByTestId('error-banner').count()).toBe(0);
    expect(await ctx.page.evaluate<string | null>(`document.activeElement?.getAttribute('data-testid') ?? null`)).toBe('supervisor-pin');
    const approval = ctx.page.locator(`[data-testid="approval-card"][data-action-id="${actionId}"]`);
    expect(await approval.textContent()).toContain('$150.00');
    expect(await approval.textContent()).toContain(big.orderId);
    for (const size of SIZES) {
      await ctx.page.setViewportSize(size);
      await ctx.page.screenshot({ path: join(SCREENSHOTS, `security-approvals-${size.width}.png`) });
    }
    await ctx.page.setViewportSize(SIZES[0]);
    await card.getByTestId('supervisor-name').selectOption('Sam Ortiz');
    await card.getByTestId('supervisor-pin').fill('2468');
    await card.getByTestId('action-approve').click();
    await expect.poll(async () => (await rpc<{ status: string }[]>('approvals.pending', {})).some((a) => (a as { id?: string }).id === actionId), { timeout: 10_000 }).toBe(false);
  });

  it('two tabs approving the same card refund once', async () => {
    const { conversationId, actionId } = await refundCard(small, 3_000, `Refund $30 of ${small.orderId}, please.`);
    await openWorkspace(ctx.page, ctx.host);
    const second = await ctx.session.context.newPage();
    await second.goto(ctx.host.url);
    for (const page of [ctx.page, second]) {
      await page.getByTestId('rail-approvals').click();
      await page.locator(`[data-testid="action-card"][data-action-id="${actionId}"]`).first().waitFor();
    }
    // Both tabs press Approve in the same instant (a second Playwright click would find the first one's card gone).
    const buttons = await Promise.all([ctx.page, second].map((page) => page.locator(`[data-testid="action-card"][data-action-id="${actionId}"] [data-testid="action-approve"]`).first().elementHandle()));
    await Promise.all(buttons.map((button) => button!.evaluate((b) => (b as unknown as { click(): void }).click())));
    await expect.poll(async () => (await rpc<{ id: string; status: string }[]>('actions.list', { conversationId })).find((a) => a.id === actionId)?.status, { timeout: 10_000 }).toBe('succeeded');
    const executed = (await rpc<{ kind: string }[]>('audit.list', { actionId })).filter((e) => e.kind === 'action.executed');
    expect(executed).toHaveLength(1);
    await second.close();
  });

  it('wrong PINs are refused with their own error, then lock the supervisor out, with an alert on the Approvals screen', async () => {
    const { actionId } = await refundCard(big, 12_000, `Refund $120 of ${big.orderId}.`);
    await openWorkspace(ctx.page, ctx.host);
    await ctx.page.getByTestId('rail-approvals').click();
    const card = approvalCard(actionId);
    await card.waitFor();
    for (let i = 0; i < 5; i += 1) {
      await card.getByTestId('supervisor-name').selectOption('Sam Ortiz');
      await card.getByTestId('supervisor-pin').fill(String(1000 + i));
      await card.getByTestId('action-approve').click();
      await expect.poll(() => ctx.page.getByTestId('error-banner').last().textContent()).toMatch(/Wrong PIN|locked/);
      for (const banner of await ctx.page.getByTestId('error-banner').all()) await banner.getByRole('button').first().click().catch(() => undefined);
    }
    await ctx.page.getByTestId('lockout-alert').waitFor({ timeout: 10_000 });
    expect(await ctx.page.getByTestId('lockout-alert').textContent()).toContain('Sam Ortiz');
    await expect.poll(() => card.getByTestId('supervisor-locked').count()).toBe(1);
    expect(await card.getAttribute('data-status')).toBe('proposed');
    await ctx.page.screenshot({ path: join(SCREENSHOTS, 'security-lockout.png') });
    const audit = await rpc<{ kind: string; supervisor: string | null }[]>('audit.list', { actionId });
    expect(audit.filter((e) => e.kind === 'supervisor.pin_rejected' && e.supervisor === 'Sam Ortiz')).toHaveLength(5);
    expect(audit.some((e) => e.kind === 'supervisor.locked_out')).toBe(true);
  });

  it('a spoofing, overlong customer name shows its override marker and leaves Resolve and Export on screen, at every size', async () => {
    const name = `Eve\u202Egnp.exe ${'A'.repeat(180)}`;
    const conversation = await rpc<{ id: string }>('conversation.create', { customerRef: name, subject: 'x'.repeat(190), firstMessage: `Hello \u202Eevil ${'B'.repeat(300)}` });
    await openWorkspace(ctx.page, ctx.host);
    await ctx.page.locator(`[data-testid="inbox-item"][data-conversation-id="${conversation.id}"]`).click();
    await expect.poll(() => ctx.page.getByTestId('conversation-title').textContent()).toContain('Eve⟦U+202E⟧gnp.exe');
    for (const size of SIZES) {
      await ctx.page.setViewportSize(size);
      for (const id of ['resolve-button', 'export-conversation']) {
        const box = await ctx.page.getByTestId(id).boundingBox();
        expect(box, `${id} at ${size.width}`).not.toBeNull();
        expect(box!.x + box!.width, `${id} at ${size.width}`).toBeLessThanOrEqual(size.width);
      }
      await ctx.page.screenshot({ path: join(SCREENSHOTS, `security-hostile-name-${size.width}.png`) });
      await ctx.page.getByTestId('rail-settings').click();
      await ctx.page.getByTestId('profile-card').waitFor();
      await ctx.page.screenshot({ path: join(SCREENSHOTS, `security-settings-${size.width}.png`), fullPage: true });
      await ctx.page.getByTestId('rail-inbox').click();
    }
    await ctx.page.setViewportSize(SIZES[0]);
  });
});
