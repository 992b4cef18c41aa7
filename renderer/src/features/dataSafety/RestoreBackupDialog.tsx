import { useEffect, useRef, useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import { megabytes, type BackupRow } from './backupFormat.js';
import { reloadAfterRestore, restoredNotice } from './workspaceReload.js';

type Phase = { step: 'confirm' } | { step: 'verifying' } | { step: 'restoring' } | { step: 'failed'; message: string };

/**
 * Says what a restore does before it happens, then verifies the backup (a damaged one stops here and
 * nothing changes), restores it and reloads the app on the restored workspace.
 */
export function RestoreBackupDialog({ backup, onClose }: { backup: BackupRow; onClose: () => void }) {
  const client = useClient();
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const working = phase.step === 'verifying' || phase.step === 'restoring';

  const restore = async (): Promise<void> => {
    setPhase({ step: 'verifying' });
    const verdict = await client.call('backup.verify', { name: backup.name });
    if (!verdict.ok) return setPhase({ step: 'failed', message: verdict.error.message });
    if (!verdict.value.ok) return setPhase({ step: 'failed', message: `This backup cannot be restored: ${verdict.value.reason}. Nothing was changed.` });
    setPhase({ step: 'restoring' });
    const result = await client.call('backup.restore', { name: backup.name });
    if (!result.ok) return setPhase({ step: 'failed', message: result.error.message });
    reloadAfterRestore(restoredNotice(result.value));
  };

  const close = (): void => {
    if (!working) onClose();
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="modal wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="restore-title"
        data-testid="restore-dialog"
        onKeyDown={(e) => e.key === 'Escape' && close()}
      >
        <h2 id="restore-title">Restore this backup?</h2>
        <p>
          Backup of <strong>{new Date(backup.createdAt).toLocaleString()}</strong> ({megabytes(backup.bytes)}), <span className="mono">{backup.name}</span>
        </p>
        <ul className="restore-steps">
          <li>Tandem verifies the backup first. A damaged backup is refused and nothing changes.</li>
          <li>
            The whole workspace goes back to that moment: conversations, actions, tickets, the audit trail, knowledge articles and
            settings. Everything since is replaced.
          </li>
          <li>
            The current database is not deleted: it is kept aside in the data folder, next to tandem.db, as{' '}
            <span className="mono">tandem.db.before-restore-&lt;time&gt;</span>.
          </li>
          <li>The workspace closes for a moment and reopens on the backup; every open Tandem window reloads.</li>
        </ul>
        {phase.step === 'failed' ? (
          <div className="action-error" role="alert" data-testid="restore-error">
            {phase.message}
          </div>
        ) : null}
        {working ? (
          <div className="loading" data-testid="restore-progress">
            {phase.step === 'verifying' ? 'Verifying the backup…' : 'Restoring and reopening the workspace…'}
          </div>
        ) : null}
        <div className="modal-actions">
          <button ref={cancel} type="button" className="button" disabled={working} onClick={close} data-testid="restore-cancel">
            {phase.step === 'failed' ? 'Close' : 'Cancel'}
          </button>
          {phase.step !== 'failed' ? (
            <button type="button" className="button danger" disabled={working} onClick={() => void restore()} data-testid="restore-confirm">
              Verify and restore
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
