import { useEffect, useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';

const MAX_DAYS = 3650;

/**
 * Settings → Retention: "purge customer data older than N days" (off by default). Turning it on purges
 * at once and then every few hours; the audit trail keeps who approved what, without customer text.
 */
export function RetentionCard() {
  const client = useClient();
  const { push } = useNotices();
  const [days, setDays] = useState<number | null | undefined>(undefined);
  const [draft, setDraft] = useState('');

  useEffect(() => {
    void client.call('retention.get', {}).then((r) => {
      if (!r.ok) return push('error', r.error.message);
      setDays(r.value.purgeAfterDays);
      setDraft(r.value.purgeAfterDays === null ? '' : String(r.value.purgeAfterDays));
    });
  }, [client, push]);

  const save = async (value: number | null): Promise<void> => {
    if (value !== null) {
      const check = await client.call('retention.purge', { days: value, dryRun: true });
      if (!check.ok) return push('error', check.error.message);
      if (check.value.conversations > 0 && !window.confirm(`This deletes ${check.value.conversations} conversations (${check.value.messages} messages) last active more than ${value} days ago. Continue?`)) return;
    }
    const result = await client.call('retention.set', { purgeAfterDays: value });
    if (!result.ok) return push('error', result.error.message);
    setDays(result.value.purgeAfterDays);
    if (value !== null) {
      const purged = await client.call('retention.purge', {});
      if (!purged.ok) return push('error', purged.error.message);
      push('info', `Retention on: ${purged.value.conversations} old conversations purged.`);
    } else push('info', 'Retention off: conversations are kept until you delete them.');
  };

  const parsed = /^\d+$/.test(draft.trim()) ? Number(draft.trim()) : NaN;
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= MAX_DAYS;
  return (
    <div className="card" data-testid="retention-card">
      <h3>Data retention</h3>
      <p className="muted">
        {days === undefined ? 'Loading…' : days === null ? 'Off: customer data is kept until you delete it.' : `On: conversations last active more than ${days} days ago are deleted with everything attached to them.`}
      </p>
      <form onSubmit={(e) => { e.preventDefault(); if (valid) void save(parsed); }}>
        <label>
          Purge customer data older than{' '}
          <input type="number" min={1} max={MAX_DAYS} value={draft} onChange={(e) => setDraft(e.target.value)} aria-invalid={draft !== '' && !valid} data-testid="retention-days" style={{ width: '6em' }} />{' '}
          days
        </label>{' '}
        <button type="submit" className="button small" disabled={!valid} data-testid="retention-save">Save</button>{' '}
        {days !== null && days !== undefined ? <button type="button" className="button small" onClick={() => void save(null)} data-testid="retention-off">Turn off</button> : null}
      </form>
      {draft !== '' && !valid ? <div className="action-error">Enter a whole number of days from 1 to {MAX_DAYS}.</div> : null}
    </div>
  );
}
