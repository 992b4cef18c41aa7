import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';

type Transcripts = Output<'replay.list'>;

/** Plays a scripted demo conversation into a new conversation, so the assist can be watched live. */
export function ReplayMenu({ onStarted }: { onStarted: (conversationId: string) => void }) {
  const client = useClient();
  const { push } = useNotices();
  const [open, setOpen] = useState(false);
  const [transcripts, setTranscripts] = useState<Transcripts>([]);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    void client.call('replay.list', {}).then((r) => (r.ok ? setTranscripts(r.value) : push('error', r.error.message)));
    const close = (e: MouseEvent): void => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [client, open, push]);

  const start = async (transcriptId: string): Promise<void> => {
    setOpen(false);
    const result = await client.call('replay.start', { transcriptId });
    if (!result.ok) return push('error', result.error.message);
    onStarted(result.value.conversationId);
  };

  return (
    <div className="menu-root" ref={root}>
      <button type="button" className="button small" onClick={() => setOpen((v) => !v)} data-testid="replay-button" aria-expanded={open} title="Replay a demo conversation">
        ▶ Replay
      </button>
      {open ? (
        <ul className="menu" role="menu" data-testid="replay-menu">
          {transcripts.length === 0 ? <li className="menu-empty">Loading…</li> : null}
          {transcripts.map((t) => (
            <li key={t.id} role="menuitem" tabIndex={0} data-testid="replay-item" data-transcript={t.id} onClick={() => void start(t.id)} onKeyDown={(e) => e.key === 'Enter' && void start(t.id)}>
              <span>{t.title}</span>
              <span className="muted">{t.messageCount} msg</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
