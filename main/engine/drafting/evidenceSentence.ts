import type { DraftEvidence } from './types.js';

const STOP = new Set(
  'a an and are as at be been but by can do does for from has have how i if in is it its my me of on or our so that the their this to was we what when where which will with you your'.split(' '),
);

/**
 * Words that make a sentence lean on the one before it: quoted alone, it reads as a fragment of a
 * thought ("So you must…", "Otherwise it is…", "In particular, …").
 */
const CONNECTIVE =
  /^(?:(?:and|but|or|nor|so|yet|also|then|thus|hence|therefore|however|otherwise|instead|moreover|furthermore|additionally|besides|meanwhile|likewise|similarly|alternatively|consequently|finally|lastly|in (?:particular|addition|contrast|that case|this case|other words|short|general)|for (?:example|instance)|as (?:such|a result|well)|that said|even so|on the other hand)\b|e\.g\.|i\.e\.)/i;
/** Sentences that point back at something the reader has not seen; quoted only when nothing better matches. */
const ANAPHORIC = /^(?:this|that|these|those|it|they|such|here|there|the (?:above|following|former|latter))\b/i;
/** A leading label that is not part of the sentence itself. */
const LABEL = /^(?:note|notes|important|tip|warning|caution|reminder|n\.b\.)\s*[:—–-]\s*/i;
/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|approx|incl|mr|mrs|ms|dr|jr|sr|inc|ltd|dept|ref)\.$/i;
/** An initial ("J. Smith", "U.S."). */
const INITIAL = /\b[A-Z]\.$/;
/** A list item: bullet, number or letter marker. */
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)]|[a-z][.)])\s+/i;
const MIN_LENGTH = 25;
const MIN_WORDS = 5;

