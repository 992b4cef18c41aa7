import { useEffect, useRef, useState } from 'react';

export interface NewConversationInput {
  customerRef: string;
  subject: string;
  firstMessage: string;
}

/** A modal dialog; Escape closes it, Ctrl+Enter submits, focus starts on the customer field. */
export function NewConversationDialog({
  onCreate,
  onClose,
}: {
  onCreate: (input: NewConversationInput) => Promise<boolean>;
  onClose: () => void;
}) {
  const [customerRef, setCustomerRef] = useState('');
  const [subject, setSubject] = useState('');
  const [firstMessage, setFirstMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);

  const submit = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const created = await onCreate({ customerRef, subject, firstMessage });
    setBusy(false);
    if (created) onClose();
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="new-conversation-title"
        data-testid="new-conversation-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      >
        <h2 id="new-conversation-title">New conversation</h2>
        <label>
          Customer (email or name)
          <input
            ref={first}
            value={customerRef}
            maxLength={200}
            onChange={(e) => setCustomerRef(e.target.value)}
            placeholder="noah.brown7922@example.com"
            data-testid="new-conversation-customer"
          />
        </label>
        <label>
          Subject
          <input
            value={subject}
            maxLength={200}
            onChange={(e) => setSubject(e.target.value)}
            placeholder="Where is my order?"
            data-testid="new-conversation-subject"
          />
        </label>
        <label>
          First customer message (optional)
          <textarea
            value={firstMessage}
            rows={4}
            onChange={(e) => setFirstMessage(e.target.value)}
            placeholder="Paste what the customer wrote…"
            data-testid="new-conversation-message"
          />
        </label>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="new-conversation-submit">
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </div>
  );
}
