/**
 * The seed's chunking rule: recursive splitting, 500 characters, overlap 50, separators
 * "\n## ", "\n### ", "\n\n", "\n", ". " (tried in that order; a separator stays at the start of the
 * piece it introduces, so a section keeps its heading). Pieces are merged back up to 500 characters
 * with up to 50 characters carried over from the previous chunk.
 *
 * One addition to the seed: a piece with none of the separators that is still over 500 characters is
 * cut every 500 characters, so no chunk ever exceeds the limit (the seed's list has no "" fallback).
 */
export const CHUNK_SIZE = 500;
export const CHUNK_OVERLAP = 50;
export const SEPARATORS = ['\n## ', '\n### ', '\n\n', '\n', '. '] as const;

export interface ChunkOptions {
  readonly size?: number;
  readonly overlap?: number;
  readonly separators?: readonly string[];
}

export function splitRecursive(text: string, options: ChunkOptions = {}): string[] {
  const size = options.size ?? CHUNK_SIZE;
  const overlap = options.overlap ?? CHUNK_OVERLAP;
  return splitWith(text, [...(options.separators ?? SEPARATORS)], size, overlap);
}

function splitWith(text: string, separators: string[], size: number, overlap: number): string[] {
  let separator: string | null = null;
  let remaining: string[] = [];
  for (let i = 0; i < separators.length; i++) {
    if (text.includes(separators[i]!)) {
      separator = separators[i]!;
      remaining = separators.slice(i + 1);
      break;
    }
  }
  const pieces = separator === null ? [text] : splitKeepingSeparator(text, separator);
  const chunks: string[] = [];
  let small: string[] = [];
  for (const piece of pieces) {
    if (piece.length < size) {
      small.push(piece);
      continue;
    }
    if (small.length > 0) {
      chunks.push(...mergePieces(small, size, overlap));
      small = [];
    }
    if (remaining.length > 0) chunks.push(...splitWith(piece, remaining, size, overlap));
    else chunks.push(...hardCut(piece.trim(), size));
  }
  if (small.length > 0) chunks.push(...mergePieces(small, size, overlap));
  return chunks;
}

/** "a\n## b\n## c" → ["a", "\n## b", "\n## c"]: the separator starts the piece it introduces. */
function splitKeepingSeparator(text: string, separator: string): string[] {
  const parts = text.split(separator);
  const pieces = [parts[0]!, ...parts.slice(1).map((part) => separator + part)];
  return pieces.filter((piece) => piece.length > 0);
}

/** Greedy merge up to `size`, then drop pieces from the front until at most `overlap` is carried over. */
function mergePieces(pieces: string[], size: number, overlap: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let total = 0;
  for (const piece of pieces) {
    if (total + piece.length > size && current.length > 0) {
      const chunk = current.join('').trim();
      if (chunk) chunks.push(chunk);
      while (total > overlap || (total + piece.length > size && total > 0)) {
        total -= current[0]!.length;
        current = current.slice(1);
      }
    }
    current.push(piece);
    total += piece.length;
  }
  const last = current.join('').trim();
  if (last) chunks.push(last);
  return chunks;
}

function hardCut(text: string, size: number): string[] {
  const out: string[] = [];
  for (let start = 0; start < text.length; start += size) {
    const piece = text.slice(start, start + size).trim();
    if (piece) out.push(piece);
  }
  return out;
}

export interface Chunk {
  readonly index: number;
  readonly text: string;
  /** Markdown headings in effect where the chunk starts, outermost first. */
  readonly headingPath: readonly string[];
  /** Character offset of the chunk in the document text, for opening the document at a citation. */
  readonly offset: number;
}

interface Heading {
  readonly offset: number;
  readonly level: number;
  readonly text: string;
}

/** Splits a document and attaches to each chunk its offset and the heading path in effect there. */
export function chunkDocument(text: string, options: ChunkOptions = {}): Chunk[] {
  const headings = findHeadings(text);
  const pieces = splitRecursive(text, options);
  let searchFrom = 0;
  return pieces.map((piece, index) => {
    const found = text.indexOf(piece, searchFrom);
    const offset = found >= 0 ? found : searchFrom;
    searchFrom = offset + 1;
    return { index, text: piece, offset, headingPath: headingPathAt(headings, offset) };
  });
}

function findHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  const pattern = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    headings.push({ offset: match.index, level: match[1]!.length, text: match[2]!.trim() });
  }
  return headings;
}

function headingPathAt(headings: readonly Heading[], offset: number): string[] {
  const stack: Heading[] = [];
  for (const heading of headings) {
    if (heading.offset > offset) break;
    while (stack.length > 0 && stack.at(-1)!.level >= heading.level) stack.pop();
    stack.push(heading);
  }
  return stack.map((heading) => heading.text);
}
