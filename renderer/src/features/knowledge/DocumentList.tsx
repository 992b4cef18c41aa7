import { useMemo, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { formatAge } from './knowledgeFormat.js';

export type KnowledgeDocument = Output<'knowledge.documents'>[number];

/** Every article in the workspace: category, chunk count, age (stale ones flagged), delete. */
export function DocumentList({
  documents,
  loading,
  error,
  selectedId,
  onOpen,
  onDelete,
}: {
  documents: readonly KnowledgeDocument[] | null;
  loading: boolean;
  error: string | null;
  selectedId: number | null;
  onOpen: (id: number) => void;
  onDelete: (doc: KnowledgeDocument) => Promise<boolean>;
}) {
  const [filter, setFilter] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = documents ?? [];
    return q ? all.filter((d) => [d.title, d.category, d.source].some((s) => s.toLowerCase().includes(q))) : all;
  }, [documents, filter]);
  const stale = (documents ?? []).filter((d) => d.stale).length;

  return (
    <div className="kb-docs" data-testid="document-list">
      <div className="kb-pane-head">
        <h2>
          Documents <span className="muted kb-count">{documents ? documents.length : ''}</span>
        </h2>
        {stale > 0 ? (
          <span className="badge badge-stale" title="Not updated within the freshness window; review them">
            {stale} stale
          </span>
        ) : null}
      </div>
      {documents && documents.length > 0 ? (
        <input className="kb-filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter by title, category or source" aria-label="Filter documents" />
      ) : null}
      {error ? <div className="inline-error">{error}</div> : null}
      {loading && !documents ? (
        <div className="skeleton-list">
          {[0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="skeleton-row short" />
          ))}
        </div>
      ) : null}
      <ul className="kb-doc-list">
        {visible.map((d) => (
          <li
            key={d.id}
            className={`kb-doc${d.id === selectedId ? ' selected' : ''}`}
            data-testid="document-row"
            data-document-id={d.id}
            data-title={d.title}
          >
            <button type="button" className="kb-doc-main" onClick={() => onOpen(d.id)} title={d.source}>
              <span className="kb-doc-title">{d.title}</span>
              <span className="kb-doc-meta">
                <span className="chip kb-category">{d.category}</span>
                <span data-testid="document-chunks">
                  {d.chunkCount} {d.chunkCount === 1 ? 'chunk' : 'chunks'}
                </span>
                <span title={new Date(d.lastUpdated).toLocaleString()}>updated {formatAge(d.lastUpdated)}</span>
                {d.stale ? (
                  <span className="badge badge-stale" data-testid="document-stale">
                    stale
                  </span>
                ) : null}
                {d.warning ? (
                  <span className="badge badge-warning" title={d.warning}>
                    warning
                  </span>
                ) : null}
              </span>
            </button>
            {confirming === d.id ? (
              <span className="kb-doc-confirm">
                <button
                  type="button"
                  className="button small danger"
                  data-testid="document-delete-confirm"
                  onClick={() => void onDelete(d).then(() => setConfirming(null))}
                >
                  Delete
                </button>
                <button type="button" className="button small" onClick={() => setConfirming(null)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="kb-doc-delete" title={`Delete “${d.title}”`} aria-label={`Delete ${d.title}`} data-testid="document-delete" onClick={() => setConfirming(d.id)}>
                <svg viewBox="0 0 24 24" width="15" height="15" aria-hidden="true">
                  <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
              </button>
            )}
          </li>
        ))}
      </ul>
      {documents && documents.length > 0 && visible.length === 0 ? <p className="muted kb-none">No document matches “{filter}”.</p> : null}
    </div>
  );
}
