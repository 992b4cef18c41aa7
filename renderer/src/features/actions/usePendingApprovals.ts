import type { ApiEvent } from '../../../../main/api/contract.js';
import type { TandemClient } from '../../api/client.js';
import { useLiveValue } from '../../state/useLiveValue.js';
import type { ActionView } from './actionFormat.js';

const load = (client: TandemClient) => client.call('approvals.pending', {});
const byActions = (event: ApiEvent): boolean => event.type === 'action.updated';
const NONE: ActionView[] = [];

/** Data-changing actions waiting for a decision, across conversations; kept fresh by action events. */
export function usePendingApprovals(): { pending: ActionView[]; reload: () => void } {
  const { value, reload } = useLiveValue(load, NONE, byActions);
  return { pending: value, reload };
}
