import { useEffect } from 'react';
import type { ApiEvent } from '../../../../main/api/contract.js';
import { useEngineEvents } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';

const NOTICE_KEY = 'tandem.noticeAfterReload';

type Restored = Extract<ApiEvent, { type: 'workspace.restored' }>;

export function restoredNotice(restored: Pick<Restored, 'backupName' | 'previousDatabase' | 'conversations'>): string {
  const kept = restored.previousDatabase ? ` The database from before is kept in the data folder as ${restored.previousDatabase}.` : '';
  return `Workspace restored from ${restored.backupName} (${restored.conversations} conversations).${kept}`;
}

/**
 * Reloads the whole UI from the restored workspace: every screen, list and cache starts again from the
 * new database, as after a fresh start. The confirmation is carried across the reload in this tab's
 * session storage and shown once the app is back.
 */
export function reloadAfterRestore(notice: string): void {
  window.sessionStorage.setItem(NOTICE_KEY, notice);
  window.location.reload();
}

/** App-wide: any window reloads when the workspace was restored (here or in another window), then says so. */
export function useWorkspaceRestoredReload(): void {
  const { push } = useNotices();
  useEffect(() => {
    const notice = window.sessionStorage.getItem(NOTICE_KEY);
    if (notice === null) return;
    window.sessionStorage.removeItem(NOTICE_KEY);
    push('info', notice);
  }, [push]);
  useEngineEvents((event) => {
    if (event.type === 'workspace.restored') reloadAfterRestore(restoredNotice(event));
  });
}
