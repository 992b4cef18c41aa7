import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import { createBuiltinEmbedder } from '../../../../main/ml/builtinEmbedder.js';
import type { Embedder } from '../../../../main/ml/embedder.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';
import { tempDir } from '../../../support/tempDir.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

let embedder: Embedder;
let engine: Engine;
let dataDir: string;

const DOCS: Record<string, string> = {
  'returns.md': '---\ncategory: returns\n---\n# Returns\n\n## Return window\n\nUnused items can be sent back within 30 days of delivery for a full refund to the original payment method.',
  'shipping.md': '---\ncategory: shipping\n---\n# Shipping\n\n## Delivery times\n\nStandard delivery takes 3 to 5 business days; express arrives the next business day.',
  'passwords.md': '---\ncategory: account\n---\n# Account help\n\n## Forgotten password\n\nUse the "Forgot password" link on the sign-in page to receive a reset email.',
  'kettle.md': '---\ncategory: products\n---\n# Electric kettle\n\n## Specifications\n\nThe kettle holds 1.7 litres, boils in four minutes and switches off automatically.',
};

beforeAll(async () => {
  embedder = await createBuiltinEmbedder();
  dataDir = mkdtempSync(join(tmpdir(), 'tandem-hybrid-'));
  engine = openEngine({ dataDir, clock: new FixedClock(), embedder });
  await engine.knowledgeReady;
  const folder = mkdtempSync(join(tmpdir(), 'tandem-hybrid-docs-'));
  for (const [name, text] of Object.entries(DOCS)) writeFileSync(join(folder, name), text);
  const report = await engine.knowledge.startImport([folder]).done;
  expect(report.imported).toBe(4);
  rmSync(folder, { recursive: true, force: true });
}, 120_000);

afterAll(async () => {
  engine?.close();
  await embedder?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hybrid search on SQLite + sqlite-vec + FTS5 with the built-in embedder', () => {
  it('finds a paraphrase that shares no words with the answer, with a citation to open', async () => {
    const result = await engine.knowledge.search('I cannot log in, I lost my login secret', { limit: 3 });
    expect(result.mode).toBe('hybrid');
    const top = result.hits[0]!;
    expect(top.citation).toMatchObject({ documentTitle: 'Account help', section: 'Account help', chunkIndex: 0 });
    expect(top.scores.vector).not.toBeNull();
    const opened = engine.knowledge.document(top.citation.documentId);
    expect(opened.chunks.find((c) => c.id === top.citation.chunkId)?.text).toContain('Forgot password');
  });

  it('applies the intent filter (refund_request → returns, billing, policies)', async () => {
    const result = await engine.knowledge.search('how many days do I have to send something back', { intent: 'refund_request', limit: 1 });
    expect(result.categories).toEqual(['returns', 'billing', 'policies']);
    expect(result.filterFellBack).toBe(false);
    expect(result.hits.map((h) => h.category)).toEqual(['returns']);
  });

  it('falls back to every category when the filter leaves too little', async () => {
    const result = await engine.knowledge.search('when will my parcel arrive', { intent: 'refund_request', limit: 3 });
    expect(result.filterFellBack).toBe(true);
    expect(result.hits).toHaveLength(3);
    expect(result.hits.map((h) => h.citation.documentTitle)).toContain('Shipping');
  });

  it('reports matched terms for highlighting and keeps at most the requested top 3', async () => {
    const result = await engine.knowledge.search('kettle capacity litres', {});
    expect(result.hits.length).toBeLessThanOrEqual(3);
    expect(result.hits[0]!.citation.documentTitle).toBe('Electric kettle');
    expect(result.hits[0]!.matchedTerms).toEqual(expect.arrayContaining(['kettle', 'litres']));
  });

  it('treats FTS syntax in customer text as plain words', async () => {
    const result = await engine.knowledge.search('refund" OR NEAR(( * -- ', { limit: 3 });
    expect(result.hits.length).toBeGreaterThan(0);
  });
});

describe('model switch', () => {
  it('re-embeds in the background while search keeps answering from the old index, then swaps', async () => {
    const dir = tempDir();
    const e = openEngine({ dataDir: dir, clock: new FixedClock(), embedder: hashEmbedder({ id: 'test:old', dimension: 32 }) });
    try {
      await e.knowledgeReady;
      const folder = tempDir();
      for (let i = 0; i < 20; i++) writeFileSync(join(folder, `d${i}.md`), `# Doc ${i}\n\nWarranty claims for item ${i}.`);
      await e.knowledge.startImport([folder]).done;
      const switching = e.knowledge.switchEmbedder(hashEmbedder({ id: 'test:new', dimension: 48, delayMs: 20 }));
      const during = await e.knowledge.search('warranty claims', { limit: 3 });
      expect(during.hits).toHaveLength(3);
      expect(e.knowledge.status()).toMatchObject({ embedderId: 'test:old', dimension: 32, reindex: { embedderId: 'test:new' } });
      await switching;
      expect(e.knowledge.status()).toMatchObject({ embedderId: 'test:new', dimension: 48, reindex: null, vectors: 20 });
      expect(e.db.prepare(`SELECT embedder_id, dimension, state FROM knowledge_indexes ORDER BY generation`).all()).toEqual([
        { embedder_id: 'test:old', dimension: 32, state: 'retired' },
        { embedder_id: 'test:new', dimension: 48, state: 'active' },
      ]);
      expect((await e.knowledge.search('warranty claims', { limit: 3 })).hits).toHaveLength(3);
    } finally {
      e.close();
    }
  });

  it('seeds the demo workspace with policy sections and one product page per catalogue product', async () => {
    const e = openEngine({ dataDir: tempDir(), clock: new FixedClock(), embedder: hashEmbedder(), seedDemo: true });
    try {
      await e.knowledgeReady;
      const report = await e.knowledge.ensureDemoIndexed();
      expect(report?.failed).toBe(0);
      const docs = e.knowledge.documents();
      const products = e.commerce.listProducts(e.workspace.id);
      expect(docs.filter((d) => d.category === 'products')).toHaveLength(products.length);
      expect(new Set(docs.map((d) => d.category))).toEqual(new Set(['policies', 'orders', 'returns', 'products']));
      const page = docs.find((d) => d.title === products[0]!.name)!;
      expect(e.knowledge.document(page.id).body).toContain(products[0]!.variants[0]!.itemId);
    } finally {
      e.close();
    }
  });
});
