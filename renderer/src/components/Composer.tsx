import { forwardRef, useState } from 'react';

interface Props {
  asCustomer: boolean;
  onToggleRole: () => void;
  onSend: (content: string, role: 'customer' | 'agent') => Promise<boolean>;
  disabled: boolean;
}

const LIMIT = 20_000;

/**
 * Where the agent writes. "Customer says" switches the next message to the customer's side, for
 * pasting from another channel or simulating a chat; it is always visible so nobody sends by mistake.
 */
export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer({ asCustomer, onToggleRole, onSend, disabled }, ref) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const blank = text.trim().length === 0;
  const tooLong = text.length > LIMIT;

  const send = async (): Promise<void> => {
    if (blank || tooLong || sending) return;
    setSending(true);
    const sent = await onSend(text, asCustomer ? 'customer' : 'agent');
    setSending(false);
    if (sent) setText('');
  };

  return (
    <div className={`composer${asCustomer ? ' as-customer' : ''}`}>
      <div className="composer-bar">
        <button
          type="button"
          className={`toggle${asCustomer ? ' on' : ''}`}
          aria-pressed={asCustomer}
          data-testid="composer-role-toggle"
          onClick={onToggleRole}
          title="Customer says (Ctrl+Shift+U)"
        >
          <span className="toggle-knob" /> Customer says
        </button>
        <span className="composer-hint">{asCustomer ? 'Adding the customer’s message' : 'Replying as you'} · Ctrl+Enter to send</span>
        {tooLong ? <span className="composer-error">{text.length.toLocaleString()} / {LIMIT.toLocaleString()} characters</span> : null}
      </div>
      <div className="composer-row">
        <textarea
          ref={ref}
          data-testid="composer-input"
          value={text}
          disabled={disabled}
          placeholder={asCustomer ? 'Paste or type what the customer said…' : 'Write a reply…'}
          aria-label={asCustomer ? 'Customer message' : 'Reply'}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            }
          }}
          rows={3}
        />
        <button
          type="button"
          className="button primary"
          data-testid="composer-send"
          disabled={disabled || blank || tooLong || sending}
          onClick={() => void send()}
        >
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </div>
  );
});
