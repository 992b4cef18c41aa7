import { describe, expect, it } from 'vitest';
import { chunkDocument, splitRecursive, CHUNK_OVERLAP, CHUNK_SIZE, SEPARATORS } from '../../../../main/engine/knowledge/chunker.js';

const sentence = (i: number): string => `Sentence number ${String(i).padStart(2, '0')} is here`;

describe('seed chunking rules', () => {
  it('uses 500 characters, overlap 50 and the separators ## / ### / blank line / newline / sentence, in that order', () => {
    expect(CHUNK_SIZE).toBe(500);
    expect(CHUNK_OVERLAP).toBe(50);
    expect(SEPARATORS).toEqual(['\n## ', '\n### ', '\n\n', '\n', '. ']);
  });

  it('keeps a short document as one trimmed chunk', () => {
    expect(splitRecursive('  Returns are accepted within 30 days.  ')).toEqual(['Returns are accepted within 30 days.']);
  });

  it('splits at level-2 headings first and keeps each heading at the start of its chunk', () => {
    const a = 'Intro line.\n' + 'a'.repeat(300);
    const b = '## Refunds\n' + 'b'.repeat(300);
    const c = '## Shipping\n' + 'c'.repeat(300);
    expect(splitRecursive(`${a}\n${b}\n${c}`)).toEqual([a, b, c]);
  });

  it('merges small sections up to 500 characters instead of one chunk per heading', () => {
    const text = ['## One\nshort', '## Two\nshort', '## Three\nshort'].join('\n');
    expect(splitRecursive(text)).toEqual([text]);
  });

  it('falls through to paragraphs, then lines, then sentences when a piece is still over 500', () => {
    const paragraphs = ['p'.repeat(300), 'q'.repeat(300)].join('\n\n');
    expect(splitRecursive(paragraphs)).toEqual(['p'.repeat(300), 'q'.repeat(300)]);
    const lines = ['x'.repeat(300), 'y'.repeat(300)].join('\n');
    expect(splitRecursive(lines)).toEqual(['x'.repeat(300), 'y'.repeat(300)]);
  });

  it('splits long prose at ". ", never exceeds 500 characters, and carries at most 50 characters over', () => {
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join('. ');
    const chunks = splitRecursive(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(500);
    // Each piece is ". Sentence number NN is here" (28 characters): one fits in the 50-character overlap, two do not.
    for (let i = 1; i < chunks.length; i++) {
      const lastOfPrevious = chunks[i - 1]!.split('. ').at(-1)!;
      expect(chunks[i]!.startsWith(`. ${lastOfPrevious}`) || chunks[i]!.startsWith(lastOfPrevious)).toBe(true);
      expect(chunks[i]!.split('. ').filter(Boolean)[0]).toBe(lastOfPrevious);
    }
    // Every sentence survives.
    for (let i = 0; i < 40; i++) expect(chunks.some((c) => c.includes(sentence(i)))).toBe(true);
  });

  it('cuts a piece with no separator at all every 500 characters', () => {
    const chunks = splitRecursive('z'.repeat(1200));
    expect(chunks.map((c) => c.length)).toEqual([500, 500, 200]);
  });

  it('gives each chunk its index, offset and the heading path in effect where it starts', () => {
    const text = [
      '# Returns policy',
      'Intro.',
      '## Eligibility',
      'e'.repeat(450),
      '### Exceptions',
      'x'.repeat(450),
      '## Refund timing',
      'Refunds take 5 to 7 business days.',
    ].join('\n');
    const chunks = chunkDocument(text);
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
    for (const chunk of chunks) expect(text.slice(chunk.offset, chunk.offset + chunk.text.length)).toBe(chunk.text);
    const paths = chunks.map((c) => c.headingPath.join(' › '));
    expect(paths[0]).toBe('Returns policy');
    expect(paths).toContain('Returns policy › Eligibility');
    expect(paths).toContain('Returns policy › Eligibility › Exceptions');
    expect(paths.at(-1)).toBe('Returns policy › Refund timing');
  });
});
