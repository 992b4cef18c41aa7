import { CustomerText } from './CustomerText.js';
import { revealBidiControls } from './customerText.js';
import { useEffect, useRef } from 'react';
import type { Message } from '../state/useConversation.js';
import { clockTime, fullTime } from './format.js';

const ROLE_LABEL: Record<Message['role'], string> = { customer: 'Customer', agent: 'You', system: 'System', tool: 'Tool result' };

/** The message thread. Customer text is rendered as text (never HTML), so it cannot inject markup. */
export function Thread({ messages, customerLabel }: { messages: readonly Message[]; customerLabel: string }) {
  const end = useRef<HTMLDivElement>(null);
  // Block body on purpose: newer browsers return a Promise from scrollIntoView, and an effect may only return a cleanup.
  useEffect(() => {
    void end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);
  return (
    <div className="thread" data-testid="thread" aria-live="polite">
      {messages.length === 0 ? <div className="thread-empty">No messages yet. Paste or type what the customer said, or write to them.</div> : null}
      {messages.map((m) => (
        <div key={m.id} className={`message message-${m.role}`} data-testid="message" data-role={m.role}>
          <div className="message-meta">
            <span className="message-author">{m.role === 'customer' ? <CustomerText text={customerLabel} /> : ROLE_LABEL[m.role]}</span>
            <time title={fullTime(m.createdAt)}>{clockTime(m.createdAt)}</time>
          </div>
          <div className="message-bubble" dir="auto">{m.role === 'customer' ? revealBidiControls(m.content) : m.content}</div>
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}
