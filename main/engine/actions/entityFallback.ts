import type { PersonName, ProposalEntities } from './proposalContext.js';

/**
 * A minimal entity extractor used only when the router's entities are not available (the CLI
 * evaluation, or a conversation the router has not seen). Regular expressions, no model.
 */
const ORDER_ID = /#?\b(W\d{7})\b/gi;
const EMAIL = /\b[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b/gi;
const ZIP_WITH_LABEL = /\bzip(?:\s*code)?\s*(?:is|:|of)?\s*(\d{5})\b/i;
// Five digits not part of a longer number, an amount ($12345, 12,345.00) or an id.
const FIVE_DIGITS = /(?<!\d|[$#]|\d[.,])\b(\d{5})\b(?!\d|[.,]\d)/g;
const AMOUNT = /\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/g;
// Cue words in either case, the name itself capitalised ("I'm Yusuf Rossi", "you are Ethan Garcia").
const NAME_CUE = /\b(?:[Ii] am|[Ii]'m|[Mm]y name is|[Nn]ame's|[Nn]ame is|[Tt]his is|[Yy]ou are|[Yy]ou're|[Cc]alled)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b/g;
// Words that follow "I am" without being a name ("I am Very Upset").
const NOT_NAMES = new Set(['Very', 'So', 'Not', 'Really', 'Just', 'Still', 'Calling', 'Writing', 'Looking', 'Trying', 'The', 'A', 'An', 'In', 'At', 'From']);

export function fallbackEntities(text: string): ProposalEntities {
  const orderIds = unique([...text.matchAll(ORDER_ID)].map((m) => `#${m[1]!.toUpperCase()}`));
  const emails = unique([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()));
  const names: PersonName[] = [];
  for (const m of text.matchAll(NAME_CUE)) {
    const [first, last] = [m[1]!, m[2]!];
    if (NOT_NAMES.has(first) || NOT_NAMES.has(last)) continue;
    if (!names.some((n) => n.first === first && n.last === last)) names.push({ first, last });
  }
  const labelled = ZIP_WITH_LABEL.exec(text)?.[1];
  const textWithoutIds = text.replace(ORDER_ID, ' ').replace(EMAIL, ' ');
  const zip = labelled ?? [...textWithoutIds.matchAll(FIVE_DIGITS)].map((m) => m[1]!).at(-1) ?? null;
  const amountsCents = [...text.matchAll(AMOUNT)].map((m) => Number(m[1]!.replaceAll(',', '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0')));
  return { orderIds, emails, names, zip, amountsCents };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
