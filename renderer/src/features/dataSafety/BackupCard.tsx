import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';

type Listing = Output<'backup.list'>;

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Settings → Backups: a one-click online backup (safe while Tandem runs, verified after writing), the
 * backups in the data folder, and how to restore one. Restoring replaces the database the app has open,
 * so it is done with Tandem closed, from the command line; the card says exactly how.
 */
export function BackupCard() {
  const client = useClient();
  const { push } = useNotices();
  const [listing, setListing] = useState<Listing | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    void client.call('backup.list', {}).then((r) => (r.ok ? setListing(r.value) : push('error', r.error.message)));
  }, [client, push]);
  useEffect(refresh, [refresh]);

  const create = async (): Promise<void> => {
    setBusy(true);
    const result = await client.call('backup.create', {});
    setBusy(false);
    if (!result.ok) return push('error', result.error.message);
    push('info', `Backup written and verified (${megabytes(result.value.bytes)}, ${Math.round(result.value.durationMs)} ms).`);
    refresh();
  };

  return (
    <div className="card" data-testid="backup-card">
      <h3>Backups</h3>
      <p className="muted">A consistent copy of the whole workspace (conversations, actions, audit trail, knowledge), taken while you keep working.</p>
      <button type="button" className="button small primary" disabled={busy} onClick={() => void create()} data-testid="backup-create">
        {busy ? 'Backing up…' : 'Create backup'}
      </button>
      {listing === null ? (
        <div className="loading">Loading…</div>
      ) : listing.backups.length === 0 ? (
        <p className="muted" data-testid="backup-empty">No backups yet{listing.folder ? ` in ${listing.folder}` : ''}.</p>
      ) : (
        <ul className="facts" data-testid="backup-list">
          {listing.backups.map((b) => (
            <li key={b.name} className="mono" data-testid="backup-item">
              {new Date(b.createdAt).toLocaleString()} · {megabytes(b.bytes)} · {b.name}
            </li>
          ))}
        </ul>
      )}
      {listing ? <p className="muted" data-testid="backup-restore-help">{listing.restoreInstructions}</p> : null}
    </div>
  );
}
