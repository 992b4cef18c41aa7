import './drafting.css';
import { useEffect, useRef, useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import { useShortcuts } from '../../state/useShortcuts.js';
import type { AssistSectionProps } from '../assistSections.js';
import { citationLabel, FINDING_LABELS, outcomeLabel, segmentsOf, type DraftView, type GateReportView } from './draftFormat.js';
import { useDraft } from './useDraft.js';

/**
 * The assist panel's Draft: a reply grounded in the evidence and tool results, with its citations and
 * the quality gate's findings. Accept sends it as is; Edit, then send; Regenerate; Discard. A blocking
 * finding must be fixed, or overridden with an explicit confirmation that is recorded.
 */
export function DraftSection({ detail, assist }: AssistSectionProps) {
  const conversationId = detail.conversation.id;
  const { draft, streamed, error } = useDraft(conversationId, assist?.messageId ?? null);
  if (error) return <div className="inline-error">{error}</div>;
  if (!draft) return <p className="assist-idle" data-testid="draft-idle">A suggested reply, grounded in the evidence and tool results, appears here.</p>;
  return <DraftCard key={draft.id} draft={draft} streamed={streamed} conversationId={conversationId} />;
}

function DraftCard({ draft, streamed, conversationId }: { draft: DraftView; streamed: string; conversationId: string }) {
  const client = useClient();
  const { push } = useNotices();
  const [text, setText] = useState(draft.text);
  const [editing, setEditing] = useState(false);
  const [report, setReport] = useState<GateReportView>({ findings: draft.findings, blocking: draft.blocking });
  const [confirmOverride, setConfirmOverride] = useState(false);
  const [busy, setBusy] = useState(false);
  const editor = useRef<HTMLTextAreaElement>(null);
  const ready = draft.status === 'ready';
  const dirty = text !== draft.text;

  // A fix applied on the server replaces the text, unless the agent has typed changes of their own.
  const serverText = useRef(draft.text);
  useEffect(() => {
    setText((current) => (current === serverText.current ? draft.text : current));
    serverText.current = draft.text;
  }, [draft.text]);

  // The gate re-runs on the agent's edits (it takes well under a millisecond; the debounce spares the socket).
  useEffect(() => {
    if (!ready || text === draft.text) {
      setReport({ findings: draft.findings, blocking: draft.blocking });
      return;
    }
    const timer = window.setTimeout(() => {
      void client.call('draft.check', { draftId: draft.id, text }).then((r) => r.ok && setReport(r.value));
    }, 200);
    return () => window.clearTimeout(timer);
  }, [client, draft.id, draft.text, draft.findings, draft.blocking, ready, text]);

  const send = async (override = false): Promise<void> => {
    if (!ready || busy || !text.trim()) return;
    if (report.blocking && !override) {
      setConfirmOverride(true);
      return;
    }
    setBusy(true);
    const result = await client.call('draft.send', { draftId: draft.id, text, override });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'E_DRAFT_BLOCKED') setConfirmOverride(true);
      push('error', result.error.message);
      return;
    }
    setConfirmOverride(false);
    setEditing(false);
  };
  const regenerate = (): void => {
    void client.call('draft.regenerate', { conversationId }).then((r) => !r.ok && push('error', r.error.message));
  };
  const discard = (): void => {
    if (!ready && draft.status !== 'generating') return;
    void client.call('draft.discard', { draftId: draft.id }).then((r) => !r.ok && push('error', r.error.message));
  };
  const stop = (): void => {
    void client.call('draft.abort', { conversationId });
  };
  const fix = async (index: number): Promise<void> => {
    const result = await client.call('draft.applyFix', { draftId: draft.id, text, findingIndex: index });
    if (!result.ok) return push('error', result.error.message);
    setText(result.value.text);
    setReport({ findings: result.value.findings, blocking: result.value.blocking });
  };
  const edit = (): void => {
    if (!ready) return;
    setEditing(true);
    window.setTimeout(() => editor.current?.focus(), 0);
  };

  useShortcuts([
    { keys: 'Ctrl+Shift+Enter', run: () => void send(), whileTyping: true },
    { keys: 'd', run: edit },
    { keys: 'g', run: regenerate },
    { keys: 'Shift+D', run: discard },
  ]);

  const blockingCount = report.findings.filter((f) => f.severity === 'blocking').length;
  return (
    <div className={`draft draft-${draft.status}`} data-testid="draft-section" data-draft-id={draft.id} data-status={draft.status} data-source={draft.source}>
      <div className="draft-head">
        <span className={`badge ${draft.source === 'llm' ? 'badge-llm' : 'badge-template'}`} data-testid="draft-source">
          {draft.source === 'llm' ? `LLM · ${draft.model ?? 'model'}` : 'Template'}
        </span>
        {draft.status === 'generating' ? <span className="muted">writing…</span> : null}
        {ready && report.findings.length === 0 ? <span className="draft-clean">Quality check passed</span> : null}
        {ready && blockingCount > 0 ? <span className="badge badge-immediate">{blockingCount} blocking</span> : null}
      </div>
      {draft.fallbackReason ? <div className="draft-fallback" data-testid="draft-fallback">{draft.fallbackReason}</div> : null}

      {draft.status === 'generating' ? (
        <div className="draft-text draft-streaming" data-testid="draft-streaming" aria-live="polite">
          {streamed}
          <span className="draft-cursor" aria-hidden="true">▍</span>
        </div>
      ) : editing && ready ? (
        <textarea
          ref={editor}
          className="draft-editor"
          value={text}
          rows={Math.min(16, Math.max(6, text.split('\n').length + 2))}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            } else if (e.key === 'Escape') setEditing(false);
          }}
          aria-label="Draft reply"
          data-testid="draft-editor"
        />
      ) : (
        <div className="draft-text" data-testid="draft-text" onDoubleClick={edit}>
          {segmentsOf(text, report.findings).map((segment, i) =>
            segment.kind === 'text' ? (
              <span key={i}>{segment.text}</span>
            ) : segment.kind === 'marker' ? (
              <sup key={i} className="draft-marker" title={citationTitle(draft, segment.marker)}>
                {segment.text}
              </sup>
            ) : (
              <mark key={i} className={`draft-finding draft-finding-${segment.severity}`} title={report.findings[segment.index]?.message} data-testid="draft-finding-span">
                {segment.text}
              </mark>
            ),
          )}
        </div>
      )}

      {draft.citations.length > 0 && draft.status !== 'generating' ? (
        <ol className="draft-citations" data-testid="draft-citations">
          {draft.citations.map((c) => (
            <li key={c.marker} data-kind={c.kind} data-testid="draft-citation">
              <span className="draft-marker">[{c.marker}]</span> {citationLabel(c)}
            </li>
          ))}
        </ol>
      ) : null}

      {ready && report.findings.length > 0 ? (
        <ul className="draft-findings" data-testid="draft-findings">
          {report.findings.map((f, i) => (
            <li key={`${f.kind}-${f.start}-${i}`} className={`draft-finding-row draft-finding-${f.severity}`} data-testid="draft-finding" data-kind={f.kind} data-severity={f.severity}>
              <div>
                <strong>{FINDING_LABELS[f.kind]}</strong>
                {f.end > f.start ? <q className="draft-quote">{text.slice(f.start, f.end)}</q> : null} {f.message}
              </div>
              <button type="button" className="button small" onClick={() => void fix(i)} data-testid="draft-fix">
                {f.fix.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      {confirmOverride && ready ? (
        <div className="draft-override" role="alertdialog" aria-label="Send with blocking findings" data-testid="draft-override">
          <p>
            This reply still has {blockingCount} blocking finding{blockingCount === 1 ? '' : 's'}. Sending it anyway is recorded on the draft and in the
            audit log.
          </p>
          <div className="action-buttons">
            <button type="button" className="button small danger" disabled={busy} onClick={() => void send(true)} data-testid="draft-override-confirm">
              Send anyway
            </button>
            <button type="button" className="button small" onClick={() => setConfirmOverride(false)}>
              Go back and fix
            </button>
          </div>
        </div>
      ) : null}

      {ready ? (
        <div className="action-buttons">
          <button type="button" className="button small primary" disabled={busy || !text.trim()} onClick={() => void send()} data-testid="draft-send" title="Send (Ctrl+Shift+Enter)">
            {dirty ? 'Send edited' : 'Accept & send'}
          </button>
          <button type="button" className="button small" onClick={() => (editing ? setEditing(false) : edit())} data-testid="draft-edit" title="Edit (d)">
            {editing ? 'Preview' : 'Edit'}
          </button>
          <button type="button" className="button small" onClick={regenerate} data-testid="draft-regenerate" title="Regenerate (g)">
            Regenerate
          </button>
          <button type="button" className="button small" onClick={discard} data-testid="draft-discard" title="Discard (Shift+D)">
            Discard
          </button>
        </div>
      ) : draft.status === 'generating' ? (
        <div className="action-buttons">
          <button type="button" className="button small" onClick={stop} data-testid="draft-stop">Stop</button>
        </div>
      ) : (
        <div className="draft-closed">
          <span data-testid="draft-outcome" data-outcome={draft.outcome ?? ''}>{outcomeLabel(draft)}</span>
          <button type="button" className="link-button" onClick={regenerate} data-testid="draft-new">
            New draft
          </button>
        </div>
      )}
    </div>
  );
}

function citationTitle(draft: DraftView, marker: number): string {
  const citation = draft.citations.find((c) => c.marker === marker);
  return citation ? citationLabel(citation) : 'No source with this number';
}
