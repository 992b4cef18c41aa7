import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import { megabytes, type BackupRow } from './backupFormat.js';
import { RestoreBackupDialog } from './RestoreBackupDialog.js';

type Listing = Output<'backup.list'>;

/**
 * Settings → Backups: a one-click online backup (safe while Tandem runs, verified after writing), and the
 * backups in the data folder with their verification status. Each can be verified, or restored: the
 * dialog says what a restore does, verifies the backup, restores it and reloads the app.
 */
export function BackupCard() {
  const client = useClient();
  const { push } = useNotices();
  const [listing, setListing] = useState<Listing | null>(null);
  const [busy, setBusy] = useState(false);
  const [verifying, setVerifying] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupRow | null>(null);

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

  const verify = async (name: string): Promise<void> => {
    setVerifying(name);
    const result = await client.call('backup.verify', { name });
    setVerifying(null);
    if (!result.ok) push('error', result.error.message);
    else if (!result.value.ok) push('error', `${name} cannot be restored: ${result.value.reason}.`);
    refresh();
  };

  return (
    <div className="card" data-testid="backup-card">
      <h3>Backups</h3>
      <p className="muted">A consistent copy of the whole workspace (conversations, actions, audit trail, knowledge), taken while you keep working.</p>
      {listing ? (
        <p className="muted" data-testid="encryption-at-rest">
          Encryption at rest: <strong>{listing.encryptedAtRest ? 'on' : 'off'}</strong>
          {listing.encryptedAtRest
            ? ' — the database and its backups are encrypted with the workspace key.'
            : ' — the database is a plain SQLite file; rely on full-disk encryption, or encrypt it with `tandem encrypt`.'}
        </p>
      ) : null}
      <button type="button" className="button small primary" disabled={busy} onClick={() => void create()} data-testid="backup-create">
        {busy ? 'Backing up…' : 'Create backup'}
      </button>
      {listing === null ? (
        <div className="loading">Loading…</div>
      ) : listing.backups.length === 0 ? (
        <p className="muted" data-testid="backup-empty">No backups yet{listing.folder ? ` in ${listing.folder}` : ''}.</p>
      ) : (
        <ul className="backup-list" data-testid="backup-list">
          {listing.backups.map((b) => (
            <li key={b.name} className="backup-row" data-testid="backup-item" data-backup-name={b.name} data-check={b.check.status}>
              <span className="backup-when">{new Date(b.createdAt).toLocaleString()}</span>
              <span className="muted">{megabytes(b.bytes)}</span>
              <CheckLabel check={b.check} />
              <span className="backup-buttons">
                {b.check.status !== 'verified' ? (
                  <button type="button" className="button small" disabled={verifying !== null} onClick={() => void verify(b.name)} data-testid="backup-verify">
                    {verifying === b.name ? 'Verifying…' : 'Verify'}
                  </button>
                ) : null}
                <button type="button" className="button small" onClick={() => setRestoring(b)} data-testid="backup-restore">
                  Restore…
                </button>
              </span>
              <span className="mono muted backup-name">{b.name}</span>
            </li>
          ))}
        </ul>
      )}
      {listing ? <p className="muted" data-testid="backup-restore-help">{listing.restoreInstructions}</p> : null}
      {restoring ? (
        <RestoreBackupDialog
          backup={restoring}
          onClose={() => {
            setRestoring(null);
            refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function CheckLabel({ check }: { check: BackupRow['check'] }) {
  if (check.status === 'verified') return <span className="backup-check ok" data-testid="backup-check">Verified</span>;
  if (check.status === 'failed') {
    return <span className="backup-check failed" title={check.reason ?? undefined} data-testid="backup-check">Failed verification</span>;
  }
  return <span className="backup-check muted" data-testid="backup-check">Not verified yet</span>;
}
