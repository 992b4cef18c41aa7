import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useCoalescedReload } from '../../state/useCoalescedReload.js';

export type SupervisorRoster = Output<'supervisor.roster'>;

const EMPTY: SupervisorRoster = { supervisors: [], lockouts: [] };

/** The supervisors who can approve, and the lockouts; reloaded whenever an action changes (a wrong PIN, a lockout ending). */
export function useSupervisorRoster(): { roster: SupervisorRoster; reload: () => void } {
  const client = useClient();
  const [roster, setRoster] = useState<SupervisorRoster>(EMPTY);
  const reload = useCallback(() => {
    void client.call('supervisor.roster', {}).then((r) => r.ok && setRoster(r.value));
  }, [client]);
  useEffect(reload, [reload]);
  const reloadSoon = useCoalescedReload(reload);
  useEngineEvents((event) => {
    if (event.type === 'action.updated' || event.type === 'supervisors.changed') reloadSoon();
  });
  return { roster, reload };
}
