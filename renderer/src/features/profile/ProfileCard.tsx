import { useEffect, useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import '../actions/approvals.css';

/** Settings → Profile: the name this desktop's agent works under; cards' "Decided by" and the audit show it. */
export function ProfileCard() {
  const client = useClient();
  const { push } = useNotices();
  const [saved, setSaved] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.call('profile.get', {}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setSaved(r.value.displayName);
      setName(r.value.displayName);
    });
  }, [client]);

  const save = async (): Promise<void> => {
    setError(null);
    const result = await client.call('profile.update', { displayName: name });
    if (!result.ok) return setError(result.error.message);
    setSaved(result.value.displayName);
    setName(result.value.displayName);
    push('info', `Your decisions are now recorded as ${result.value.displayName}.`);
  };

  return (
    <div className="card" data-testid="profile-card">
      <h3>Profile</h3>
      <p>Your display name: every approval, rejection and reply you make is recorded under it, and cards show it as “Decided by”.</p>
      <form className="settings-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label htmlFor="profile-name">Display name</label>
        <input id="profile-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} data-testid="profile-name" disabled={saved === null} />
        <div className="settings-actions">
          <button type="submit" className="button small primary" disabled={saved === null || name.trim() === saved} data-testid="profile-save">Save</button>
          {error ? <span className="inline-error" role="alert">{error}</span> : null}
        </div>
      </form>
    </div>
  );
}
