import type { Database } from '../store/database.js';

/**
 * How many chunks contain each query term, read from the BM25 index itself (an fts5vocab view), so a
 * BM25 query can leave out the terms that would make it score most of the index.
 *
 * FTS5 stores porter stems ("damaged" → "damag"), so a query word is first run through the same
 * tokenizer: it is written to a one-row FTS5 table in the connection's temp schema and read back from
 * that table's instance vocabulary. Stems never change, so each word is tokenized once per connection.
 */
export class TermStatistics {
  private ready = false;
  private readonly stems = new Map<string, string | null>();

  constructor(private readonly db: Database) {}

  /**
   * Chunks (rows of knowledge_fts) containing each term; 0 for a term the index does not hold. A term
   * the tokenizer splits into several tokens has no single count and is absent from the map.
   */
  documentFrequencies(terms: readonly string[]): Map<string, number> {
    this.prepare();
    const stems = this.stemsOf(terms);
    const wanted = [...new Set([...stems.values()].filter((s): s is string => s !== null))];
    const df = new Map<string, number>();
    if (wanted.length > 0) {
      const rows = this.db.prepare('SELECT term, doc FROM temp.knowledge_fts_terms WHERE term IN (SELECT value FROM json_each(?))').all(JSON.stringify(wanted)) as {
        term: string;
        doc: number;
      }[];
      for (const row of rows) df.set(row.term, row.doc);
    }
    const result = new Map<string, number>();
    for (const term of terms) {
      const stem = stems.get(term);
      if (stem) result.set(term, df.get(stem) ?? 0);
    }
    return result;
  }

  private prepare(): void {
    if (this.ready) return;
    this.db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.knowledge_query_tokens USING fts5(t, tokenize = 'porter unicode61');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.knowledge_query_token_list USING fts5vocab(temp, knowledge_query_tokens, instance);
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.knowledge_fts_terms USING fts5vocab(main, knowledge_fts, row);
    `);
    this.ready = true;
  }

  private stemsOf(terms: readonly string[]): Map<string, string | null> {
    const unknown = [...new Set(terms.filter((t) => !this.stems.has(t)))];
    if (unknown.length > 0) {
      // One word per row, so each row's tokens belong to exactly one word.
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM temp.knowledge_query_tokens').run();
        const insert = this.db.prepare('INSERT INTO temp.knowledge_query_tokens (rowid, t) VALUES (?, ?)');
        unknown.forEach((term, i) => insert.run(i + 1, term));
      })();
      const rows = this.db.prepare('SELECT term, doc FROM temp.knowledge_query_token_list').all() as { term: string; doc: number }[];
      const tokens = new Map<number, string[]>();
      for (const row of rows) tokens.set(row.doc, [...(tokens.get(row.doc) ?? []), row.term]);
      unknown.forEach((term, i) => {
        const list = tokens.get(i + 1) ?? [];
        // A word the tokenizer splits in two has no single document frequency: it is always kept.
        this.stems.set(term, list.length === 1 ? list[0]! : null);
      });
      if (this.stems.size > 50_000) this.stems.clear();
    }
    return new Map(terms.map((t) => [t, this.stems.get(t) ?? null]));
  }
}

const byDatabase = new WeakMap<Database, TermStatistics>();

export function termStatisticsFor(db: Database): TermStatistics {
  let stats = byDatabase.get(db);
  if (!stats) {
    stats = new TermStatistics(db);
    byDatabase.set(db, stats);
  }
  return stats;
}

/**
 * The terms a BM25 query scores. BM25's cost grows with the postings it reads (the chunks that hold
 * any query term), so terms are taken rarest first while their postings fit the budget; the rarest
 * term is always kept. Terms no chunk holds are left out (they add nothing to any score). When every
 * term fits, the result is the full term list and the ranking is exactly the full query's. The terms
 * left out are the commonest ones, whose IDF — and share of any score — is smallest.
 */
export function termsWithinBudget(terms: readonly string[], df: ReadonlyMap<string, number>, budget: number): string[] {
  // A term without a count (see documentFrequencies) is kept and not charged to the budget.
  const present = terms.filter((t) => df.get(t) !== 0);
  if (present.length === 0) return [];
  const byRarity = [...present].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0));
  const kept = new Set<string>();
  let postings = 0;
  for (const term of byRarity) {
    const n = df.get(term) ?? 0;
    if (kept.size > 0 && postings + n > budget) break;
    kept.add(term);
    postings += n;
  }
  return present.filter((t) => kept.has(t));
}
