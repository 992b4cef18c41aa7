import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser.js';
import { rpc as callRpc } from './support/rpc.js';
import type { RunningHost } from './support/host.js';
import { openWorkspace, SCREENSHOTS, useWorkspaceSession } from './support/workspaceSession.js';

/** The Knowledge screen (import, list, search, open at a chunk) and the assist panel's Evidence section. */
const workspace = useWorkspaceSession('tandem-e2e-knowledge');
let host: RunningHost;
let session: Session;
let page: Page;
beforeAll(() => ({ host, session, page } = workspace));

const ARTICLE = [
  '---',
  'title: Warranty claims for kettles',
  '---',
  '# Warranty claims for kettles',
  '',
  'Every kettle carries a two year warranty from the delivery date.',
  '',
  '## Limescale damage',
  '',
  'Limescale damage is not covered by the warranty. Descale the kettle monthly with citric acid; a descaling kit ships free with any kettle order.',
  '',
  '## Broken lids',
  '',
  'A lid hinge that snaps within the warranty period is replaced at no cost: ask the customer for a photo of the hinge.',
].join('\n');



const rpc = <T = any>(method: string, input: unknown): Promise<T> => callRpc<T>(host, method, input);

interface Status {
  documents: number;
  vectors: number;
  imports: { taskId: string; running: boolean }[];
}

/** The demo knowledge base is embedded in the background after start; on a loaded 2-core machine that takes a while. */
async function demoIndexed(): Promise<Status> {
  let status: Status | null = null;
  await expect
    .poll(
      async () => {
        status = await rpc<Status>('knowledge.status', {});
        return status.imports.length > 0 && status.imports.every((i) => !i.running) && status.vectors > 0;
      },
      { timeout: 240_000, interval: 2_000 },
    )
    .toBe(true);
  return status!;
}

describe('knowledge base', () => {
  it('imports a Markdown file from the picker with progress, lists it with its chunks, and refuses an oversized file in the report', async () => {
    await openWorkspace(page, host);
    await page.getByTestId('rail-knowledge').click();
    await page.getByTestId('knowledge-dashboard').waitFor();

    await page.getByTestId('import-file-input').setInputFiles([
      { name: 'kettle-warranty.md', mimeType: 'text/markdown', buffer: Buffer.from(ARTICLE) },
      // Over the per-request upload cap: it must be refused in the report without being sent.
      { name: 'huge-manual.txt', mimeType: 'text/plain', buffer: Buffer.alloc(800_000, 'a') },
    ]);
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('too large to upload');
    await page.getByTestId('import-category').selectOption('products');
    await page.getByTestId('import-confirm').click();

    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 120_000 }).toBe('finished');
    expect(await page.getByTestId('import-progress-bar').getAttribute('aria-valuenow')).toBe('100');
    expect(await progress.textContent()).toMatch(/2\/2 files/);

    const report = page.getByTestId('import-report-file');
    await expect.poll(() => report.count()).toBe(2);
    const failed = page.locator('[data-testid=import-report-file][data-status=failed]');
    expect(await failed.textContent()).toContain('huge-manual.txt');
    expect(await failed.textContent()).toMatch(/limited to .* each/);
    expect(await page.locator('[data-testid=import-report-file][data-status=imported]').textContent()).toContain('kettle-warranty.md');

    const documents = await rpc<{ id: number; title: string; chunkCount: number; category: string }[]>('knowledge.documents', {});
    const imported = documents.find((d) => d.title === 'Warranty claims for kettles');
    expect(imported, 'the imported article is in the knowledge base').toBeTruthy();
    expect(imported!.category).toBe('products');
    expect(documents.some((d) => d.title.includes('huge'))).toBe(false);
    const row = page.locator(`[data-testid=document-row][data-document-id="${imported!.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('document-chunks').textContent()).toBe(`${imported!.chunkCount} ${imported!.chunkCount === 1 ? 'chunk' : 'chunks'}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'knowledge-import.png') });
  });

  it('searches a phrase from the article, highlights the matched terms and opens the document at the cited chunk', async () => {
    // '/' focuses the knowledge search on this screen (not the inbox filter).
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.locator(':focus').getAttribute('data-testid')).toBe('kb-search');
    await page.keyboard.type('limescale descaling citric acid');

    const first = page.getByTestId('kb-hit').first();
    await expect.poll(async () => ((await first.count()) > 0 ? first.textContent() : ''), { timeout: 30_000 }).toContain('Warranty claims for kettles');
    const marks = await first.getByTestId('term-hit').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['limescale', 'citric', 'acid']));
    expect(await first.getByTestId('kb-scores').textContent()).toMatch(/rerank.*fused.*vector.*BM25/);
    const chunkId = await first.getAttribute('data-chunk-id');

    await first.getByTestId('kb-hit-open').click();
    const viewer = page.getByTestId('document-viewer');
    await expect.poll(() => viewer.getAttribute('data-state'), { timeout: 10_000 }).toBe('open');
    expect(await page.getByTestId('viewer-title').textContent()).toBe('Warranty claims for kettles');
    const cited = page.getByTestId('cited-chunk');
    expect(await cited.getAttribute('data-chunk-id')).toBe(chunkId);
    expect(await cited.textContent()).toContain('Limescale damage is not covered');
    expect(await cited.isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'knowledge-search.png') });

    // The refund intent filters to its categories; the screen says so.
    await page.getByTestId('kb-intent').selectOption('refund_request');
    await expect.poll(() => page.getByTestId('kb-filter').textContent(), { timeout: 15_000 }).toMatch(/Filtered to\s*returns\s*billing\s*policies|fell back/);
  });

  it('shows cited policy chunks in a demo conversation’s Evidence section once the demo knowledge is indexed, and opens one', async () => {
    await demoIndexed();
    const conversations = await rpc<{ id: string; subject: string }[]>('conversation.list', {});
    const damaged = conversations.find((c) => /damaged|return/i.test(c.subject));
    expect(damaged, 'a demo conversation about a return').toBeTruthy();
    // Its assist may have run before the knowledge base was ready; run it again now that it is.
    await rpc('assist.refresh', { conversationId: damaged!.id });

    await page.getByTestId('rail-inbox').click();
    await page.locator(`[data-testid=inbox-item][data-conversation-id="${damaged!.id}"]`).click();
    const items = page.getByTestId('evidence-item');
    await expect.poll(() => items.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await items.count()).toBeLessThanOrEqual(3);
    expect(await page.getByTestId('evidence-cite').first().textContent()).toBe('[1]');
    const titles = await items.allTextContents();
    expect(titles.some((t) => t.includes('Retail policy')), `evidence cites the retail policy: ${titles.join(' | ')}`).toBe(true);
    expect(await page.getByTestId('evidence-filter').textContent()).toMatch(/Filtered to|No category filter|fell back/);
    await page.getByTestId('assist-evidence').screenshot({ path: join(SCREENSHOTS, 'evidence-section.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'evidence-inbox.png') });

    const chunkId = await items.first().getAttribute('data-chunk-id');
    await items.first().getByTestId('evidence-open').click();
    await page.getByTestId('knowledge-dashboard').waitFor();
    await expect.poll(() => page.getByTestId('cited-chunk').getAttribute('data-chunk-id'), { timeout: 10_000 }).toBe(chunkId);

    expect(session.pageErrors).toEqual([]);
    expect(session.offLoopbackRequests).toEqual([]);
  });
});
