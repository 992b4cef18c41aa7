/** Pieces of a text with the words that start with a matched search term marked, for <mark> rendering. */
export interface TextPiece {
  readonly text: string;
  readonly hit: boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The engine reports matched terms lower-cased as the query spelled them ("refund"); the chunk may say
 * "Refunds". A word is marked when it starts with a term, so inflections light up but "art" does not
 * mark the middle of "start".
 */
export function highlightPieces(text: string, terms: readonly string[]): TextPiece[] {
  const usable = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (usable.length === 0 || !text) return [{ text, hit: false }];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${usable.map(escape).join('|')})[\\p{L}\\p{N}]*`, 'giu');
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (start > last) pieces.push({ text: text.slice(last, start), hit: false });
    pieces.push({ text: match[0], hit: true });
    last = start + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), hit: false });
  return pieces;
}

/**
 * A window of about `max` characters around the first matched term, cut at word boundaries, so a
 * narrow panel shows the sentence that made the chunk relevant rather than its first line.
 */
export function snippetAround(text: string, terms: readonly string[], max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const lower = flat.toLowerCase();
  const positions = terms.map((t) => lower.indexOf(t.toLowerCase())).filter((p) => p >= 0);
  const first = positions.length > 0 ? Math.min(...positions) : 0;
  let start = Math.max(0, first - Math.floor(max / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + max);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    end = space > start ? space : end;
  }
  return `${start > 0 ? '… ' : ''}${flat.slice(start, end)}${end < flat.length ? ' …' : ''}`;
}

/** Chunk text as a reader sees it: Markdown heading marks, emphasis and code ticks removed. */
export function readableText(text: string): string {
  return text
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
