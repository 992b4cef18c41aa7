import './approvals.css';
import { useEffect, useRef } from 'react';
import { useSupervisorRoster } from './useSupervisorRoster.js';

export interface SignOffValue {
  readonly name: string;
  readonly pin: string;
}

/**
 * Who approves an action that needs a supervisor: the supervisor picks their name and types their PIN.
 * `asking` is set after an Approve without a PIN, so the prompt says why nothing happened and takes focus.
 */
export function SupervisorSignOff({
  value,
  onChange,
  asking,
  reason,
}: {
  value: SignOffValue;
  onChange: (value: SignOffValue) => void;
  asking: boolean;
  reason: string | null;
}) {
  const { roster } = useSupervisorRoster();
  const pinRef = useRef<HTMLInputElement>(null);
  const names = roster.supervisors.map((s) => s.name);
  const chosen = roster.supervisors.find((s) => s.name === value.name);
  useEffect(() => {
    if (asking) pinRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (!value.name && names.length === 1) onChange({ ...value, name: names[0]! });
  }, [names, value, onChange]);

  if (names.length === 0) {
    return (
      <div className="signoff signoff-missing" data-testid="supervisor-signoff">
        No supervisor profile exists yet. An administrator creates one on this computer: <code>tandem supervisor set NAME</code> (the PIN is read from standard input).
      </div>
    );
  }
  return (
    <div className={`signoff${asking ? ' signoff-asking' : ''}`} data-testid="supervisor-signoff" role="group" aria-label="Supervisor approval">
      {asking ? <p className="signoff-prompt" role="status">Nothing was changed: this needs a supervisor. {reason ?? ''} Pick the supervisor and have them enter their PIN.</p> : null}
      {!asking && reason ? <p className="muted signoff-reason">{reason}</p> : null}
      <select value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} aria-label="Supervisor" data-testid="supervisor-name">
        <option value="">Supervisor…</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <input
        ref={pinRef}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        placeholder="Supervisor PIN"
        maxLength={12}
        value={value.pin}
        onChange={(e) => onChange({ ...value, pin: e.target.value.replace(/\D/g, '') })}
        aria-label="Supervisor PIN"
        data-testid="supervisor-pin"
        disabled={chosen?.lockedUntil != null}
      />
      {chosen?.lockedUntil != null ? (
        <span className="signoff-locked" role="alert" data-testid="supervisor-locked">
          Locked after too many wrong PINs until {new Date(chosen.lockedUntil).toLocaleTimeString()}.
        </span>
      ) : null}
    </div>
  );
}
