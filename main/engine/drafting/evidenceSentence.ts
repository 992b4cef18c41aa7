import type { DraftEvidence } from './types.js';

const STOP = new Set(
  'a an and are as at be been but by can do does for from has have how i if in is it its my me of on or our so that the their this to was we what when where which will with you your'.split(' '),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9$]+/g) ?? []).filter((w) => w.length > 1 && !STOP.has(w));
}

/** Sentences of a chunk without markdown headings, bullets or emphasis, long enough to say something. */
export function sentencesOf(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .map((line) => line.replace(/^\s*[-*>\d.]+\s+/, '').replace(/[*_`]/g, '').trim())
    .join(' ')
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 25 && /[a-z]/i.test(s));
}

/**
 * The sentence of the top evidence chunk that shares most words with the customer's message and the
 * intent (ties go to the earlier sentence, which in policy text is usually the rule itself).
 */
export function bestEvidenceSentence(evidence: DraftEvidence, query: string, maxLength = 240): string | null {
  const wanted = new Set(words(query));
  let best: { sentence: string; score: number } | null = null;
  for (const sentence of sentencesOf(evidence.text)) {
    const score = words(sentence).filter((w) => wanted.has(w)).length;
    if (!best || score > best.score) best = { sentence, score };
  }
  if (!best) return null;
  if (best.sentence.length <= maxLength) return best.sentence;
  const cut = best.sentence.slice(0, maxLength);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
