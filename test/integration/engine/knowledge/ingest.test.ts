import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import type { ImportFileReport } from '../../../../main/engine/knowledge/types.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';
import { tempDir } from '../../../support/tempDir.js';
import { tinyPdf } from '../../../support/tinyPdf.js';

let engine: Engine | null = null;
afterEach(() => {
  engine?.close();
  engine = null;
});

async function open(embedder = hashEmbedder()): Promise<Engine> {
  engine = openEngine({ dataDir: tempDir(), clock: new FixedClock(), embedder });
  await engine.knowledgeReady;
  return engine;
}

function byName(files: readonly ImportFileReport[], name: string): ImportFileReport {
  const found = files.find((f) => f.path.endsWith(`/${name}`));
  if (!found) throw new Error(`no report for ${name}`);
  return found;
}

/** Every document has exactly its chunk_count chunks, each with one BM25 row and one vector. */
function assertWholeDocuments(e: Engine): void {
  const broken = e.db
    .prepare(
      `SELECT d.id FROM knowledge_documents d
       WHERE d.chunk_count != (SELECT count(*) FROM knowledge_chunks c WHERE c.document_id = d.id)
          OR d.chunk_count != (SELECT count(*) FROM knowledge_chunks c JOIN knowledge_fts f ON f.rowid = c.id WHERE c.document_id = d.id)
          OR d.chunk_count != (SELECT count(*) FROM knowledge_chunks c JOIN knowledge_vectors v ON v.chunk_id = c.id WHERE c.document_id = d.id)`,
    )
    .all();
  expect(broken).toEqual([]);
}

