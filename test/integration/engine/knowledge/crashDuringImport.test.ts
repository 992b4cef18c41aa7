import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../../../main/engine/index.js';
import { hashEmbedder } from '../../../support/hashEmbedder.js';
import { tempDir } from '../../../support/tempDir.js';

const child = fileURLToPath(new URL('../../../support/importChild.ts', import.meta.url));

describe('a crash during an import', () => {
  it('kill -9 half way leaves only whole documents, and re-importing completes the rest', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    for (let i = 0; i < 40; i++) writeFileSync(join(folder, `a${String(i).padStart(2, '0')}.md`), `# Article ${i}\n\n${`Policy text number ${i}. `.repeat(120)}`);

    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (data: Buffer) => {
        if (/committed [3-9]/.test(data.toString())) {
          proc.kill('SIGKILL');
          resolve();
        }
      });
      proc.on('exit', () => resolve());
      proc.on('error', reject);
    });
    await new Promise((resolve) => proc.once('exit', resolve).once('close', resolve));
    expect(proc.signalCode).toBe('SIGKILL');

    const engine = openEngine({ dataDir, embedder: hashEmbedder({ dimension: 64 }) });
    try {
      await engine.knowledgeReady;
      const docs = engine.knowledge.documents();
      expect(docs.length).toBeGreaterThanOrEqual(3);
      expect(docs.length).toBeLessThan(40);
      const broken = engine.db
        .prepare(
          `SELECT d.id FROM knowledge_documents d
           WHERE d.chunk_count != (SELECT count(*) FROM knowledge_chunks c WHERE c.document_id = d.id)
              OR d.chunk_count != (SELECT count(*) FROM knowledge_chunks c JOIN knowledge_vectors v ON v.chunk_id = c.id WHERE c.document_id = d.id)`,
        )
        .all();
      expect(broken).toEqual([]);
      expect((await engine.knowledge.search('policy text', { limit: 3 })).hits).toHaveLength(3);
      const report = await engine.knowledge.startImport([folder]).done;
      expect(report.unchanged).toBe(docs.length);
      expect(report.imported).toBe(40 - docs.length);
    } finally {
      engine.close();
    }
  }, 60_000);
});
