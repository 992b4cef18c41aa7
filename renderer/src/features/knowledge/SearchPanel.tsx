import { forwardRef, useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { Highlighted } from './Highlighted.js';
import { readableText, snippetAround } from './highlight.js';
import { DEFAULT_INTENTS, formatScore, INTENT_LABEL } from './knowledgeFormat.js';
import { knowledgeStore } from './knowledgeStore.js';
import { ScoreBar } from './ScoreBar.js';

type SearchResult = Output<'knowledge.search'>;
type Hit = SearchResult['hits'][number];

/** Ask the knowledge base what the assist panel would ask: ranked chunks, every score, the intent filter. */
export const SearchPanel = forwardRef<HTMLInputElement, { query: string; intent: string; revision: number; openChunkId: number | null; onOpen: (hit: Hit) => void }>(
  function SearchPanel({ query, intent, revision, openChunkId, onOpen }, ref) {
    const client = useClient();
    const [intents, setIntents] = useState<readonly string[]>(DEFAULT_INTENTS);
    const [result, setResult] = useState<SearchResult | null>(null);
    const [searching, setSearching] = useState(false);
    const [error, setError] = useState<string | null>(null);

    useEffect(() => {
      void client.call('router.taxonomy.get', {}).then((r) => {
        if (r.ok && r.value.taxonomy.intents.length > 0) setIntents(r.value.taxonomy.intents.map((i) => i.name));
      });
    }, [client]);

    useEffect(() => {
      const q = query.trim();
      if (!q) {
        setResult(null);
        setError(null);
        return;
      }
      let current = true;
      // Typing fires a search once the agent pauses, not on every key.
      const timer = window.setTimeout(() => {
        setSearching(true);
        void client.call('knowledge.search', { query: q.slice(0, 5000), limit: 10, ...(intent ? { intent } : {}) }).then((r) => {
          if (!current) return;
          setSearching(false);
          if (r.ok) {
            setResult(r.value);
            setError(null);
          } else setError(r.error.message);
        });
      }, 250);
      return () => {
        current = false;
        window.clearTimeout(timer);
      };
    }, [client, query, intent, revision]);

    const top = result?.hits[0]?.score ?? 0;
    const total = result ? result.timings.embedMs + result.timings.searchMs + result.timings.rerankMs : 0;
    return (
      <div className="kb-search" data-testid="knowledge-search">
        <div className="kb-search-bar">
          <div className="kb-search-input">
            <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
              <path d="M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM21 21l-5-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
            <input
              ref={ref}
              type="search"
              value={query}
              onChange={(e) => knowledgeStore.setSearch(e.target.value, intent)}
              placeholder="Search articles, e.g. refund to a gift card"
              aria-label="Search the knowledge base"
              data-testid="kb-search"
            />
            <kbd title="Focus search">/</kbd>
          </div>
          <select value={intent} onChange={(e) => knowledgeStore.setSearch(query, e.target.value)} aria-label="Intent filter" data-testid="kb-intent">
            <option value="">Any intent</option>
            {intents.map((i) => (
              <option key={i} value={i}>
                as {INTENT_LABEL(i)}
              </option>
            ))}
          </select>
        </div>
        {result ? (
          <div className="kb-search-meta" data-testid="kb-filter">
            <FilterNote categories={result.categories} fellBack={result.filterFellBack} intent={intent} />
            <span className="muted">
              {result.hits.length} {result.hits.length === 1 ? 'result' : 'results'} · {Math.round(total)} ms
              {result.mode === 'lexical' ? ' · keyword only (embeddings not ready)' : ''}
              {result.reranker ? (
                <span data-testid="kb-reranker" title={result.reranker.fallbackReason ?? undefined}>
                  {' · ranked by '}
                  {result.reranker.kind === 'cross-encoder' ? `cross-encoder ${result.reranker.id ?? ''}` : result.reranker.kind === 'features' ? 'feature reranker' : 'fused score'}
                  {result.reranker.fallbackReason ? ' (cross-encoder unavailable)' : ''}
                </span>
              ) : null}
            </span>
          </div>
        ) : null}
        {error ? <div className="inline-error">{error}</div> : null}
        <div className={`kb-results${searching ? ' searching' : ''}`}>
          {!query.trim() ? (
            <div className="kb-search-idle">
              <p>Search the way a customer asks. Results show the chunk the assist panel would cite, with every score behind its rank.</p>
              <p className="muted">
                Pick an intent to see its category filter, as the assist panel applies it. <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> focuses search.
              </p>
            </div>
          ) : result && result.hits.length === 0 ? (
            <p className="muted kb-none" data-testid="kb-no-hits">
              Nothing in the knowledge base matches “{query.trim()}”.
            </p>
          ) : (
            <ol className="kb-hits">
              {result?.hits.map((hit, i) => (
                <li key={hit.chunkId} className={`kb-hit${hit.chunkId === openChunkId ? ' open' : ''}`} data-testid="kb-hit" data-chunk-id={hit.chunkId}>
                  <button type="button" className="kb-hit-main" onClick={() => onOpen(hit)} data-testid="kb-hit-open">
                    <span className="kb-hit-head">
                      <span className="kb-rank">{i + 1}</span>
                      <span className="kb-hit-title">{hit.citation.documentTitle}</span>
                      <span className="chip kb-category">{hit.category}</span>
                    </span>
                    <span className="kb-hit-section">{hit.citation.section || `Chunk ${hit.citation.chunkIndex + 1}`}</span>
                    <span className="kb-hit-text">
                      <Highlighted text={snippetAround(readableText(hit.text), hit.matchedTerms, 360)} terms={hit.matchedTerms} />
                    </span>
                  </button>
                  <div className="kb-scores" data-testid="kb-scores">
                    <ScoreBar score={hit.score} top={top} mode={result.mode} />
                    <span className="kb-score kb-score-main" title="Final score: the reranker's, which orders the results">
                      rerank <b>{formatScore(hit.scores.rerank)}</b>
                    </span>
                    <span className="kb-score" title="Reciprocal-rank fusion of vector and BM25 ranks">
                      fused <b>{formatScore(hit.scores.fused)}</b>
                    </span>
                    <span className="kb-score" title="Cosine similarity of the query and chunk embeddings">
                      vector <b>{formatScore(hit.scores.vector)}</b>
                    </span>
                    <span className="kb-score" title="Full-text BM25 relevance">
                      BM25 <b>{formatScore(hit.scores.bm25)}</b>
                    </span>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    );
  },
);

function FilterNote({ categories, fellBack, intent }: { categories: readonly string[] | null; fellBack: boolean; intent: string }) {
  if (fellBack) return <span className="kb-filter-note fell-back">Filter fell back to all categories: too few matches for {INTENT_LABEL(intent)}</span>;
  if (!categories) return <span className="kb-filter-note">{intent ? `No category filter for ${INTENT_LABEL(intent)}` : 'No category filter'}</span>;
  return (
    <span className="kb-filter-note filtered">
      Filtered to {categories.map((c) => <span key={c} className="chip kb-category">{c}</span>)}
    </span>
  );
}
