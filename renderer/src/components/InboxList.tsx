import { CustomerText } from './CustomerText.js';
import { forwardRef } from 'react';
import { triggerLabel } from '../features/escalation/EscalationSection.js';
import { ReplayMenu } from '../features/replay/ReplayMenu.js';
import type { ConversationSummary } from '../state/useInbox.js';
import { EmptyState } from './EmptyState.js';
import { fullTime, initials, relativeTime } from './format.js';

export function displayName(c: ConversationSummary): string {
  return c.customerName ?? c.customerRef ?? 'Unknown customer';
}

interface Props {
  conversations: readonly ConversationSummary[];
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  filter: string;
  onFilter: (value: string) => void;
  onSelect: (id: string) => void;
  onNew: () => void;
}

export const InboxList = forwardRef<HTMLInputElement, Props>(function InboxList(
  { conversations, loading, error, selectedId, filter, onFilter, onSelect, onNew },
  filterRef,
) {
  return (
    <section className="inbox" aria-label="Inbox">
      <header className="inbox-header">
        <h1>Inbox</h1>
        <div className="inbox-header-actions">
          <ReplayMenu onStarted={onSelect} />
          <button type="button" className="button primary small" data-testid="new-conversation-button" onClick={onNew} title="New conversation (N)">
            + New
          </button>
        </div>
      </header>
      <input
        ref={filterRef}
        className="inbox-filter"
        type="search"
        placeholder="Filter conversations  ( / )"
        value={filter}
        onChange={(e) => onFilter(e.target.value)}
        data-testid="inbox-filter"
        aria-label="Filter conversations"
      />
      {error ? <div className="inline-error">{error}</div> : null}
      {loading && conversations.length === 0 ? (
        <div className="skeleton-list" aria-busy="true">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="skeleton-row" />
          ))}
        </div>
      ) : conversations.length === 0 ? (
        <EmptyState title={filter ? 'No conversation matches' : 'No conversations yet'} testId="inbox-empty">
          {filter ? 'Clear the filter to see every conversation.' : 'Press N to start one, or push one from your helpdesk through the API.'}
        </EmptyState>
      ) : (
        <ul className="inbox-list" data-testid="inbox-list" role="listbox" aria-label="Conversations">
          {conversations.map((c) => (
            <li
              key={c.id}
              role="option"
              aria-selected={c.id === selectedId}
              className={`inbox-item${c.id === selectedId ? ' selected' : ''} status-${c.status}${c.flags[0] ? ` flag-${c.flags[0].priority}` : ''}`}
              data-flag={c.flags[0]?.priority ?? ''}
              data-testid="inbox-item"
              data-conversation-id={c.id}
              onClick={() => onSelect(c.id)}
            >
              <div className="avatar" aria-hidden="true">
                {initials(displayName(c))}
              </div>
              <div className="inbox-item-body">
                <div className="inbox-item-top">
                  <span className="inbox-name"><CustomerText text={displayName(c)} /></span>
                  <span className="inbox-time" title={fullTime(c.lastMessageAt ?? c.createdAt)}>
                    {relativeTime(c.lastMessageAt ?? c.createdAt)}
                  </span>
                </div>
                {c.subject ? <div className="inbox-subject"><CustomerText text={c.subject} /></div> : null}
                <div className="inbox-preview">
                  {c.lastMessageRole === 'agent' ? <span className="you">You: </span> : null}
                  {c.lastMessagePreview ? <CustomerText text={c.lastMessagePreview} /> : 'No messages yet'}
                </div>
                <div className="inbox-meta">
                  <span className={`status-chip status-${c.status}`}>{c.status}</span>
                  {c.verified ? <span className="chip chip-verified">verified</span> : null}
                  <span className="count">{c.messageCount} msg</span>
                  {c.flags.length ? (
                    <span className="inbox-flags" data-testid="inbox-flags">
                      {c.flags.slice(0, 2).map((f) => (
                        <span key={f.trigger} className={`badge badge-${f.priority}`} title={f.reason}>
                          {f.priority === 'immediate' ? '⚑ ' : ''}
                          {triggerLabel(f.trigger)}
                        </span>
                      ))}
                    </span>
                  ) : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
