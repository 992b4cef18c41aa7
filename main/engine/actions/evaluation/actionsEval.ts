import { z } from 'zod';
import type { ActionRecord } from '../actionTypes.js';

/**
 * Scores the action proposals of the assist pipeline against τ²-bench retail tasks: did the engine
 * propose the right customer lookup, and a lookup of each order the customer named?
 */
export const ActionTaskSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  user_scenario: z.object({
    instructions: z.object({ reason_for_call: z.string(), known_info: z.string().nullable().optional() }),
  }),
  evaluation_criteria: z.object({
    actions: z.array(z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()) })),
  }),
});
export type ActionTask = z.output<typeof ActionTaskSchema>;

export interface TaskScore {
  readonly id: string;
  /** null when the task expects no customer lookup. */
  readonly identifyCorrect: boolean | null;
  /** null when no expected order lookup names an order id that appears in the message. */
  readonly orderLookupCorrect: boolean | null;
  readonly proposedTools: readonly string[];
}

export interface ActionsEvalReport {
  readonly identify_accuracy: number;
  readonly order_lookup_accuracy: number;
  readonly n: number;
  readonly identify_n: number;
  readonly order_lookup_n: number;
}

export function firstCustomerMessage(task: ActionTask): string {
  const { reason_for_call, known_info } = task.user_scenario.instructions;
  return [reason_for_call, known_info ?? ''].filter((part) => part.trim() !== '').join(' ');
}

/** The customer id an expected identification lookup finds in the task's data (null when none). */
export type ExpectedCustomer = (lookup: { email?: string; first_name?: string; last_name?: string; zip?: string }) => string | null;

/**
 * A proposed lookup is right when it uses the expected arguments, or when it locates the account by
 * the user id the customer gave and that id is the customer the expected lookup finds: the customer
 * is the target, not the way of finding them.
 */
export function scoreTask(task: ActionTask, message: string, proposals: readonly ActionRecord[], expectedCustomer?: ExpectedCustomer): TaskScore {
  const expected = task.evaluation_criteria.actions;
  const identity = expected.find((a) => a.name === 'find_user_id_by_email' || a.name === 'find_user_id_by_name_zip');
  const lookups = proposals.filter((p) => p.tool === 'lookup_account').map((p) => p.args);
  let identifyCorrect: boolean | null = null;
  if (identity) {
    const want = identity.arguments as Record<string, string>;
    const customerId = expectedCustomer?.(want) ?? null;
    identifyCorrect = lookups.some((args) =>
      identity.name === 'find_user_id_by_email'
        ? same(args.email, want.email) || (customerId !== null && same(args.user_id, customerId))
        : (same(args.first_name, want.first_name) && same(args.last_name, want.last_name) && same(args.zip, want.zip)) || (customerId !== null && same(args.user_id, customerId)),
    );
  }
  const named = [...new Set(
    expected
      .filter((a) => a.name === 'get_order_details')
      .map((a) => String(a.arguments.order_id ?? ''))
      .filter((id) => id !== '' && message.includes(id.replace(/^#/, ''))),
  )];
  const proposedOrders = new Set(proposals.filter((p) => p.tool === 'lookup_order').map((p) => String(p.args.order_id ?? '')));
  return {
    id: task.id,
    identifyCorrect,
    orderLookupCorrect: named.length === 0 ? null : named.every((id) => proposedOrders.has(id)),
    proposedTools: proposals.map((p) => p.tool),
  };
}

export function summarize(scores: readonly TaskScore[]): ActionsEvalReport {
  const identify = scores.filter((s) => s.identifyCorrect !== null);
  const orders = scores.filter((s) => s.orderLookupCorrect !== null);
  const rate = (xs: readonly TaskScore[], key: 'identifyCorrect' | 'orderLookupCorrect'): number =>
    xs.length === 0 ? 0 : Math.round((xs.filter((s) => s[key]).length / xs.length) * 1000) / 1000;
  return {
    identify_accuracy: rate(identify, 'identifyCorrect'),
    order_lookup_accuracy: rate(orders, 'orderLookupCorrect'),
    n: scores.length,
    identify_n: identify.length,
    order_lookup_n: orders.length,
  };
}

function same(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
}
