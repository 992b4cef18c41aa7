import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import { ActionCard } from './ActionCard.js';
import { agentActor, type ActionView } from './actionFormat.js';
import { useToolForms } from './useToolForms.js';

type AuditEntry = Output<'audit.list'>[number];
type Verification = Output<'audit.verify'>;

/** Pending approvals across conversations (refunds over $100 wait for a supervisor), and the audit history. */
export function ApprovalsScreen() {
  const client = useClient();
  const { push } = useNotices();
  const [pending, setPending] = useState<ActionView[]>([]);
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const [chain, setChain] = useState<Verification | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [currentPin, setCurrentPin] = useState('');
  const forms = useToolForms();

  const reload = useCallback(() => {
    void client.call('approvals.pending', {}).then((r) => r.ok && setPending(r.value));
    void client.call('audit.list', { limit: 100 }).then((r) => r.ok && setHistory(r.value));
    void client.call('audit.verify', {}).then((r) => r.ok && setChain(r.value));
  }, [client]);
  useEffect(reload, [reload]);
  useEngineEvents((event) => {
    if (event.type === 'action.updated') reload();
  });

  const setSupervisorPin = async (): Promise<void> => {
    const result = await client.call('supervisor.setPin', { name: name.trim(), pin, ...(currentPin ? { currentPin } : {}), actor: agentActor() });
    setPin('');
    setCurrentPin('');
    if (!result.ok) return push('error', result.error.message);
    push('info', `PIN saved for ${result.value.name}.`);
  };

  return (
    <div className="approvals-screen" data-testid="approvals-list">
      <h2>Pending approvals</h2>
      {pending.length === 0 ? <p className="muted">Nothing is waiting for approval.</p> : null}
      <ul className="action-list">
        {pending.map((a) => (
          <ActionCard key={a.id} action={a} editing={editing === a.id} onEdit={(on) => setEditing(on ? a.id : null)} onChanged={reload} form={forms.find((f) => f.name === a.tool)} />
        ))}
      </ul>
      <h2>Supervisor PIN</h2>
      <form className="verify-form" onSubmit={(e) => { e.preventDefault(); void setSupervisorPin(); }}>
        <input placeholder="supervisor name" value={name} onChange={(e) => setName(e.target.value)} aria-label="Supervisor name" />
        <input type="password" inputMode="numeric" placeholder="new PIN (4–12 digits)" value={pin} onChange={(e) => setPin(e.target.value)} aria-label="New PIN" />
        <input type="password" inputMode="numeric" placeholder="current PIN (to change)" value={currentPin} onChange={(e) => setCurrentPin(e.target.value)} aria-label="Current PIN" />
        <button type="submit" className="button small" disabled={!name.trim() || !pin}>Save PIN</button>
      </form>
      <h2>Audit history</h2>
      {chain ? (
        <p className={chain.ok ? 'muted' : 'action-error'} data-testid="audit-chain">
          {chain.ok ? `Hash chain intact (${chain.entries} entries).` : `Hash chain broken at entry ${chain.brokenSeq}: ${chain.reason}`}
        </p>
      ) : null}
      <table className="audit-table">
        <thead><tr><th>#</th><th>When</th><th>Who</th><th>What</th><th>Details</th></tr></thead>
        <tbody>
          {history.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>{e.actor}</td>
              <td>{e.kind}</td>
              <td><code>{JSON.stringify(e.data).slice(0, 160)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
