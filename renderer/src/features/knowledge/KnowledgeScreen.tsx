import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import { DocumentList, type KnowledgeDocument } from './DocumentList.js';
import { DocumentViewer } from './DocumentViewer.js';
import { ImportDialog } from './ImportDialog.js';
import { BackgroundProgress, ImportProgress } from './ImportProgress.js';
import { knowledgeStore, useKnowledgeStore } from './knowledgeStore.js';
import { filesFromDrop, filesFromInput, type PickedFile } from './pickedFiles.js';
import { SearchPanel } from './SearchPanel.js';
import { useSearchShortcut } from './useSearchShortcut.js';
import './knowledge.css';

type Status = Output<'knowledge.status'>;

/** Import articles, see what is indexed, and search it the way the assist panel does. */
export function KnowledgeScreen() {
  const client = useClient();
  const { push } = useNotices();
  const state = useKnowledgeStore();
  const [documents, setDocuments] = useState<KnowledgeDocument[] | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<PickedFile[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  useSearchShortcut(searchRef);

  const reload = useCallback(() => {
    void client.call('knowledge.documents', {}).then((r) => {
      setLoading(false);
      if (r.ok) {
        setDocuments(r.value);
        setError(null);
      } else setError(`The document list could not be loaded: ${r.error.message}`);
    });
    void client.call('knowledge.status', {}).then((r) => r.ok && setStatus(r.value));
  }, [client]);
  useEffect(reload, [reload, state.revision, state.listRevision]);

  const choose = (files: PickedFile[]): void => {
    if (files.length === 0) return push('error', 'No importable files found: Tandem reads .md, .txt, .html, .pdf and .json files.');
    if (knowledgeStore.isImporting()) return push('error', 'An import is already running; wait for it to finish or cancel it first.');
    setPicked(files);
  };

  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    void filesFromDrop(e.dataTransfer).then(choose, (err: Error) => push('error', `The dropped files could not be read: ${err.message}`));
  };
  const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer.types).includes('Files');

  const deleteDocument = async (doc: KnowledgeDocument): Promise<boolean> => {
    const r = await client.call('knowledge.deleteDocument', { id: doc.id });
    if (!r.ok) {
      push('error', r.error.message);
      return false;
    }
    push('info', `Deleted “${doc.title}”.`);
    if (state.viewer?.documentId === doc.id) knowledgeStore.showDocument(null);
    reload();
    return true;
  };

  const knownCategories = [...new Set((documents ?? []).map((d) => d.category))];
  const empty = documents !== null && documents.length === 0;

  return (
    <div
      className={`kb-screen${dragging ? ' dragging' : ''}`}
      data-testid="knowledge-dashboard"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        dragDepth.current += 1;
        setDragging(true);
      }}
      onDragOver={(e) => hasFiles(e) && e.preventDefault()}
      onDragLeave={() => {
        dragDepth.current = Math.max(0, dragDepth.current - 1);
        if (dragDepth.current === 0) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="kb-header">
        <div>
          <h1>Knowledge</h1>
          <p className="muted" data-testid="knowledge-stats">
            {status
              ? `${status.documents} documents · ${status.chunks} chunks · ${status.mode === 'hybrid' ? `${status.vectors} vectors (${status.embedderId ?? 'embedder'}, ${status.dimension}-d)` : 'keyword search only until the embedder is ready'}`
              : 'Loading…'}
          </p>
        </div>
        <div className="kb-header-actions">
          <button type="button" className="button" onClick={() => folderRef.current?.click()} data-testid="import-folder">
            Import folder
          </button>
          <button type="button" className="button primary" onClick={() => filesRef.current?.click()} data-testid="import-files">
            Import files
          </button>
        </div>
        <input
          ref={filesRef}
          type="file"
          multiple
          hidden
          accept=".md,.markdown,.txt,.text,.html,.htm,.pdf,.json"
          data-testid="import-file-input"
          onChange={(e) => {
            choose(filesFromInput(e.target.files));
            e.target.value = '';
          }}
        />
        <input
          ref={folderRef}
          type="file"
          multiple
          hidden
          data-testid="import-folder-input"
          {...{ webkitdirectory: '' }}
          onChange={(e) => {
            choose(filesFromInput(e.target.files));
            e.target.value = '';
          }}
        />
      </header>

      {state.run || state.background.length > 0 ? (
        <div className="kb-progress-area">
          {state.run ? (
            <ImportProgress
              run={state.run}
              onCancel={() => void knowledgeStore.cancel().then((message) => message && push('error', message))}
              onDismiss={() => knowledgeStore.dismissRun()}
            />
          ) : null}
          <BackgroundProgress tasks={state.background} />
        </div>
      ) : null}

      <div className="kb-columns">
        {empty && !error ? (
          <div className="kb-docs kb-dropzone" data-testid="knowledge-empty">
            <div className="kb-dropzone-icon" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="34" height="34">
                <path d="M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
            </div>
            <div className="empty-title">No documents yet — drop files here</div>
            <p className="muted">Markdown, text, HTML, PDF or JSON articles, one by one or a whole folder. Tandem cites them next to each conversation.</p>
            <div className="kb-dropzone-actions">
              <button type="button" className="button primary" onClick={() => filesRef.current?.click()}>
                Choose files
              </button>
              <button type="button" className="button" onClick={() => folderRef.current?.click()}>
                Choose a folder
              </button>
            </div>
          </div>
        ) : (
          <DocumentList
            documents={documents}
            loading={loading}
            error={error}
            selectedId={state.viewer?.documentId ?? null}
            onOpen={(id) => knowledgeStore.showDocument({ documentId: id, chunkId: null, terms: [] })}
            onDelete={deleteDocument}
          />
        )}
        <SearchPanel
          ref={searchRef}
          query={state.query}
          intent={state.intent}
          revision={state.revision}
          openChunkId={state.viewer?.chunkId ?? null}
          onOpen={(hit) => knowledgeStore.showDocument({ documentId: hit.citation.documentId, chunkId: hit.chunkId, terms: hit.matchedTerms })}
        />
        <DocumentViewer target={state.viewer} revision={state.revision} onClose={() => knowledgeStore.showDocument(null)} />
      </div>

      {dragging ? (
        <div className="kb-drop-overlay" aria-hidden="true">
          <div>Drop files or folders to import</div>
        </div>
      ) : null}
      {picked ? (
        <ImportDialog
          files={picked}
          knownCategories={knownCategories}
          onClose={() => setPicked(null)}
          onImport={(category) => {
            const files = picked;
            setPicked(null);
            void knowledgeStore.startImport(files, category);
          }}
        />
      ) : null}
    </div>
  );
}
