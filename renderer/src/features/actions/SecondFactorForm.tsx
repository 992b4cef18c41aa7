import { useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import './approvals.css';

/** On a card that moves money, when the workspace asks for it: the zip on the account, or one of the customer's order ids. */
export function SecondFactorForm({ conversationId }: { conversationId: string }) {
  const client = useClient();
  const [kind, setKind] = useState<'zip' | 'orderId'>('zip');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = async (): Promise<void> => {
    setError(null);
    const result = await client.call('customer.confirmSecondFactor', { conversationId, proof: kind === 'zip' ? { zip: text } : { orderId: text } });
    if (!result.ok) return setError(result.error.message);
    setText('');
  };
  return (
    <form className="signoff" onSubmit={(e) => { e.preventDefault(); void confirm(); }} data-testid="second-factor-form">
      <select value={kind} onChange={(e) => setKind(e.target.value as 'zip' | 'orderId')} aria-label="Second factor">
        <option value="zip">Zip code on the account</option>
        <option value="orderId">One of their order ids</option>
      </select>
      <input value={text} maxLength={40} onChange={(e) => setText(e.target.value)} placeholder={kind === 'zip' ? 'zip the customer gives' : 'order id the customer gives'} aria-label="What the customer said" data-testid="second-factor-input" />
      <button type="submit" className="button small" disabled={!text.trim()} data-testid="second-factor-confirm">Confirm</button>
      {error ? <span className="signoff-locked" role="alert">{error}</span> : null}
    </form>
  );
}
