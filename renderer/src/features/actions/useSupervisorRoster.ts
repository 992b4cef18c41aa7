import type { ApiEvent, Output } from '../../../../main/api/contract.js';
import type { TandemClient } from '../../api/client.js';
import { useLiveValue } from '../../state/useLiveValue.js';

export type SupervisorRoster = Output<'supervisor.roster'>;

const EMPTY: SupervisorRoster = { supervisors: [], lockouts: [] };
const load = (client: TandemClient) => client.call('supervisor.roster', {});
const bySupervisorsOrActions = (event: ApiEvent): boolean => event.type === 'action.updated' || event.type === 'supervisors.changed';

/** The supervisors who can approve, and the lockouts; reloaded after a PIN attempt or an action change. */
export function useSupervisorRoster(): { roster: SupervisorRoster; reload: () => void } {
  const { value, reload } = useLiveValue(load, EMPTY, bySupervisorsOrActions);
  return { roster: value, reload };
}
