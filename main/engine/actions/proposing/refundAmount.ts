import { formatCents } from '../../money.js';
import { describeItems, itemsAddingUpTo, itemsTotal, type ItemSelection } from './itemSelection.js';
import type { OrderLine } from './itemMentions.js';
import type { ProposalHold } from './proposalDetails.js';
import type { StatedAmount } from './statedAmounts.js';

export interface RefundAmount {
  /** Cents to prefill; null when nothing sensible can be prefilled (the agent enters it). */
  readonly cents: number | null;
  /** The items the refund is for (may be more precise than the selection, e.g. found from the amount). */
  readonly lines: readonly number[];
  readonly hold: ProposalHold | null;
  readonly notes: readonly string[];
  readonly statedCents: number | null;
}

const PROBLEMS: Record<NonNullable<StatedAmount['problem']>, (a: StatedAmount) => ProposalHold> = {
  unclear: (a) => ({ code: 'amount_unclear', message: `The customer wrote “${a.raw}”, which is not a clear amount: confirm the amount with them before refunding.` }),
  not_positive: (a) => ({ code: 'amount_not_positive', message: `The customer asked for “${a.raw}”; a refund must be more than $0.00. Confirm what they expect.` }),
  currency: (a) => ({ code: 'amount_currency', message: `The customer asked for ${a.raw} (${a.currency}); refunds are made in US dollars. Confirm the amount in dollars.` }),
};

/**
 * The refund a card proposes: the chosen items' prices, or the amount the customer stated when it fits
 * those items and what is left to refund. Never more than the customer asked for, never more than is
 * refundable; an amount that cannot be used as written holds the card for the agent.
 */
export function refundAmount(lines: readonly OrderLine[], selection: ItemSelection, stated: readonly StatedAmount[], refundableCents: number): RefundAmount {
  const notes: string[] = [];
  const usable = stated.find((a) => a.problem === null && a.cents !== null);
  const problem = usable ? undefined : stated.find((a) => a.problem !== null);
  let chosen = [...selection.lines];
  let hold = selection.hold;
  // "That's $929.79" with no items named: the one set of items that costs exactly that.
  if (chosen.length === 0 && usable) {
    const matching = itemsAddingUpTo(lines, usable.cents!);
    if (matching) {
      chosen = matching;
      hold = null;
      notes.push(`No items named; ${describeItems(lines, chosen)} add up to the ${formatCents(usable.cents!)} asked for.`);
    }
  }
  const total = itemsTotal(lines, chosen);
  let cents: number | null = chosen.length > 0 ? total : null;
  if (usable) {
    const asked = usable.cents!;
    if (chosen.length === 0) {
      // An amount without items (a goodwill or partial refund): only the amount is known.
      cents = asked;
      if (hold?.code === 'choose_items') {
        hold = null;
        notes.push(`The customer asked for ${formatCents(asked)} without naming items; the card refunds that amount only.`);
      }
    } else if (asked < total) {
      cents = asked;
      notes.push(`The customer asked for ${formatCents(asked)}, less than ${describeItems(lines, chosen)}.`);
    } else if (asked > total) {
      notes.push(`The customer asked for ${formatCents(asked)}, but ${describeItems(lines, chosen)}.`);
    } else {
      notes.push(`The customer asked for ${formatCents(asked)}: ${describeItems(lines, chosen)}.`);
    }
    if (asked > refundableCents) {
      hold ??= { code: 'amount_exceeds', message: `The customer asked for ${formatCents(asked)}, more than the ${formatCents(refundableCents)} left to refund on this order. Confirm the amount with them.` };
    }
  } else if (problem) {
    hold ??= PROBLEMS[problem.problem!](problem);
  } else if (chosen.length > 0) {
    notes.push(`Refunds ${describeItems(lines, chosen)}.`);
  }
  if (cents !== null && cents > refundableCents) {
    notes.push(`Capped at the ${formatCents(refundableCents)} left to refund on this order.`);
    cents = refundableCents;
  }
  if (cents !== null && cents <= 0) cents = null;
  return { cents, lines: chosen, hold, notes, statedCents: usable?.cents ?? null };
}
