import { useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';

type Candidate = NonNullable<Output<'customer.verify'>['candidate']>;

/** Verification per policy: find the account by email, or name + zip, then the agent confirms the match. */
export function VerifyCustomer({ conversationId, onVerified }: { conversationId: string; onVerified: () => void }) {
  const client = useClient();
  const { push } = useNotices();
  const [email, setEmail] = useState('');
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [zip, setZip] = useState('');
  const [candidate, setCandidate] = useState<Candidate | null>(null);
  const lookup = email.trim() ? { email: email.trim() } : { firstName: first.trim(), lastName: last.trim(), zip: zip.trim() };

  const find = async (): Promise<void> => {
    const result = await client.call('customer.verify', { conversationId, lookup });
    if (!result.ok) return push('error', result.error.message);
    if (!result.value.candidate) return push('error', 'No customer matches those details; ask the customer to check them.');
    setCandidate(result.value.candidate);
  };
  const confirm = async (): Promise<void> => {
    if (!candidate) return;
    const result = await client.call('customer.verify', { conversationId, lookup, confirmCustomerId: candidate.customerId });
    if (!result.ok) return push('error', result.error.message);
    push('info', `${candidate.firstName} ${candidate.lastName} is verified.`);
    onVerified();
  };

  return (
    <div className="verify-customer" data-testid="verify-customer">
      <div className="muted">Not verified. Find the account by email, or by name and zip:</div>
      <form onSubmit={(e) => { e.preventDefault(); void find(); }} className="verify-form">
        <input placeholder="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-label="Email" data-testid="verify-email" />
        <input placeholder="first name" value={first} onChange={(e) => setFirst(e.target.value)} aria-label="First name" />
        <input placeholder="last name" value={last} onChange={(e) => setLast(e.target.value)} aria-label="Last name" />
        <input placeholder="zip" value={zip} onChange={(e) => setZip(e.target.value)} aria-label="Zip" />
        <button type="submit" className="button small" data-testid="verify-find">Find</button>
      </form>
      {candidate ? (
        <div className="verify-candidate">
          {candidate.firstName} {candidate.lastName} ·{' '}
          {candidate.masked?.includes('email') ? <span className="muted" data-testid="verify-email-hidden">email hidden until verified</span> : candidate.email} ·{' '}
          {candidate.masked?.includes('zip') ? <span className="muted" data-testid="verify-zip-hidden">zip hidden until verified</span> : <>zip {candidate.zip}</>}
          <button type="button" className="button small primary" onClick={() => void confirm()} data-testid="verify-confirm">Confirm match</button>
        </div>
      ) : null}
    </div>
  );
}
