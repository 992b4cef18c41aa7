import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { rpc as callRpc } from './support/rpc.js';
import { openWorkspace, SCREENSHOTS, useWorkspaceSession } from './support/workspaceSession.js';

/**
 * Action cards in the browser against the real host and the demo shop: one-click verification from
 * the lookup card, a held refund decided with item checkboxes in dollars, the `a` key's confirmation
 * (nothing runs until Enter), and Run tool… with a form built from the tool's schema. The customers
 * are records of the shipped demo data.
 */
const ws = useWorkspaceSession('tandem-e2e-action-cards');
const rpc = <T>(method: string, input: unknown): Promise<T> => callRpc<T>(ws.host, method, input);
const SIZES = [[1440, 900], [1280, 720], [1024, 700]] as const;

async function openConversation(id: string): Promise<void> {
  const { page } = ws;
  await page.locator(`[data-testid="inbox-item"][data-conversation-id="${id}"]`).click();
  await page.getByTestId('actions-section').waitFor();
}

const card = (tool: string) => ws.page.locator(`[data-testid="action-card"][data-tool="${tool}"]`).first();

async function screenshots(name: string, focus?: Locator): Promise<void> {
  const { page } = ws;
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await focus?.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOTS, `e2e-${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** A conversation with a customer verified by email and their first message, open in the browser. */
async function openVerifiedConversation(email: string, customerId: string, firstMessage: string): Promise<string> {
  const conversation = await rpc<{ id: string }>('conversation.create', { customerRef: email });
  await rpc('customer.verify', { conversationId: conversation.id, lookup: { email }, confirmCustomerId: customerId });
  await rpc('conversation.send', { id: conversation.id, role: 'customer', content: firstMessage });
  await ws.page.reload();
  await openWorkspace(ws.page, ws.host);
  await openConversation(conversation.id);
  return conversation.id;
}

describe('action cards', () => {
  it('verifies in one click from the lookup card, then decides a held refund with item checkboxes in dollars', async () => {
    const { page } = ws;
    const conversation = await rpc<{ id: string }>('conversation.create', {
      firstMessage: "Hi, I'm Ava Moore, zip 78234. I want a refund on order #W4817420, half of it is not what I ordered.",
    });
    await openWorkspace(page, ws.host);
    await openConversation(conversation.id);

    const confirm = page.getByTestId('verify-from-card');
    await expect.poll(() => confirm.textContent(), { timeout: 20_000 }).toBe('Confirm: Ava Moore, zip 78234');
    await confirm.click();
    await expect.poll(() => page.getByTestId('verified-line').textContent(), { timeout: 10_000 }).toContain('Ava Moore');

    const refund = card('process_refund');
    await expect.poll(() => refund.getAttribute('data-held'), { timeout: 20_000 }).toBe('choose_items');
    const choices = refund.getByTestId('item-choice');
    expect(await choices.count()).toBe(5);
    const bottle = refund.locator('[data-testid="item-choice"][data-item-id="6777246137"]');
    expect(await bottle.textContent()).toContain('$47.76');
    await screenshots('held-refund', refund);

    await bottle.locator('input').check();
    expect(await refund.getByTestId('field-amount_cents').inputValue()).toBe('47.76');
    expect(await refund.getByTestId('action-approve').textContent()).toBe('Approve $47.76 refund');
    await refund.getByTestId('action-approve').click();
    await expect.poll(() => refund.getAttribute('data-status'), { timeout: 10_000 }).toBe('succeeded');
    expect(await refund.getByTestId('action-result').textContent()).toContain('Refunded $47.76 to gift card');
  });

  it('the a key asks first, naming amount and destination; Esc changes nothing and Enter approves', async () => {
    const { page } = ws;
    const id = await openVerifiedConversation('mei.davis6811@example.com', 'mei_davis_8935', 'The water bottle from order #W2890441 leaks. Please refund it.');
    const refund = card('process_refund');
    await expect.poll(() => refund.getAttribute('data-status'), { timeout: 20_000 }).toBe('proposed');
    await expect.poll(() => refund.getByTestId('action-approve').textContent()).toBe('Approve $54.04 refund');
    await expect.poll(() => refund.getByTestId('action-fields').textContent()).toContain('credit card ending 1037');
    await screenshots('refund-card', refund);

    await page.locator('body').click({ position: { x: 500, y: 300 } });
    await page.keyboard.press('a');
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('confirm-question').textContent()).toBe('Refund $54.04 for Water Bottle ($54.04) to credit card ending 1037?');
    await screenshots('confirm-refund');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await refund.getAttribute('data-status')).toBe('proposed');
    const untouched = await rpc<{ status: string }[]>('actions.list', { conversationId: id });
    expect(untouched.find((a) => (a as { tool?: string }).tool === 'process_refund')?.status).toBe('proposed');

    await page.keyboard.press('a');
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => refund.getAttribute('data-status'), { timeout: 10_000 }).toBe('succeeded');
  });

  it('Run tool… offers every tool with a form from its schema: dollars, item checkboxes and a payment-method select', async () => {
    const { page } = ws;
    await openVerifiedConversation('aarav.sanchez1292@example.com', 'aarav_sanchez_9729', 'A question about order #W5455653, please.');
    await expect.poll(() => card('lookup_order').getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');

    await page.getByTestId('run-tool').click();
    const dialog = page.getByTestId('run-tool-dialog');
    await dialog.waitFor();
    const tools = await page.getByTestId('run-tool-select').locator('option').allTextContents();
    expect(tools).toHaveLength((await rpc<unknown[]>('tools.list', {})).length);
    expect(tools).toContain('exchange delivered items');
    await page.getByTestId('run-tool-select').selectOption('process_refund');
    expect(await dialog.getByTestId('field-order_id').inputValue()).toBe('#W5455653');
    await dialog.locator('[data-testid="item-choice"]', { hasText: 'Jigsaw Puzzle' }).locator('input').check();
    expect(await dialog.getByTestId('field-amount_cents').inputValue()).toBe('45.90');
    await dialog.getByTestId('field-reason').fill('Pieces missing');
    const methods = await dialog.getByTestId('field-payment_method_id').locator('option').allTextContents();
    expect(methods).toContain('credit card ending 5506');
    await screenshots('run-tool');
    await dialog.getByTestId('run-tool-add').click();
    await dialog.waitFor({ state: 'detached' });

    const added = page.locator('[data-testid="action-card"][data-tool="process_refund"][data-status="proposed"]').first();
    await expect.poll(() => added.getByTestId('action-fields').textContent(), { timeout: 10_000 }).toContain('Jigsaw Puzzle ($45.90)');
    expect(await added.getByTestId('action-approve').textContent()).toBe('Approve $45.90 refund');
    await added.locator('.action-raw summary').click();
    expect(await added.getByTestId('action-args-raw').textContent()).toContain('"amount_cents":4590');
  });

  it('lists a, e, x and t in the shortcuts overlay', async () => {
    const { page } = ws;
    await page.locator('body').click({ position: { x: 500, y: 300 } });
    await page.keyboard.press('?');
    const overlay = page.getByTestId('shortcuts-overlay');
    await overlay.waitFor();
    const text = await overlay.textContent();
    for (const line of ['Approve the highlighted action', 'Edit the highlighted action', 'Reject the highlighted action', 'Run a tool by hand']) expect(text).toContain(line);
    await page.keyboard.press('Escape');
  });
});
