import { useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import type { AssistSectionProps } from '../assistSections.js';
import { HandoffDialog } from './HandoffDialog.js';

type Flag = NonNullable<Output<'assist.get'>>['flags'][number];

const TRIGGER_LABEL: Record<string, string> = {
  explicit_human_request: 'Asked for a human',
  negative_sentiment_streak: 'Negative sentiment',
  repeated_intent: 'Going in circles',
  low_confidence: 'Low confidence',
  tool_error: 'Action failed',
  legal_compliance: 'Legal / compliance',
  billing_dispute: 'Billing dispute',
  long_conversation: 'Long conversation',
};

export const triggerLabel = (trigger: string): string => TRIGGER_LABEL[trigger] ?? trigger;

/** Live flags with their reason and evidence; escalate with the handoff packet, or dismiss with a reason. */
export function EscalationSection({ detail, assist }: AssistSectionProps) {
  const client = useClient();
  const { push } = useNotices();
  const [packetOpen, setPacketOpen] = useState(false);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const flags = assist?.flags ?? [];
  const conversationId = detail.conversation.id;
  const escalated = detail.conversation.status === 'escalated';

  const dismiss = async (flag: Flag): Promise<void> => {
    const result = await client.call('escalation.dismiss', { conversationId, trigger: flag.trigger, reason });
    if (!result.ok) return push('error', result.error.message);
    setDismissing(null);
    setReason('');
    push('info', `Dismissed “${triggerLabel(flag.trigger)}”.`);
  };

  return (
    <div className="escalation" data-testid="escalation-section">
      {flags.length === 0 ? (
        <p className="assist-idle">{escalated ? 'This conversation has been escalated.' : 'No escalation triggers.'}</p>
      ) : (
        <ul className="flag-list">
          {flags.map((flag) => (
            <li key={flag.trigger} className={`flag flag-${flag.priority}`} data-testid="escalation-flag" data-trigger={flag.trigger} data-priority={flag.priority}>
              <div className="flag-head">
                <span className={`badge badge-${flag.priority}`}>{flag.priority}</span>
                <strong>{triggerLabel(flag.trigger)}</strong>
              </div>
              <div className="flag-reason">{flag.reason}</div>
              {flag.evidence.span ? <blockquote className="flag-evidence">“{flag.evidence.span.text}”</blockquote> : null}
              {dismissing === flag.trigger ? (
                <form
                  className="dismiss-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void dismiss(flag);
                  }}
                >
                  <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why is this not a problem?" data-testid="dismiss-reason" />
                  <button type="submit" className="button small" disabled={!reason.trim()} data-testid="dismiss-confirm">
                    Dismiss
                  </button>
                  <button type="button" className="button small" onClick={() => setDismissing(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <button type="button" className="link-button" onClick={() => setDismissing(flag.trigger)} data-testid="dismiss-flag">
                  Dismiss…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!escalated ? (
        <button
          type="button"
          className={`button ${flags.some((f) => f.priority !== 'medium') ? 'danger' : ''} small escalate-button`}
          onClick={() => setPacketOpen(true)}
          data-testid="escalate-button"
          title="Escalate to a human queue (E)"
        >
          Escalate…
        </button>
      ) : null}
      {packetOpen ? <HandoffDialog conversationId={conversationId} onClose={() => setPacketOpen(false)} /> : null}
    </div>
  );
}
