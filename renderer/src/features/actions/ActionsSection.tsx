import './actions.css';
import { useCallback, useEffect, useState } from 'react';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useShortcuts } from '../../state/useShortcuts.js';
import type { AssistSectionProps } from '../assistSections.js';
import { ActionCard } from './ActionCard.js';
import { isOpen, type ActionView } from './actionFormat.js';
import { VerifyCustomer } from './VerifyCustomer.js';

/**
 * The assist panel's Actions: customer verification, then the proposed tool calls as cards. Reads for
 * a verified customer have already run; changes wait for Approve (a), Edit (e) or Reject (x).
 */
export function ActionsSection({ detail, assist }: AssistSectionProps) {
  const client = useClient();
  const conversationId = detail.conversation.id;
  const [actions, setActions] = useState<ActionView[]>([]);
  const [editing, setEditing] = useState<string | null>(null);

  const reload = useCallback(() => {
    void client.call('actions.list', { conversationId }).then((r) => r.ok && setActions(r.value));
  }, [client, conversationId]);
  useEffect(reload, [reload, assist?.messageId]);
  useEngineEvents((event) => {
    if (event.type === 'action.updated' && event.action.conversationId === conversationId) {
      setActions((all) => (all.some((a) => a.id === event.action.id) ? all.map((a) => (a.id === event.action.id ? event.action : a)) : [...all, event.action]));
    }
  });

  const first = actions.find(isOpen) ?? null;
  const click = (testId: string): void => {
    if (!first) return;
    document.querySelector<HTMLElement>(`li[data-action-id="${first.id}"] [data-testid="${testId}"]`)?.click();
  };
  useShortcuts([
    { keys: 'a', run: () => click('action-approve') },
    { keys: 'e', run: () => first && setEditing(editing === first.id ? null : first.id) },
    { keys: 'x', run: () => click('action-reject') },
  ]);

  const changed = (updated: ActionView): void => setActions((all) => all.map((a) => (a.id === updated.id ? updated : a)));
  const propose = (): void => {
    void client.call('actions.propose', { conversationId, intent: assist?.routing?.intent ?? null }).then((r) => r.ok && setActions(r.value));
  };

  return (
    <div className="actions" data-testid="actions-section">
      {detail.conversation.verified ? (
        <div className="muted">Verified: {detail.conversation.customerName ?? detail.conversation.customerId}</div>
      ) : (
        <VerifyCustomer conversationId={conversationId} onVerified={() => { reload(); propose(); }} />
      )}
      {actions.length === 0 ? <p className="assist-idle">Proposed lookups and changes appear here for your approval.</p> : null}
      <ul className="action-list">
        {[...actions].reverse().map((a) => (
          <ActionCard key={a.id} action={a} focused={first?.id === a.id} editing={editing === a.id} onEdit={(on) => setEditing(on ? a.id : null)} onChanged={changed} />
        ))}
      </ul>
      <button type="button" className="link-button" onClick={propose} data-testid="actions-propose">Propose next steps</button>
    </div>
  );
}
