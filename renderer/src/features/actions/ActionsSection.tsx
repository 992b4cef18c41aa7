import './actions.css';
import { useCallback, useEffect, useState } from 'react';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useShortcuts } from '../../state/useShortcuts.js';
import type { AssistSectionProps } from '../assistSections.js';
import { ActionCard, type KeyRequest } from './ActionCard.js';
import { isOpen, type ActionView } from './actionFormat.js';
import { RunToolDialog } from './RunToolDialog.js';
import { useChoices, useToolForms } from './useToolForms.js';
import { VerifyCustomer } from './VerifyCustomer.js';

/**
 * The assist panel's Actions: customer verification, then the proposed tool calls as cards. Reads for
 * a verified customer have already run; changes wait for Approve (a asks first), Edit (e) or Reject (x).
 * "Run tool…" (t) adds any tool by hand.
 */
export function ActionsSection({ detail, assist }: AssistSectionProps) {
  const client = useClient();
  const conversationId = detail.conversation.id;
  const [actions, setActions] = useState<ActionView[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [keyRequest, setKeyRequest] = useState<KeyRequest | null>(null);
  const [runTool, setRunTool] = useState(false);
  const forms = useToolForms();
  const choices = useChoices(conversationId);

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
  const press = (kind: KeyRequest['kind']): void => setKeyRequest({ kind, at: Date.now() });
  useShortcuts([
    { keys: 'a', run: () => press('approve') },
    { keys: 'e', run: () => press('edit') },
    { keys: 'x', run: () => press('reject') },
    { keys: 't', run: () => setRunTool(true) },
  ]);

  const changed = (updated: ActionView): void => setActions((all) => all.map((a) => (a.id === updated.id ? updated : a)));
  const propose = (): void => {
    void client.call('actions.propose', { conversationId, intent: assist?.routing?.intent ?? null }).then((r) => r.ok && setActions(r.value));
  };
  const verified = detail.conversation.verified;
  const hasLookupCard = actions.some((a) => a.tool === 'lookup_account' && a.status === 'succeeded');

  return (
    <div className="actions" data-testid="actions-section">
      {verified ? (
        <div className="verified-line" data-testid="verified-line">Verified: {detail.conversation.customerName ?? detail.conversation.customerId}</div>
      ) : (
        <VerifyCustomer conversationId={conversationId} collapsed={hasLookupCard} onVerified={() => { reload(); propose(); }} />
      )}
      {actions.length === 0 ? <p className="assist-idle">Proposed lookups and changes appear here for your approval.</p> : null}
      <ul className="action-list">
        {[...actions].reverse().map((a) => (
          <ActionCard
            key={a.id}
            action={a}
            focused={first?.id === a.id}
            editing={editing === a.id}
            onEdit={(on) => setEditing(on ? a.id : null)}
            onChanged={changed}
            form={forms.find((f) => f.name === a.tool)}
            choices={choices}
            keyRequest={first?.id === a.id ? keyRequest : null}
            onKeyHandled={() => setKeyRequest(null)}
            conversationVerified={verified}
            onVerified={() => { reload(); propose(); }}
          />
        ))}
      </ul>
      <div className="actions-footer">
        <button type="button" className="link-button" onClick={propose} data-testid="actions-propose">Propose next steps</button>
        <button type="button" className="link-button" onClick={() => setRunTool(true)} disabled={forms.length === 0} data-testid="run-tool" title="Run a tool (t)">Run tool…</button>
      </div>
      {runTool ? <RunToolDialog conversationId={conversationId} forms={forms} choices={choices} onClose={() => setRunTool(false)} onAdded={reload} /> : null}
    </div>
  );
}
