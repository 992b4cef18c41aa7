import type { CommerceSnapshot } from '../../commerce/types.js';
import type { Engine } from '../../engine.js';
import { firstCustomerMessage, scoreTask, summarize, type ActionTask, type ActionsEvalReport, type ExpectedCustomer, type TaskScore } from './actionsEval.js';

/**
 * For each task: a fresh engine with the task's commerce data, a conversation whose first customer
 * message is the task's reason for calling and known info, the assist pipeline run on it, and the
 * proposals scored. `openFresh` is injected so the CLI and the tests choose how engines are opened.
 */
export async function runActionsEval(
  snapshot: CommerceSnapshot,
  tasks: readonly ActionTask[],
  openFresh: () => Engine,
  onTask?: (score: TaskScore) => void,
): Promise<{ report: ActionsEvalReport; scores: TaskScore[] }> {
  const scores: TaskScore[] = [];
  const lower = (v: string | undefined): string => (v ?? '').trim().toLowerCase();
  const expectedCustomer: ExpectedCustomer = (lookup) =>
    snapshot.customers.find((c) => (lookup.email !== undefined
      ? lower(c.email) === lower(lookup.email)
      : lower(c.firstName) === lower(lookup.first_name) && lower(c.lastName) === lower(lookup.last_name) && c.address.zip === lookup.zip?.trim()))?.id ?? null;
  for (const task of tasks) {
    const engine = openFresh();
    try {
      engine.db.transaction(() => engine.commerce.insertSnapshot(engine.workspace.id, snapshot))();
      const message = firstCustomerMessage(task);
      const conversation = engine.conversations.create({ firstMessage: message });
      await engine.assist.idle();
      if (!engine.assistStages.proposeActions) throw new Error('The assist pipeline has no actions stage: the database lacks the actions schema.');
      const score = scoreTask(task, message, engine.actions.service.list(conversation.id), expectedCustomer);
      scores.push(score);
      onTask?.(score);
    } finally {
      engine.close();
    }
  }
  return { report: summarize(scores), scores };
}
