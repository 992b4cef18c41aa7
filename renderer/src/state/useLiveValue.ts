import { useCallback, useEffect, useState } from 'react';
import type { ApiEvent, Result } from '../../../main/api/contract.js';
import { useClient, useEngineEvents } from './clientContext.js';
import type { TandemClient } from '../api/client.js';
import { useCoalescedReload } from './useCoalescedReload.js';

/**
 * A value loaded from the engine and loaded again (coalesced) whenever an event says it may have
 * changed. `load` must be stable (a module-level function), so the value is loaded once per mount.
 */
export function useLiveValue<T>(load: (client: TandemClient) => Promise<Result<T>>, initial: T, changedBy: (event: ApiEvent) => boolean): { value: T; reload: () => void } {
  const client = useClient();
  const [value, setValue] = useState<T>(initial);
  const reload = useCallback(() => {
    void load(client).then((r) => r.ok && setValue(r.value));
  }, [client, load]);
  useEffect(reload, [reload]);
  const reloadSoon = useCoalescedReload(reload);
  useEngineEvents((event) => {
    if (changedBy(event)) reloadSoon();
  });
  return { value, reload };
}
