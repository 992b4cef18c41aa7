/** Sentence spans of a draft, so a finding can offer "remove this sentence" with exact offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let begin = 0;
  const push = (end: number): void => {
    const raw = text.slice(begin, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) spans.push({ start: begin + lead, end: begin + lead + trimmed.length, text: trimmed });
    begin = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      push(i);
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    // "$54.04", "3.5" and "e.g." do not end a sentence: a terminator must be followed by space or the end.
    let end = i + 1;
    while (end < text.length && /[.!?"')\]]/.test(text[end]!)) end++;
    const citation = /^\s*\[\d+\](?:\s*\[\d+\])*/.exec(text.slice(end));
    if (citation) end += citation[0].length;
    if (end < text.length && !/\s/.test(text[end]!)) continue;
    push(end);
    i = end - 1;
  }
  push(text.length);
  return spans;
}

export function sentenceAt(spans: readonly Span[], offset: number): Span {
  return spans.find((s) => offset >= s.start && offset < s.end) ?? spans.at(-1) ?? { start: offset, end: offset, text: '' };
}

/** Removal span of a sentence including the whitespace after it, so no double spaces are left. */
export function removalOf(text: string, span: Span): { start: number; end: number } {
  let end = span.end;
  while (end < text.length && /\s/.test(text[end]!)) end++;
  return { start: span.start, end };
}
