import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Highlighted } from './Highlighted.js';
import { formatAge } from './knowledgeFormat.js';
import type { ViewerTarget } from './knowledgeStore.js';

type OpenDocument = Output<'knowledge.document'>;

/** A document's full text, opened at a cited chunk: the chunk is marked and scrolled into view. */
export function DocumentViewer({ target, revision, onClose }: { target: ViewerTarget | null; revision: number; onClose: () => void }) {
  const client = useClient();
  const [doc, setDoc] = useState<OpenDocument | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const citedRef = useRef<HTMLElement>(null);
  const documentId = target?.documentId ?? null;

  useEffect(() => {
    if (documentId === null) {
      setDoc(null);
      return;
    }
    let current = true;
    setLoading(true);
    void client.call('knowledge.document', { id: documentId }).then((r) => {
      if (!current) return;
      setLoading(false);
      if (r.ok) {
        setDoc(r.value);
        setError(null);
      } else {
        setDoc(null);
        setError(r.error.code === 'E_NOT_FOUND' ? 'This document is no longer in the knowledge base; it may have been deleted or re-imported.' : r.error.message);
      }
    });
    return () => {
      current = false;
    };
  }, [client, documentId, revision]);

  const chunk = doc && target?.chunkId != null ? (doc.chunks.find((c) => c.id === target.chunkId) ?? null) : null;
  useEffect(() => {
    citedRef.current?.scrollIntoView({ block: 'center' });
  }, [doc, chunk?.id]);

  if (!target) {
    return (
      <div className="kb-viewer" data-testid="document-viewer" data-state="empty">
        <EmptyState title="No document open">Open a document from the list, or a search result to jump to the cited chunk.</EmptyState>
      </div>
    );
  }
  if (error) {
    return (
      <div className="kb-viewer" data-testid="document-viewer" data-state="error">
        <div className="inline-error">{error}</div>
      </div>
    );
  }
  if (!doc || doc.document.id !== target.documentId) {
    return (
      <div className="kb-viewer" data-testid="document-viewer" data-state="loading">
        <div className="loading">{loading ? 'Opening document…' : ''}</div>
      </div>
    );
  }

  const { document, body } = doc;
  // The chunk's offset points into the stored body; when the texts agree the chunk is marked in place.
  const inPlace = chunk && body.slice(chunk.offset, chunk.offset + chunk.text.length) === chunk.text;
  return (
    <div className="kb-viewer" data-testid="document-viewer" data-state="open" data-document-id={document.id}>
      <header className="kb-viewer-head">
        <div>
          <h2 data-testid="viewer-title">{document.title}</h2>
          <div className="kb-doc-meta">
            <span className="chip kb-category">{document.category}</span>
            <span>
              {document.chunkCount} {document.chunkCount === 1 ? 'chunk' : 'chunks'}
            </span>
            <span>updated {formatAge(document.lastUpdated)}</span>
            {document.stale ? <span className="badge badge-stale">stale</span> : null}
            <span className="muted kb-viewer-source" title={document.source}>
              {document.source}
            </span>
          </div>
          {document.warning ? <div className="kb-viewer-warning">{document.warning}</div> : null}
        </div>
        <button type="button" className="notice-close" onClick={onClose} aria-label="Close document" title="Close">
          ×
        </button>
      </header>
      {chunk ? (
        <div className="kb-viewer-cite">
          Cited chunk {chunk.chunkIndex + 1} of {doc.chunks.length}
          {chunk.headingPath.length > 0 ? ` · ${chunk.headingPath.join(' › ')}` : ''}
        </div>
      ) : target.chunkId != null ? (
        <div className="kb-viewer-cite missing">The cited chunk is no longer in this document (it was re-imported); showing the current text.</div>
      ) : null}
      <div className="kb-viewer-body">
        {chunk && inPlace ? (
          <>
            {body.slice(0, chunk.offset)}
            <mark ref={citedRef} className="cited-chunk" data-testid="cited-chunk" data-chunk-id={chunk.id}>
              <Highlighted text={chunk.text} terms={target.terms} />
            </mark>
            {body.slice(chunk.offset + chunk.text.length)}
          </>
        ) : chunk ? (
          doc.chunks.map((c) =>
            c.id === chunk.id ? (
              <mark key={c.id} ref={citedRef} className="cited-chunk block" data-testid="cited-chunk" data-chunk-id={c.id}>
                <Highlighted text={c.text} terms={target.terms} />
              </mark>
            ) : (
              <p key={c.id}>{c.text}</p>
            ),
          )
        ) : (
          body
        )}
      </div>
    </div>
  );
}
