import { useEffect, useState } from 'react';
import { CustomerText } from '../../components/CustomerText.js';
import { useClient } from '../../state/clientContext.js';
import { useNavigation } from '../../state/navigation.js';
import { ActionCard } from './ActionCard.js';
import { formatCents, summarizeResult, type ActionView, type ToolFormView } from './actionFormat.js';

interface Context {
  readonly customer: string;
  readonly subject: string;
  readonly lastCustomerMessage: string | null;
  readonly evidence: readonly string[];
}

/**
 * A pending approval as a supervisor needs to see it: who the customer is, which order, how much and
 * why, the evidence the agent had (the customer's words, the eligibility check, the order lookup), and a
 * way into the conversation. The decision itself is the action's own card.
 */
export function ApprovalCard({ action, editing, onEdit, onChanged, form }: { action: ActionView; editing: boolean; onEdit: (on: boolean) => void; onChanged: () => void; form: ToolFormView | undefined }) {
  const client = useClient();
  const navigation = useNavigation();
  const [context, setContext] = useState<Context | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([client.call('conversation.get', { id: action.conversationId }), client.call('actions.list', { conversationId: action.conversationId })]).then(([conversation, actions]) => {
      if (!live || !conversation.ok) return;
      const c = conversation.value.conversation;
      const evidence = actions.ok
        ? actions.value.filter((a) => a.status === 'succeeded' && (a.tool === 'check_refund_eligibility' || a.tool === 'lookup_order') && a.args['order_id'] === action.args['order_id']).flatMap(summarizeResult)
        : [];
      setContext({
        customer: c.customerName ?? c.customerRef ?? 'Unknown customer',
        subject: c.subject,
        lastCustomerMessage: conversation.value.messages.filter((m) => m.role === 'customer').at(-1)?.content ?? null,
        evidence,
      });
    });
    return () => {
      live = false;
    };
  }, [client, action.conversationId, action.args, action.updatedAt]);

  const amount = typeof action.args['amount_cents'] === 'number' ? formatCents(action.args['amount_cents']) : null;
  const order = typeof action.args['order_id'] === 'string' ? action.args['order_id'] : null;
  const reason = typeof action.args['reason'] === 'string' ? action.args['reason'] : null;
  return (
    <li className="approval-card" data-testid="approval-card" data-action-id={action.id}>
      <dl className="approval-facts">
        <dt>Customer</dt>
        <dd className="wrap-anywhere">
          {context ? <CustomerText text={context.customer} /> : '…'}
        </dd>
        {order ? (
          <>
            <dt>Order</dt>
            <dd className="mono">{order}</dd>
          </>
        ) : null}
        {amount ? (
          <>
            <dt>Amount</dt>
            <dd className="approval-amount" data-testid="approval-amount">{amount}</dd>
          </>
        ) : null}
        {reason ? (
          <>
            <dt>Reason</dt>
            <dd><CustomerText text={reason} /></dd>
          </>
        ) : null}
      </dl>
      {context?.lastCustomerMessage ? (
        <blockquote className="approval-quote" dir="auto">
          <CustomerText text={context.lastCustomerMessage.slice(0, 400)} />
        </blockquote>
      ) : null}
      {context && context.evidence.length > 0 ? (
        <ul className="approval-evidence" data-testid="approval-evidence">
          {context.evidence.map((line, i) => <li key={i}>{line}</li>)}
        </ul>
      ) : null}
      <button type="button" className="link-button" onClick={() => navigation.openConversation(action.conversationId)} data-testid="approval-open-conversation">
        Open the conversation{context?.subject ? <> “<CustomerText text={context.subject} />”</> : null} →
      </button>
      <ul className="action-list">
        <ActionCard action={action} editing={editing} onEdit={onEdit} onChanged={onChanged} form={form} />
      </ul>
    </li>
  );
}
