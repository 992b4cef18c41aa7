import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTinyGguf } from '../support/tinyGguf.js';
import { tempDir } from '../support/tempDir.js';
import type { Session } from './support/browser.js';
import { rpc as callRpc } from './support/rpc.js';
import type { RunningHost } from './support/host.js';
import { openWorkspace, SCREENSHOTS, useWorkspaceSession } from './support/workspaceSession.js';

/**
 * Drafted replies in the browser, without a model (the default): the replayed refund-under-$100
 * conversation gets a template draft that cites the return policy and the eligibility result; the
 * agent edits it and sends it; the outcome and edit distance are recorded.
 */
const workspace = useWorkspaceSession('tandem-e2e-drafting');
let host: RunningHost;
let session: Session;
let page: Page;
beforeAll(() => ({ host, session, page } = workspace));

interface Draft {
  id: string;
  status: string;
  messageId: string | null;
  outcome: string | null;
  editDistance: number | null;
  timeToSendMs: number | null;
  text: string;
  citations: { marker: number; kind: string; tool?: string; title: string }[];
}

const rpc = <T>(method: string, input: unknown): Promise<T> => callRpc<T>(host, method, input);



const byTestId = (id: string) => page.getByTestId(id);

describe('drafted replies', () => {
  it('replays refund-under-$100, shows a template draft citing the policy and the eligibility result, and records the edited send', async () => {
    await openWorkspace(page, host);
    await byTestId('replay-button').click();
    await page.locator('[data-testid=replay-item][data-transcript=refund-under-100]').click();
    const customerMessages = byTestId('thread').locator('[data-testid=message][data-role=customer]');
    await expect.poll(() => customerMessages.count(), { timeout: 30_000 }).toBe(2);

    const conversations = await rpc<{ id: string; subject: string }[]>('conversation.list', {});
    const conversationId = conversations.find((c) => c.subject === 'Refund under $100')!.id;
    const { messages } = await rpc<{ messages: { id: string; role: string }[] }>('conversation.get', { id: conversationId });
    const lastCustomer = messages.filter((m) => m.role === 'customer').at(-1)!.id;

    // The eligibility check runs at once for the verified customer; the Actions section shows it.
    const eligibility = page.locator('[data-testid="action-card"][data-tool="check_refund_eligibility"]').first();
    await expect.poll(() => eligibility.getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');

    // The draft for the last customer message, ready, written from the templates.
    await expect.poll(async () => (await rpc<Draft | null>('draft.get', { conversationId }))?.messageId ?? null, { timeout: 20_000 }).toBe(lastCustomer);
    const section = byTestId('draft-section');
    await expect.poll(() => section.getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');
    // Settle: facts can still arrive a moment after the last message (a re-draft replaces the card).
    await expect.poll(async () => {
      const draft = await rpc<Draft>('draft.get', { conversationId });
      return draft.status === 'ready' && draft.citations.some((c) => c.tool === 'check_refund_eligibility') ? draft.id : null;
    }, { timeout: 20_000 }).not.toBeNull();
    const draft = await rpc<Draft>('draft.get', { conversationId });
    await expect.poll(() => section.getAttribute('data-draft-id'), { timeout: 10_000 }).toBe(draft.id);
    expect(await section.getAttribute('data-source')).toBe('template');
    const text = (await byTestId('draft-text').textContent()) ?? '';
    expect(text).toContain('#W7623533 is eligible for a refund');
    const citations = byTestId('draft-citation');
    const labels = await citations.allTextContents();
    expect(labels.some((l) => /Retail policy/.test(l))).toBe(true);
    expect(labels.some((l) => /Refund eligibility check — tool result/.test(l))).toBe(true);
    expect(await page.locator('[data-testid=draft-citation][data-kind=tool]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=draft-citation][data-kind=evidence]').count()).toBeGreaterThan(0);
    expect(await byTestId('draft-finding').count()).toBe(0);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'drafting-template-draft.png') });

    // Edit, see the gate react to an unverified amount, fix it with one click, then send.
    await byTestId('draft-edit').click();
    const editor = byTestId('draft-editor');
    await editor.waitFor();
    const original = await editor.inputValue();
    expect(original).toBe(draft.text);
    await editor.fill(original.replace('Hi Olivia,', 'Hi Olivia, thank you for your patience. We can refund $80.00 today.'));
    await byTestId('draft-edit').click(); // back to the preview, where findings are highlighted
    await expect.poll(() => page.locator('[data-testid=draft-finding][data-kind=unsupported_amount]').count(), { timeout: 10_000 }).toBe(1);
    expect(await byTestId('draft-finding-span').first().textContent()).toBe('$80.00');
    await page.screenshot({ path: join(SCREENSHOTS, 'drafting-finding.png') });

    // Sending with a blocking finding asks for an explicit override first.
    await byTestId('draft-send').click();
    await byTestId('draft-override').waitFor();
    await page.getByRole('button', { name: 'Go back and fix' }).click();
    await page.locator('[data-testid=draft-finding][data-kind=unsupported_amount] [data-testid=draft-fix]').click();
    await expect.poll(() => byTestId('draft-finding').count(), { timeout: 10_000 }).toBe(0);
    expect(await byTestId('draft-text').textContent()).toContain('thank you for your patience');

    await byTestId('draft-send').click();
    const outcome = byTestId('draft-outcome');
    await expect.poll(() => outcome.getAttribute('data-outcome'), { timeout: 10_000 }).toBe('edited');
    expect(await outcome.textContent()).toMatch(/Sent after editing \(\d+ characters changed\)/);
    const agentMessages = byTestId('thread').locator('[data-testid=message][data-role=agent]');
    await expect.poll(() => agentMessages.count(), { timeout: 10_000 }).toBe(2);
    expect(await agentMessages.last().textContent()).toContain('thank you for your patience');
    expect(await agentMessages.last().textContent()).not.toMatch(/\[\d\]/);
    await page.screenshot({ path: join(SCREENSHOTS, 'drafting-sent.png') });

    const sent = await rpc<Draft>('draft.get', { conversationId });
    expect(sent).toMatchObject({ id: draft.id, status: 'sent', outcome: 'edited' });
    expect(sent.editDistance).toBeGreaterThan(10);
    expect(sent.timeToSendMs).toBeGreaterThanOrEqual(0);
    const summary = await rpc<{ assistant: { drafts: { drafts: number; editRate: number | null } } }>('metrics.summary', {});
    expect(summary.assistant.drafts.drafts).toBeGreaterThanOrEqual(1);
    expect(summary.assistant.drafts.editRate).not.toBeNull();
    expect(session.pageErrors).toEqual([]);
    expect(session.offLoopbackRequests).toEqual([]);
  });

  it('Settings → Models says no model is loaded and drafts are templates', async () => {
    await page.keyboard.press('Alt+5');
    await byTestId('models-card').waitFor();
    expect(await byTestId('models-card').textContent()).toContain('No language model is loaded');
    await byTestId('models-card').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'drafting-models-card.png') });
  });

  it('loads a model from a folder picked in Settings → Models and streams an LLM draft into the Draft section', async () => {
    // The generated tiny model (random weights): this checks loading, streaming and the end state, not wording.
    const folder = tempDir('tandem-e2e-models', { scope: 'file' });
    writeTinyGguf(join(folder, 'tiny-chat.gguf'), { layers: 2, contextLength: 4096 });
    await byTestId('models-folder').fill(folder);
    await page.getByRole('button', { name: 'Add folder' }).click();
    const item = page.locator('[data-testid=models-item][data-usable=true]').first();
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('Tandem Tiny Test Chat');
    expect(await item.textContent()).toContain('fits in memory');
    await item.getByTestId('models-load').click();
    await item.getByTestId('models-unload').waitFor({ timeout: 60_000 });
    expect(await byTestId('models-card').textContent()).toContain('Drafting with Tandem Tiny Test Chat');
    await page.screenshot({ path: join(SCREENSHOTS, 'drafting-model-loaded.png') });

    await page.keyboard.press('Alt+1');
    const conversations = await rpc<{ id: string; subject: string }[]>('conversation.list', {});
    const target = conversations.find((c) => c.subject !== 'Refund under $100' && c.subject.length > 0)!;
    await page.locator(`[data-testid="inbox-item"][data-conversation-id="${target.id}"]`).click();
    const section = byTestId('draft-section');
    await section.waitFor({ timeout: 20_000 });
    await expect.poll(() => section.getAttribute('data-status'), { timeout: 20_000 }).not.toBe('superseded');
    if ((await section.getAttribute('data-status')) !== 'generating') await byTestId('draft-regenerate').click();
    await expect.poll(() => section.getAttribute('data-source'), { timeout: 10_000 }).toBe('llm');
    await expect.poll(async () => ((await byTestId('draft-streaming').textContent().catch(() => '')) ?? '').length, { timeout: 30_000 }).toBeGreaterThan(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'drafting-llm-streaming.png') });
    await expect.poll(() => section.getAttribute('data-status'), { timeout: 80_000 }).toBe('ready');
    const draft = await rpc<Draft & { source: string; fallbackReason: string | null; model: string | null }>('draft.get', { conversationId: target.id });
    expect(draft.model).toBe('Tandem Tiny Test Chat');
    // Random weights: either whole sentences were kept (LLM draft) or the template took over and says why.
    if (draft.source === 'template') expect(await byTestId('draft-fallback').textContent()).toMatch(/template draft is used instead/);
    await page.screenshot({ path: join(SCREENSHOTS, 'drafting-llm-ready.png') });
    expect(await rpc<{ state: string }>('models.unload', {})).toMatchObject({ state: 'none' });
    expect(session.pageErrors).toEqual([]);
  }, 150_000);
});