function normalise(word: string): string {
  const w = word.toLowerCase().replace(/'s$/, '');
  const singular = w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
  // A five-letter prefix groups a word's forms: cancel/cancelled/cancellation, deliver/delivered/delivery.
  return singular.length > 5 ? singular.slice(0, 5) : singular;
}

function keyTerms(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9$]+(?:'[a-z]+)?/g) ?? []).filter((w) => w.length > 1 && !STOP.has(w)).map(normalise));
}

/** Inline markdown reduced to its text: links, images, emphasis, code spans, HTML tags. */
function plainInline(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const endsSentence = (line: string): boolean => /[.!?:;,]["')\]]?$/.test(line);
const startsUpper = (line: string): boolean => /^["'(]?[A-Z0-9]/.test(line);
const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/**
 * The chunk as blocks of running text: markdown headings, rules, tables and code are dropped; each
 * list item is a block of its own (never run into its neighbours); a short line without punctuation
 * that opens a paragraph and is followed by a capitalised line is a heading without markup (as text
 * from a PDF or web page has) and is dropped too.
 */
function blocksOf(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let inCode = false;
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push(paragraph.join(' '));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^\s*(```|~~~)/.test(raw)) {
      inCode = !inCode;
      flush();
      continue;
    }
    if (inCode) continue;
    const trimmed = raw.trim();
    const next = lines[i + 1]?.trim() ?? '';
    if (trimmed === '' || /^#{1,6}(\s|$)/.test(trimmed) || /^([-*_=]\s*){3,}$/.test(trimmed) || trimmed.startsWith('|')) {
      flush();
      continue;
    }
    if (/^(=+|-+)$/.test(next)) {
      // Setext heading: the underline follows.
      flush();
      i++;
      continue;
    }
    let line = plainInline(trimmed.replace(/^(>\s*)+/, ''));
    if (LIST_ITEM.test(line)) {
      flush();
      blocks.push(line.replace(LIST_ITEM, ''));
      continue;
    }
    if (paragraph.length === 0 && !endsSentence(line) && wordCount(line) <= 8 && startsUpper(plainInline(next))) {
      continue; // a heading run in above its paragraph
    }
    line = line.trim();
    if (line) paragraph.push(line);
  }
  flush();
  return blocks;
}

function splitSentences(block: string): string[] {
  const parts: string[] = [];
  let start = 0;
  const boundary = /[.!?]["')\]]?(?=\s+["'(]?[A-Z0-9])/g;
  for (let match = boundary.exec(block); match; match = boundary.exec(block)) {
    const end = match.index + match[0].length;
    const upToStop = block.slice(start, match.index + 1);
    if (match[0].startsWith('.') && (ABBREVIATION.test(upToStop) || INITIAL.test(upToStop))) continue;
    parts.push(block.slice(start, end).trim());
    start = end;
  }
  parts.push(block.slice(start).trim());
  return parts.filter(Boolean);
}

/** Removes a heading that ran into the sentence ("Cancel pending order An order can only…"). */
function withoutRunInHeading(sentence: string, headings: readonly string[]): string {
  for (const heading of headings) {
    const h = heading.trim();
    if (h.length < 3 || sentence.length <= h.length + 1) continue;
    if (sentence.slice(0, h.length).toLowerCase() === h.toLowerCase() && /^[\s:—–-]+["'(]?[A-Z]/.test(sentence.slice(h.length))) {
      return sentence.slice(h.length).replace(/^[\s:—–-]+/, '');
    }
  }
  return sentence;
}

/** Balanced quotes and brackets: a sentence cut from a longer quotation is not one to quote. */
function balanced(sentence: string): boolean {
  const count = (re: RegExp): number => (sentence.match(re) ?? []).length;
  return count(/\(/g) === count(/\)/g) && count(/\[/g) === count(/]/g) && count(/"/g) % 2 === 0 && count(/[“]/g) === count(/[”]/g);
}

/** A sentence that can stand on its own in a reply: capitalised, finished, not a list intro, not a connective. */
export function isQuotable(sentence: string): boolean {
  return (
    sentence.length >= MIN_LENGTH &&
    wordCount(sentence) >= MIN_WORDS &&
    /^["'“(]?[A-Z0-9$]/.test(sentence) &&
    /[.!?]["'”)]?$/.test(sentence) &&
    !CONNECTIVE.test(sentence.replace(/^["'“(]/, '')) &&
    balanced(sentence)
  );
}

/**
 * The complete sentences of a chunk, in order: markdown headings, list markers, emphasis and labels
 * ("Note:") removed, a heading that ran into its first sentence cut off, and fragments (list items
 * without a verb's full stop, lines that introduce a list, sentences that open with a connective or a
 * lowercase letter) left out.
 */
export function sentencesOf(text: string, headings: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const block of blocksOf(text)) {
    for (const part of splitSentences(block)) {
      const sentence = withoutRunInHeading(part.replace(LABEL, ''), headings).replace(LABEL, '').trim();
      if (isQuotable(sentence)) out.push(sentence);
    }
  }
  return out;
}

function capped(sentence: string, maxLength: number): string {
  if (sentence.length <= maxLength) return sentence;
  const cut = sentence.slice(0, maxLength - 1);
  // End at a clause if one closes late enough to keep most of the sentence, else at a word.
  const clause = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf('; '));
  const end = clause >= maxLength * 0.6 ? clause : cut.lastIndexOf(' ');
  return `${cut.slice(0, end).replace(/[\s,;:—–-]+$/, '')}…`;
}

/**
 * The sentence of an evidence chunk to quote in a reply: among its complete sentences, the one that
 * shares most key terms with the customer's message and the intent (word forms grouped, each term
 * counted once). A sentence that leans on an earlier one ("This action…") is taken only when it
 * matches better than any other; one longer than maxLength only when nothing shorter matches as well.
 * Ties go to the earlier sentence, which in policy text is usually the rule itself. Null when the
 * chunk has no sentence that can stand on its own (no quote beats an awkward one).
 */
export function bestEvidenceSentence(evidence: DraftEvidence, query: string, maxLength = 240): string | null {
  const wanted = keyTerms(query);
  const headings = [evidence.section, evidence.title, evidence.title.split(':').at(-1) ?? ''].filter((h) => h.trim().length > 0);
  let best: { sentence: string; score: number } | null = null;
  for (const sentence of sentencesOf(evidence.text, headings)) {
    const matched = [...keyTerms(sentence)].filter((t) => wanted.has(t)).length;
    const score = matched - (ANAPHORIC.test(sentence) ? 0.5 : 0) - (sentence.length > maxLength ? 0.75 : 0);
    if (!best || score > best.score) best = { sentence, score };
  }
  return best ? capped(best.sentence, maxLength) : null;
}
