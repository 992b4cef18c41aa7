import './approvals.css';
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../main/api/contract.js';
import { useClient, useEngineEvents } from '../../state/clientContext.js';
import { useCoalescedReload } from '../../state/useCoalescedReload.js';
import { ApprovalCard } from './ApprovalCard.js';
import { decidedByName } from './actionFormat.js';
import { usePendingApprovals } from './usePendingApprovals.js';
import { useSupervisorRoster } from './useSupervisorRoster.js';
import { useToolForms } from './useToolForms.js';

type AuditEntry = Output<'audit.list'>[number];
type Verification = Output<'audit.verify'>;

/**
 * Pending approvals across conversations (refunds over the threshold wait for a supervisor), an alert
 * while a supervisor or an action is locked after wrong PINs, and the audit history. Supervisors are
 * managed in Settings → Approvals.
 */
export function ApprovalsScreen() {
  const client = useClient();
  const { pending, reload: reloadPending } = usePendingApprovals();
  const { roster } = useSupervisorRoster();
  const [history, setHistory] = useState<AuditEntry[]>([]);
  const [chain, setChain] = useState<Verification | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const forms = useToolForms();

  const reloadHistory = useCallback(() => {
    void client.call('audit.list', { limit: 100 }).then((r) => r.ok && setHistory(r.value));
    void client.call('audit.verify', {}).then((r) => r.ok && setChain(r.value));
  }, [client]);
  useEffect(reloadHistory, [reloadHistory]);
  const reloadHistorySoon = useCoalescedReload(reloadHistory);
  useEngineEvents((event) => {
    if (event.type === 'action.updated') reloadHistorySoon();
  });

  return (
    <div className="approvals-screen" data-testid="approvals-list">
      {roster.lockouts.length > 0 ? (
        <div className="lockout-alert" role="alert" data-testid="lockout-alert">
          <strong>Approvals locked after wrong PINs.</strong>
          <ul>
            {roster.lockouts.map((l) => (
              <li key={`${l.supervisor ?? ''}:${l.actionId ?? ''}`}>
                {l.supervisor ? <>Supervisor <bdi>{l.supervisor}</bdi></> : <>Action {l.actionId}</>}: {l.wrongPins} wrong PINs in a row, locked until{' '}
                {new Date(l.lockedUntil).toLocaleTimeString()}.
              </li>
            ))}
          </ul>
          <p>If this was not a supervisor mistyping, someone may be guessing PINs: check the audit history below. An administrator can reset a PIN with <code>tandem supervisor set NAME</code>.</p>
        </div>
      ) : null}
      <h2>Pending approvals</h2>
      {pending.length === 0 ? <p className="muted">Nothing is waiting for approval.</p> : null}
      <ul className="approval-list">
        {pending.map((a) => (
          <ApprovalCard key={a.id} action={a} editing={editing === a.id} onEdit={(on) => setEditing(on ? a.id : null)} onChanged={reloadPending} form={forms.find((f) => f.name === a.tool)} />
        ))}
      </ul>
      <h2>Audit history</h2>
      {chain ? (
        <p className={chain.ok ? 'muted' : 'action-error'} data-testid="audit-chain">
          {chain.ok ? `Hash chain intact (${chain.entries} entries).` : `Hash chain broken at entry ${chain.brokenSeq}: ${chain.reason}`}
        </p>
      ) : null}
      <table className="audit-table">
        <thead><tr><th>#</th><th>When</th><th>Agent</th><th>Supervisor</th><th>What</th><th>Details</th></tr></thead>
        <tbody>
          {history.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td className="wrap-anywhere"><bdi>{decidedByName(e.actor)}</bdi></td>
              <td className="wrap-anywhere">{e.supervisor ? <bdi>{e.supervisor}</bdi> : null}</td>
              <td>{e.kind}</td>
              <td><code className="wrap-anywhere">{JSON.stringify(e.data).slice(0, 160)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
