import { CustomerText } from './CustomerText.js';
import { forwardRef } from 'react';
import type { ConversationDetail } from '../state/useConversation.js';
import { Composer } from './Composer.js';
import { ExportConversationButton } from '../features/dataSafety/ExportConversationButton.js';
import { EmptyState } from './EmptyState.js';
import { displayName } from './InboxList.js';
import { Thread } from './Thread.js';

interface Props {
  detail: ConversationDetail | null;
  loading: boolean;
  error: string | null;
  asCustomer: boolean;
  onToggleRole: () => void;
  onSend: (content: string, role: 'customer' | 'agent') => Promise<boolean>;
  onStatus: (status: 'open' | 'resolved' | 'escalated') => void;
}

export const ConversationView = forwardRef<HTMLTextAreaElement, Props>(function ConversationView(
  { detail, loading, error, asCustomer, onToggleRole, onSend, onStatus },
  composerRef,
) {
  if (error) return <section className="conversation"><EmptyState title="Could not open this conversation">{error}</EmptyState></section>;
  if (!detail) {
    return (
      <section className="conversation">
        {loading ? (
          <div className="loading">Loading conversation…</div>
        ) : (
          <EmptyState title="No conversation open" testId="conversation-empty">
            Pick one from the inbox (J / K), or press N to start a new one.
          </EmptyState>
        )}
      </section>
    );
  }
  const c = detail.conversation;
  const name = displayName(c);
  return (
    <section className="conversation" aria-label={`Conversation with ${name}`}>
      <header className="conversation-header">
        <div>
          <h2 data-testid="conversation-title"><CustomerText text={name} /></h2>
          <div className="conversation-sub">
            {c.subject ? <CustomerText text={c.subject} /> : null}
            {c.customerRef && c.customerName ? <CustomerText className="muted" text={c.customerRef} /> : null}
            <span className={`chip ${c.verified ? 'chip-verified' : 'chip-unverified'}`}>{c.verified ? 'Verified customer' : 'Not verified'}</span>
          </div>
        </div>
        <div className="conversation-actions">
          <span className={`status-chip status-${c.status}`} data-testid="conversation-status">
            {c.status}
          </span>
          {c.status === 'open' ? (
            <button type="button" className="button small" onClick={() => onStatus('resolved')} data-testid="resolve-button">
              Resolve
            </button>
          ) : (
            <button type="button" className="button small" onClick={() => onStatus('open')} data-testid="reopen-button">
              Reopen
            </button>
          )}
          <ExportConversationButton conversationId={c.id} />
        </div>
      </header>
      <Thread messages={detail.messages} customerLabel={name} />
      <Composer ref={composerRef} asCustomer={asCustomer} onToggleRole={onToggleRole} onSend={onSend} disabled={false} />
    </section>
  );
});
