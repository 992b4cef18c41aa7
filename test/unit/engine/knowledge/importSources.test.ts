import { describe, expect, it } from 'vitest';
import { sourceFromUpload } from '../../../../main/engine/knowledge/importSources.js';

const bytes = new TextEncoder().encode('# Refunds\n\nText.');

describe('sourceFromUpload', () => {
  it('takes the category from the first folder below an uploaded folder, as for folders on disk', () => {
    const source = sourceFromUpload('help-center/returns/policies/refunds.md', bytes);
    expect(source.folderCategory).toBe('returns');
    expect(source.name).toBe('refunds.md');
    expect(source.label).toBe('help-center/returns/policies/refunds.md');
    expect(source.sourceKey).toBe('upload:help-center/returns/policies/refunds.md');
  });

  it('gives no folder category to a file directly inside the uploaded folder or a single file', () => {
    expect(sourceFromUpload('help-center/refunds.md', bytes).folderCategory).toBeUndefined();
    expect(sourceFromUpload('refunds.md', bytes).folderCategory).toBeUndefined();
    expect(sourceFromUpload('refunds.md', bytes).name).toBe('refunds.md');
  });
});
