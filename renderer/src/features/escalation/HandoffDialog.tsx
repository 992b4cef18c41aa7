import { useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';

type Packet = Output<'escalation.packet'>;

/** Shows the handoff packet (queue, summary, sentiment, attempted resolutions, reason) before it is sent. */
export function HandoffDialog({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const client = useClient();
  const { push } = useNotices();
  const [packet, setPacket] = useState<Packet | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void client.call('escalation.packet', { conversationId }).then((r) => (r.ok ? setPacket(r.value) : push('error', r.error.message)));
  }, [client, conversationId, push]);

  const escalate = async (): Promise<void> => {
    setBusy(true);
    const result = await client.call('escalation.escalate', { conversationId, ...(note.trim() ? { reason: note } : {}) });
    setBusy(false);
    if (!result.ok) return push('error', result.error.message);
    push('info', `Escalated to ${result.value.packet.queue}.`);
    onClose();
  };

  const copy = (): void => {
    if (!packet) return;
    void navigator.clipboard?.writeText(JSON.stringify(packet, null, 2)).then(
      () => push('info', 'Handoff packet copied.'),
      () => push('error', 'Could not copy: the clipboard is not available here. Select the text instead.'),
    );
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-label="Escalate conversation" data-testid="handoff-dialog" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2>Escalate to a human queue</h2>
        {!packet ? (
          <div className="loading">Preparing the handoff packet…</div>
        ) : (
          <dl className="facts packet" data-testid="handoff-packet">
            <dt>Queue</dt>
            <dd data-testid="packet-queue">{packet.queue}</dd>
            <dt>Reason</dt>
            <dd data-testid="packet-reason">{packet.reason}</dd>
            <dt>Summary</dt>
            <dd data-testid="packet-summary">
              {packet.summary}
              <div className="muted packet-summary-source" title={packet.summaryNote ?? undefined}>
                {packet.summarySource === 'model' ? 'Summarised by the local model' : 'Quoted from the conversation'}
              </div>
            </dd>
            <dt>Customer sentiment</dt>
            <dd data-testid="packet-sentiment">
              {packet.customerSentiment.label}
              {packet.customerSentiment.score !== null ? ` (${packet.customerSentiment.score.toFixed(2)})` : ''}
            </dd>
            <dt>Attempted resolutions</dt>
            <dd data-testid="packet-attempts">
              {packet.attemptedResolutions.length === 0
                ? 'None yet'
                : packet.attemptedResolutions.map((a, i) => (
                    <div key={i}>
                      {a.tool}: {a.detail}
                    </div>
                  ))}
            </dd>
          </dl>
        )}
        <label>
          Note for the next agent (optional)
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="escalation-note" />
        </label>
        <div className="modal-actions">
          <button type="button" className="button" onClick={copy} disabled={!packet}>
            Copy packet
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={() => void escalate()} disabled={!packet || busy} data-testid="escalate-confirm">
            {busy ? 'Escalating…' : 'Escalate'}
          </button>
        </div>
      </div>
    </div>
  );
}
