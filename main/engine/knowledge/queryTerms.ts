/** Words that carry no topic in support questions; dropped from BM25 queries and highlight terms. */
const STOPWORDS = new Set(
  `a an and are as at be been but by can could did do does for from had has have he her hers him his how i if in into is it its
  just me my myself no not of on or our ours she so some such than that the their them then there these they this those to too
  us was we were what when where which while who whom why will with would you your yours yourself am also any all about after
  again against before being below between both during each few further here more most other own same should only over under
  until up very off out once now get got want need like know please hi hello thanks thank let im ive dont cant its`.split(/\s+/),
);

/** Distinct lower-case content words of a query, in order of first appearance. */
export function queryTerms(query: string, max = 64): string[] {
  const seen = new Set<string>();
  for (const raw of query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (raw.length < 2 || STOPWORDS.has(raw) || seen.has(raw)) continue;
    seen.add(raw);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/** An FTS5 query that matches any of the terms (each quoted, so customer text can never be FTS syntax). */
export function ftsQuery(terms: readonly string[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term.replace(/"/g, '')}"`).join(' OR ');
}
