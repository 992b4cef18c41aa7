import './approvals.css';
import { useEffect, useState } from 'react';
import { useClient } from '../../state/clientContext.js';

/** Settings → Verification: whether money moves only after a second identity factor. */
export function VerificationStrengthCard() {
  const client = useClient();
  const [required, setRequired] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.call('verification.settings', {}).then((r) => (r.ok ? setRequired(r.value.secondFactorRequired) : setError(r.error.message)));
  }, [client]);
  const toggle = async (on: boolean): Promise<void> => {
    const result = await client.call('verification.settings', { secondFactorRequired: on });
    if (result.ok) setRequired(result.value.secondFactorRequired);
    else setError(result.error.message);
  };
  return (
    <div className="card" data-testid="verification-card">
      <h3>Verification</h3>
      <p>
        The policy verifies a customer by email, or by name and zip. Email alone lets anyone who knows a customer's email be confirmed as them.
      </p>
      <label className="checkbox-row">
        <input type="checkbox" checked={required === true} disabled={required === null} onChange={(e) => void toggle(e.target.checked)} data-testid="second-factor-required" />
        Before any refund, cancellation, return or exchange, require a second factor: the zip code on the account, or one of the customer's order ids.
      </label>
      <p className="muted">Off by default and in the demo workspace, so the demo follows the policy as written. Turn it on for real customers.</p>
      {error ? <div className="inline-error">{error}</div> : null}
    </div>
  );
}
