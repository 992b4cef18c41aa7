import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcesFromPaths } from '../../../main/engine/knowledge/importSources.js';
import { tempDir } from '../../support/tempDir.js';

function bigFolder(files: number): string {
  const root = tempDir('tandem-walk');
  for (let d = 0; d < 10; d += 1) {
    mkdirSync(join(root, `part${d}`));
    for (let f = 0; f < files / 10; f += 1) writeFileSync(join(root, `part${d}`, `article-${f}.md`), `# Article ${f}\n`);
  }
  return root;
}

describe('security: a large folder import does not freeze the host', () => {
  it('walks asynchronously, yielding to other requests, and reports progress', async () => {
    const root = bigFolder(2_000);
    const progress: number[] = [];
    let settled = false;
    const walking = sourcesFromPaths([root], { onProgress: (seen) => progress.push(seen) }).then((s) => ((settled = true), s));
    let turns = 0;
    while (!settled && turns < 10_000) {
      await new Promise((resolve) => setImmediate(resolve));
      turns += 1;
    }
    const sources = await walking;
    expect(turns).toBeGreaterThan(5);
    expect(sources).toHaveLength(2_000);
    expect(progress.length).toBeGreaterThan(5);
  });

  it('stops at the file cap and says what was left out', async () => {
    const root = bigFolder(100);
    const sources = await sourcesFromPaths([root], { maxFiles: 25 });
    expect(sources.filter((s) => !s.refusal)).toHaveLength(25);
    expect(sources.at(-1)?.refusal).toMatch(/Only the first 25 files/);
  });
});
