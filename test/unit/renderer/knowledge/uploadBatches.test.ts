import { describe, expect, it } from 'vitest';
import { base64Length, MAX_UPLOAD_BYTES, planUploadBatches } from '../../../../renderer/src/features/knowledge/uploadBatches.js';

describe('planUploadBatches', () => {
  it('keeps small files in one request', () => {
    const plan = planUploadBatches([{ name: 'a.md', size: 1000 }, { name: 'b.md', size: 2000 }]);
    expect(plan.batches).toEqual([[0, 1]]);
    expect(plan.refused).toEqual([]);
  });

  it('splits files into several requests so no request carries more than the cap', () => {
    const files = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.md`, size: 300_000 }));
    const plan = planUploadBatches(files);
    expect(plan.batches.flat()).toEqual([0, 1, 2, 3, 4]);
    for (const batch of plan.batches) {
      expect(batch.reduce((n, i) => n + base64Length(files[i]!.size), 0)).toBeLessThanOrEqual(950_000);
    }
    expect(plan.batches.length).toBe(3);
  });

  it('refuses a file over the cap with a reason and still sends the others', () => {
    const plan = planUploadBatches([{ name: 'small.md', size: 10 }, { name: 'manual.pdf', size: 5_000_000 }, { name: 'other.md', size: 10 }]);
    expect(plan.batches).toEqual([[0, 2]]);
    expect(plan.refused).toHaveLength(1);
    expect(plan.refused[0]!.index).toBe(1);
    expect(plan.refused[0]!.reason).toMatch(/4\.8 MB.*tandem ingest/);
  });

  it('accepts a file exactly at the largest uploadable size and refuses one byte more', () => {
    expect(planUploadBatches([{ name: 'edge.txt', size: MAX_UPLOAD_BYTES }]).refused).toEqual([]);
    expect(planUploadBatches([{ name: 'edge.txt', size: MAX_UPLOAD_BYTES + 1 }]).refused).toHaveLength(1);
  });

  it('starts a new request after the per-request file limit', () => {
    const plan = planUploadBatches(Array.from({ length: 120 }, (_, i) => ({ name: `${i}.md`, size: 10 })));
    expect(plan.batches.map((b) => b.length)).toEqual([50, 50, 20]);
  });
});