describe('knowledge ingest', () => {
  it('imports Markdown (front matter), text, HTML, PDF and JSON articles with categories and heading paths', async () => {
    const e = await open();
    const dir = tempDir();
    mkdirSync(join(dir, 'shipping'));
    writeFileSync(join(dir, 'returns.md'), '---\ntitle: Returns policy\ncategory: Returns\nlast_updated: 2020-01-01\n---\n# Returns\n\n## Window\n\nItems can be returned within 30 days of delivery.\n');
    writeFileSync(join(dir, 'shipping', 'times.txt'), 'Standard shipping takes 3 to 5 business days.\n');
    writeFileSync(join(dir, 'page.html'), '<html><head><title>Warranty</title><script>alert(1)</script></head><body><h2>Coverage</h2><p>Every blender has a two year warranty.</p></body></html>');
    writeFileSync(join(dir, 'manual.pdf'), tinyPdf(['Pressure cooker manual.', 'Never open the lid while the cooker is under pressure.']));
    writeFileSync(join(dir, 'article.json'), JSON.stringify({ id: 'doc_fees_001', title: 'Overdraft fees', content: '## Fees\n\nAn overdraft costs $35 per item.' }));

    const report = await e.knowledge.startImport([dir]).done;
    expect(report.failed).toBe(0);
    expect(report.imported).toBe(5);
    const docs = e.knowledge.documents();
    const find = (title: string) => docs.find((d) => d.title === title)!;
    expect(find('Returns policy')).toMatchObject({ category: 'returns', format: 'markdown', stale: true, lastUpdated: Date.parse('2020-01-01') });
    expect(find('times')).toMatchObject({ category: 'shipping', format: 'text', stale: false });
    expect(find('Warranty')).toMatchObject({ format: 'html', category: 'general' });
    expect(find('Overdraft fees')).toMatchObject({ format: 'json', sourceKey: 'article:doc_fees_001' });
    const pdf = docs.find((d) => d.format === 'pdf')!;
    expect(e.knowledge.document(pdf.id).body).toContain('Never open the lid');
    const html = e.knowledge.document(find('Warranty').id);
    expect(html.body).not.toContain('alert');
    expect(html.chunks[0]!.headingPath).toEqual(['Coverage']);
    expect(e.knowledge.document(find('Returns policy').id).chunks[0]!.headingPath).toEqual(['Returns']);
    assertWholeDocuments(e);

    const result = await e.knowledge.search('how long does shipping take', { limit: 3 });
    expect(result.hits[0]!.citation.documentTitle).toBe('times');
  });

  it('uses the import category over front matter and folder names', async () => {
    const e = await open();
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), '---\ncategory: returns\n---\nSome text about refunds.');
    await e.knowledge.startImport([dir], { category: 'Billing' }).done;
    expect(e.knowledge.documents()[0]!.category).toBe('billing');
  });

  it('skips unchanged files by content hash and replaces the chunks of a changed file', async () => {
    const e = await open();
    const dir = tempDir();
    const file = join(dir, 'faq.md');
    writeFileSync(file, '# FAQ\n\nOld answer about gift cards.');
    const first = await e.knowledge.startImport([file]).done;
    const again = await e.knowledge.startImport([file]).done;
    expect(byName(again.files, 'faq.md').status).toBe('unchanged');
    writeFileSync(file, `# FAQ\n\nNew answer about store credit.\n\n${'More detail. '.repeat(60)}`);
    const changed = await e.knowledge.startImport([file]).done;
    expect(byName(changed.files, 'faq.md')).toMatchObject({ status: 'updated' });
    expect(e.knowledge.documents()).toHaveLength(1);
    const doc = e.knowledge.documents()[0]!;
    expect(byName(first.files, 'faq.md').status).toBe('imported');
    expect(doc.chunkCount).toBeGreaterThan(1);
    const old = await e.knowledge.search('gift cards', { limit: 5, mode: 'lexical' });
    expect(old.hits).toEqual([]);
    assertWholeDocuments(e);
  });

  it('reports each bad input with a clear reason and imports the good files beside them', async () => {
    const e = await open();
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'blank.txt'), '   \n\n ');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0x00, 0x01]));
    writeFileSync(join(dir, 'huge.txt'), '');
    truncateSync(join(dir, 'huge.txt'), 200 * 1024 * 1024); // sparse: 200 MB on paper, nothing read
    writeFileSync(join(dir, 'scan.pdf'), tinyPdf([]));
    writeFileSync(join(dir, 'fake.pdf'), 'not a pdf at all');
    writeFileSync(join(dir, 'broken.html'), '<html><body><div><p>Unclosed <b>bold text about exchanges<div></span>');
    writeFileSync(join(dir, 'script-only.html'), '<html><script>var a = 1;</script></html>');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 cr\xe8me returns are accepted.', 'latin1'));
    writeFileSync(join(dir, 'bad.json'), '{"title": "no id"}');
    writeFileSync(join(dir, 'good.md'), '# Good\n\nA perfectly fine document about exchanges.');
    writeFileSync(join(dir, 'copy-of-good.md'), '# Good\n\nA perfectly fine document about exchanges.');

    const report = await e.knowledge.startImport([dir, join(dir, 'missing.md')]).done;
    expect(byName(report.files, 'empty.md')).toMatchObject({ status: 'failed', message: 'The file is empty.' });
    expect(byName(report.files, 'blank.txt').message).toMatch(/only whitespace/);
    expect(byName(report.files, 'binary.txt').message).toMatch(/binary data/);
    expect(byName(report.files, 'huge.txt').message).toMatch(/200 MB.*over 50 MB/);
    expect(byName(report.files, 'scan.pdf').message).toMatch(/no text layer.*OCR/);
    expect(byName(report.files, 'fake.pdf').message).toMatch(/not a PDF/);
    expect(byName(report.files, 'broken.html').status).toBe('imported');
    expect(byName(report.files, 'script-only.html').message).toMatch(/no readable text/);
    expect(byName(report.files, 'latin1.txt')).toMatchObject({ status: 'imported', message: expect.stringMatching(/not valid UTF-8.*Windows-1252/) });
    expect(byName(report.files, 'bad.json').message).toMatch(/"id", "title" and "content"/);
    const good = byName(report.files, 'good.md');
    const copy = byName(report.files, 'copy-of-good.md');
    expect([good.status, copy.status].sort()).toEqual(['duplicate', 'imported']);
    expect(byName(report.files, 'missing.md').message).toMatch(/does not exist/);
    const latin = e.knowledge.documents().find((d) => d.title === 'latin1')!;
    expect(e.knowledge.document(latin.id).body).toContain('Café crème');
    assertWholeDocuments(e);
  });

  it('cancels half way: finished files stay whole, the rest are reported cancelled, search still works', async () => {
    const e = await open(hashEmbedder({ delayMs: 40 }));
    const dir = tempDir();
    for (let i = 0; i < 30; i++) writeFileSync(join(dir, `doc${String(i).padStart(2, '0')}.md`), `# Doc ${i}\n\n${`Paragraph about order ${i}. `.repeat(80)}`);
    const task = e.knowledge.startImport([dir]);
    const progress: number[] = [];
    e.events.subscribe((event) => {
      if (event.type === 'progress' && event.taskId === task.taskId) {
        progress.push(event.done);
        if (event.done === 3) e.knowledge.cancelImport(task.taskId);
      }
    });
    const report = await task.done;
    expect(report.cancelled).toBe(true);
    expect(report.files).toHaveLength(30);
    expect(report.imported).toBeGreaterThanOrEqual(3);
    expect(report.imported).toBeLessThan(30);
    expect(report.files.filter((f) => f.status === 'cancelled').length).toBe(30 - report.imported);
    expect(e.knowledge.documents()).toHaveLength(report.imported);
    assertWholeDocuments(e);
    expect((await e.knowledge.search('order 1', { limit: 3 })).hits.length).toBeGreaterThan(0);
  });

  it('emits progress with files, chunks, embeddings and ETA', async () => {
    const e = await open();
    const dir = tempDir();
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `f${i}.txt`), `File ${i} ${'words '.repeat(200)}`);
    const details: Record<string, number>[] = [];
    e.events.subscribe((event) => {
      if (event.type === 'progress' && event.kind === 'knowledge.import' && event.detail) details.push({ ...event.detail });
    });
    await e.knowledge.startImport([dir]).done;
    const last = details.at(-1)!;
    expect(last).toMatchObject({ files: 3, totalFiles: 3, etaSeconds: 0 });
    expect(last.chunks).toBeGreaterThanOrEqual(3);
    expect(last.embeddings).toBe(last.chunks);
  });
});
