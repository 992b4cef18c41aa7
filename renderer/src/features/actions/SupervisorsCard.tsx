import { useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import { useSupervisorRoster } from './useSupervisorRoster.js';
import './approvals.css';

const digits = (text: string): string => text.replace(/\D/g, '').slice(0, 12);

/**
 * Settings → Approvals: who can approve refunds over the threshold. A supervisor changes their own PIN
 * (the current one is checked, with lockout) or vouches for a new supervisor with their PIN. The first
 * supervisor, and a forgotten PIN, are an administrator's step on this computer.
 */
export function SupervisorsCard() {
  const client = useClient();
  const { push } = useNotices();
  const { roster, reload } = useSupervisorRoster();
  const [mode, setMode] = useState<'change' | 'add'>('change');
  const [name, setName] = useState('');
  const [currentPin, setCurrentPin] = useState('');
  const [pin, setPin] = useState('');
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const clear = (): void => {
    setCurrentPin('');
    setPin('');
  };

  const submit = async (): Promise<void> => {
    setError(null);
    const result =
      mode === 'change'
        ? await client.call('supervisor.changePin', { name, currentPin, pin })
        : await client.call('supervisor.add', { name: newName, pin, sponsor: { name, pin: currentPin } });
    clear();
    reload();
    if (!result.ok) return setError(result.error.message);
    setNewName('');
    push('info', mode === 'change' ? `New PIN saved for ${result.value.name}.` : `Supervisor ${result.value.name} added.`);
  };

  return (
    <div className="card" data-testid="supervisors-card">
      <h3>Approvals</h3>
      <p>Refunds over $100 — counting what the order already had refunded or has on its way — run only when a supervisor picks their name and enters their PIN.</p>
      {roster.supervisors.length === 0 ? (
        <p className="signoff-missing">
          No supervisor yet. An administrator creates the first one on this computer: <code>echo PIN | tandem supervisor set NAME</code>. That command also resets a forgotten PIN.
        </p>
      ) : (
        <>
          <ul className="settings-list" data-testid="supervisor-list">
            {roster.supervisors.map((s) => (
              <li key={s.name}>
                <bdi>{s.name}</bdi>
                {s.lockedUntil ? <span className="signoff-locked"> — locked until {new Date(s.lockedUntil).toLocaleTimeString()}</span> : null}
              </li>
            ))}
          </ul>
          <div className="segmented" role="tablist" aria-label="Supervisor change">
            <button type="button" role="tab" aria-selected={mode === 'change'} className={`button small${mode === 'change' ? ' primary' : ''}`} onClick={() => setMode('change')}>Change my PIN</button>
            <button type="button" role="tab" aria-selected={mode === 'add'} className={`button small${mode === 'add' ? ' primary' : ''}`} onClick={() => setMode('add')} data-testid="supervisor-add-mode">Add a supervisor</button>
          </div>
          <form className="settings-form" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="supervisor-form">
            <label htmlFor="sup-name">Your name</label>
            <select id="sup-name" value={name} onChange={(e) => setName(e.target.value)} data-testid="supervisor-form-name">
              <option value="">Supervisor…</option>
              {roster.supervisors.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
            </select>
            <label htmlFor="sup-current">Your current PIN</label>
            <input id="sup-current" type="password" inputMode="numeric" autoComplete="off" value={currentPin} onChange={(e) => setCurrentPin(digits(e.target.value))} data-testid="supervisor-form-current" />
            {mode === 'add' ? (
              <>
                <label htmlFor="sup-new-name">New supervisor's name</label>
                <input id="sup-new-name" value={newName} maxLength={60} onChange={(e) => setNewName(e.target.value)} data-testid="supervisor-form-new-name" />
              </>
            ) : null}
            <label htmlFor="sup-pin">{mode === 'add' ? 'Their PIN (4–12 digits)' : 'New PIN (4–12 digits)'}</label>
            <input id="sup-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(digits(e.target.value))} data-testid="supervisor-form-pin" />
            <div className="settings-actions">
              <button type="submit" className="button small primary" disabled={!name || currentPin.length < 4 || pin.length < 4 || (mode === 'add' && !newName.trim())} data-testid="supervisor-form-save">
                {mode === 'add' ? 'Add supervisor' : 'Save new PIN'}
              </button>
              {error ? <span className="inline-error" role="alert">{error}</span> : null}
            </div>
          </form>
        </>
      )}
    </div>
  );
}
