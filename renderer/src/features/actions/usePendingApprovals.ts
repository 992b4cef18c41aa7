import { useCallback, useEffect, useState } from 'react';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useCoalescedReload } from '../../state/useCoalescedReload.js';
import type { ActionView } from './actionFormat.js';

/** Data-changing actions waiting for a decision, across conversations; kept fresh by action events. */
export function usePendingApprovals(): { pending: ActionView[]; reload: () => void } {
  const client = useClient();
  const [pending, setPending] = useState<ActionView[]>([]);
  const reload = useCallback(() => {
    void client.call('approvals.pending', {}).then((r) => r.ok && setPending(r.value));
  }, [client]);
  useEffect(reload, [reload]);
  const reloadSoon = useCoalescedReload(reload);
  useEngineEvents((event) => {
    if (event.type === 'action.updated') reloadSoon();
  });
  return { pending, reload };
}
