import { useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';

type Candidate = NonNullable<Output<'customer.verify'>['candidate']>;

/**
 * Verification per policy: find the account by email, or name + zip, then the agent confirms the
 * match. When a proposed lookup already found it, its card has a one-click "Confirm" and this form
 * stays folded away.
 */
export function VerifyCustomer({ conversationId, onVerified, collapsed = false }: { conversationId: string; onVerified: () => void; collapsed?: boolean }) {
  const client = useClient();
  const { push } = useNotices();
  const [open, setOpen] = useState(!collapsed);
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

  if (!open) {
    return (
      <div className="verify-customer verify-folded" data-testid="verify-customer">
        <span className="chip chip-unverified">Not verified</span>
        <span className="muted">Confirm the account on its lookup card below, or</span>
        <button type="button" className="link-button" onClick={() => setOpen(true)} data-testid="verify-open">find it by hand…</button>
      </div>
    );
  }
  return (
    <div className="verify-customer" data-testid="verify-customer">
      <div className="verify-title"><span className="chip chip-unverified">Not verified</span> Find the account by email, or by name and zip:</div>
      <form onSubmit={(e) => { e.preventDefault(); void find(); }} className="verify-form">
        <label className="verify-email">
          <span className="form-label">Email</span>
          <input type="email" placeholder="name@example.com" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="verify-email" />
        </label>
        <div className="verify-or muted">or</div>
        <label>
          <span className="form-label">First name</span>
          <input value={first} onChange={(e) => setFirst(e.target.value)} data-testid="verify-first" />
        </label>
        <label>
          <span className="form-label">Last name</span>
          <input value={last} onChange={(e) => setLast(e.target.value)} data-testid="verify-last" />
        </label>
        <label className="verify-zip">
          <span className="form-label">Zip</span>
          <input inputMode="numeric" value={zip} onChange={(e) => setZip(e.target.value)} data-testid="verify-zip" />
        </label>
        <button type="submit" className="button small" data-testid="verify-find">Find</button>
      </form>
      {candidate ? (
        <div className="verify-candidate">
          <span>
            {candidate.firstName} {candidate.lastName} ·{' '}
            {candidate.masked?.includes('email') ? <span className="muted" data-testid="verify-email-hidden">email hidden until verified</span> : candidate.email} ·{' '}
            {candidate.masked?.includes('zip') ? <span className="muted" data-testid="verify-zip-hidden">zip hidden until verified</span> : <>zip {candidate.zip}</>}
          </span>
          <button type="button" className="button small primary" onClick={() => void confirm()} data-testid="verify-confirm">Confirm match</button>
        </div>
      ) : null}
    </div>
  );
}
