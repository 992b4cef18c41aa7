import { useState } from 'react';
import { formatEta } from './knowledgeFormat.js';
import type { BackgroundTask, FileReport, ImportRun } from './knowledgeStore.js';

const STATUS_LABEL: Record<FileReport['status'], string> = {
  imported: 'imported',
  updated: 'updated',
  unchanged: 'unchanged',
  duplicate: 'duplicate',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The running import (files, chunks, embeddings, ETA, Cancel) or, once done, its per-file report. */
export function ImportProgress({ run, onCancel, onDismiss }: { run: ImportRun; onCancel: () => void; onDismiss: () => void }) {
  const active = run.state === 'running' || run.state === 'cancelling';
  const pct = run.totalFiles > 0 ? Math.round((run.filesDone / run.totalFiles) * 100) : 0;
  const count = (...statuses: FileReport['status'][]): number => run.files.filter((f) => statuses.includes(f.status)).length;
  const failed = count('failed', 'duplicate');
  const [open, setOpen] = useState(false);
  const showFiles = open || (!active && failed > 0);

  return (
    <section className={`kb-import card-like ${active ? 'active' : failed > 0 ? 'has-errors' : 'done'}`} data-testid="import-progress" data-state={run.state}>
      <div className="kb-import-head">
        <div className="kb-import-title">
          <strong>{active ? (run.state === 'cancelling' ? 'Cancelling import…' : `Importing ${run.totalFiles} ${run.totalFiles === 1 ? 'file' : 'files'}`) : run.state === 'cancelled' ? 'Import cancelled' : 'Import finished'}</strong>
          {run.category ? <span className="chip kb-category">{run.category}</span> : null}
          <span className="muted kb-import-label">{active ? run.label : summary(run, count)}</span>
        </div>
        {active ? (
          <button type="button" className="button small" onClick={onCancel} disabled={run.state === 'cancelling'} data-testid="import-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" className="button small ghost" onClick={onDismiss} data-testid="import-dismiss">
            Dismiss
          </button>
        )}
      </div>
      <div className="progress kb-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="import-progress-bar">
        <span style={{ width: `${pct}%` }} />
      </div>
      <div className="kb-import-stats">
        <span>
          <b>{run.filesDone}</b>/{run.totalFiles} files
        </span>
        <span>
          <b>{run.chunks}</b> chunks
        </span>
        <span>
          <b>{run.embeddings}</b> embeddings
        </span>
        <span>{active ? formatEta(run.etaSeconds) : `${(((run.finishedAt ?? Date.now()) - run.startedAt) / 1000).toFixed(1)} s`}</span>
        {run.files.length > 0 ? (
          <button type="button" className="link-button" onClick={() => setOpen(!showFiles)} data-testid="import-report-toggle">
            {showFiles ? 'Hide report' : `Show report (${run.files.length})`}
          </button>
        ) : null}
      </div>
      {showFiles ? (
        <ul className="kb-report" data-testid="import-report">
          {run.files.map((f, i) => (
            <li key={f.path + i} data-testid="import-report-file" data-status={f.status}>
              <span className={`kb-status kb-status-${f.status}`}>{STATUS_LABEL[f.status]}</span>
              <span className="kb-report-path" title={f.path}>
                {f.path}
              </span>
              <span className="muted">{f.chunks > 0 ? `${f.chunks} chunks` : ''}</span>
              {f.message ? <span className="kb-report-message">{f.message}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function summary(run: ImportRun, count: (...s: FileReport['status'][]) => number): string {
  const parts = [
    [count('imported'), 'imported'],
    [count('updated'), 'updated'],
    [count('unchanged'), 'unchanged'],
    [count('failed', 'duplicate'), 'failed'],
    [count('cancelled'), 'not imported'],
  ] as const;
  return parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`).join(' · ') || 'Nothing imported';
}

/** Imports this window did not start, such as the demo knowledge base being embedded after first start. */
export function BackgroundProgress({ tasks }: { tasks: readonly BackgroundTask[] }) {
  return (
    <>
      {tasks.map((t) => {
        const pct = t.total > 0 ? Math.round((t.done / t.total) * 100) : 0;
        return (
          <section key={t.taskId} className="kb-background" data-testid="background-progress">
            <span className="kb-spinner" aria-hidden="true" />
            <span className="kb-background-label">
              {t.kind === 'knowledge.reindex' ? 'Re-embedding the knowledge base' : 'Indexing the knowledge base'}
              <span className="muted">
                {' '}
                · {t.total > 0 ? `${t.done}/${t.total} ${t.kind === 'knowledge.reindex' ? 'chunks' : 'files'}` : 'starting'}
                {t.detail.chunks ? ` · ${t.detail.chunks} chunks` : ''}
                {t.detail.etaSeconds ? ` · ${formatEta(t.detail.etaSeconds)}` : ''}
              </span>
            </span>
            <div className="progress kb-progress thin">
              <span style={{ width: `${pct}%` }} />
            </div>
          </section>
        );
      })}
    </>
  );
}
