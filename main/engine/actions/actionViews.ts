import type { ActionRow } from './actionRepository.js';
import type { ActionRecord } from './actionTypes.js';
import { toActionRecord } from './actionView.js';

/** Views kept at most (about one busy day of actions across open conversations). */
const MAX_VIEWS = 5_000;

/**
 * Remembers the view of each action row as last built. A conversation's action list is read several
 * times per customer message (before proposing, per proposal pass, for escalation and the draft); in a
 * long conversation, parsing every earlier action's arguments and result each time grew with every
 * message. A view is reused only when every column of the row and the conversation's verified customer
 * are unchanged, so it is exactly what toActionRecord would build. Views are shared: callers must not
 * mutate them.
 */
export class ActionViews {
  private readonly views = new Map<string, { row: ActionRow; verifiedCustomerId: string | null; record: ActionRecord }>();

  of(row: ActionRow, verifiedCustomerId: string | null): ActionRecord {
    const cached = this.views.get(row.id);
    if (cached && cached.verifiedCustomerId === verifiedCustomerId && sameRow(cached.row, row)) return cached.record;
    const record = toActionRecord(row, verifiedCustomerId);
    this.views.delete(row.id);
    this.views.set(row.id, { row, verifiedCustomerId, record });
    if (this.views.size > MAX_VIEWS) this.views.delete(this.views.keys().next().value as string);
    return record;
  }
}

function sameRow(a: ActionRow, b: ActionRow): boolean {
  for (const key of Object.keys(b) as (keyof ActionRow)[]) if (a[key] !== b[key]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}
