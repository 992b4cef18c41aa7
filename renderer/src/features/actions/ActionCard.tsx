import { useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import { decidedByName, isOpen, summarizeResult, toolLabel, type ActionView } from './actionFormat.js';
import { SecondFactorForm } from './SecondFactorForm.js';
import { SupervisorSignOff, type SignOffValue } from './SupervisorSignOff.js';

export interface ActionCardProps {
  readonly action: ActionView;
  readonly focused?: boolean;
  readonly editing: boolean;
  readonly onEdit: (editing: boolean) => void;
  readonly onChanged: (action: ActionView) => void;
}

/**
 * One proposed tool call: what it is, why, what it changes, the policy notes, and Approve / Edit /
 * Reject. Arguments are editable as JSON before approval; refunds over $100 ask for a supervisor PIN.
 */
export function ActionCard({ action, focused, editing, onEdit, onChanged }: ActionCardProps) {
  const client = useClient();
  const { push } = useNotices();
  const [argsText, setArgsText] = useState(() => JSON.stringify(action.args, null, 2));
  const [signOff, setSignOff] = useState<SignOffValue>({ name: '', pin: '' });
  const [askingSupervisor, setAskingSupervisor] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const open = isOpen(action);

  const approve = async (): Promise<void> => {
    let args: Record<string, unknown> | undefined;
    if (editing) {
      try {
        args = JSON.parse(argsText) as Record<string, unknown>;
      } catch {
        return push('error', 'The arguments are not valid JSON; fix them and approve again.');
      }
    }
    setBusy(true);
    const supervisor = action.approval === 'supervisor' && signOff.name && signOff.pin ? { supervisor: { name: signOff.name, pin: signOff.pin } } : {};
    const result = await client.call('actions.approve', { actionId: action.id, ...(args ? { args } : {}), ...supervisor });
    setBusy(false);
    setSignOff((s) => ({ ...s, pin: '' }));
    // Without a supervisor's PIN nothing changed: ask for it on the card instead of a banner.
    if (!result.ok && result.error.code === 'E_SUPERVISOR_REQUIRED') return setAskingSupervisor(true);
    if (!result.ok) return push('error', result.error.message);
    setAskingSupervisor(false);
    onEdit(false);
    onChanged(result.value);
  };

  const sendToSupervisor = async (): Promise<void> => {
    const result = await client.call('actions.requestSupervisor', { actionId: action.id });
    if (!result.ok) return push('error', result.error.message);
    push('info', 'Sent to the Approvals screen, with a high-priority ticket for a supervisor.');
    onChanged(result.value);
  };

  const reject = async (): Promise<void> => {
    const result = await client.call('actions.reject', { actionId: action.id, reason: reason.trim() });
    if (!result.ok) return push('error', result.error.message);
    setRejecting(false);
    onChanged(result.value);
  };

  return (
    <li className={`action-card action-${action.status}${focused ? ' action-focused' : ''}`} data-testid="action-card" data-action-id={action.id} data-tool={action.tool} data-status={action.status}>
      <div className="action-head">
        <strong>{toolLabel(action.tool)}</strong>
        <span className={`badge badge-${action.effect === 'changes' ? 'high' : 'low'}`}>{action.effect === 'changes' ? 'changes data' : 'read only'}</span>
        <span className="badge">{action.status.replace('_', ' ')}</span>
        {action.approval === 'supervisor' ? <span className="badge badge-immediate">supervisor</span> : null}
      </div>
      <div className="action-why">{action.why}</div>
      {action.effect === 'changes' ? <div className="action-changes">{action.changes}</div> : null}
      {action.policyNotes.length > 0 && open ? (
        <ul className="action-policy">{action.policyNotes.map((n) => <li key={n}>{n}</li>)}</ul>
      ) : null}
      {editing && open ? (
        <textarea className="action-args-edit" value={argsText} onChange={(e) => setArgsText(e.target.value)} rows={6} data-testid="action-args" aria-label="Arguments" />
      ) : (
        <code className="action-args">{JSON.stringify(action.args)}</code>
      )}
      {action.blockedReason ? <div className="action-blocked">{action.blockedReason}</div> : null}
      {action.secondFactorNeeded ? <SecondFactorForm conversationId={action.conversationId} /> : null}
      {action.error ? (
        <div className="action-error" role="alert" data-testid="action-error">
          {action.error.code}: {action.error.message}
        </div>
      ) : null}
      {summarizeResult(action).length > 0 ? (
        <ul className="action-result" data-testid="action-result">{summarizeResult(action).map((line, i) => <li key={i}>{line}</li>)}</ul>
      ) : null}
      {action.status === 'awaiting_supervisor' ? <div className="muted">Waiting on the Approvals screen for a supervisor (a high-priority ticket was opened).</div> : null}
      {action.decidedBy ? (
        <div className="muted" data-testid="action-decided-by">
          Decided by <bdi>{decidedByName(action.decidedBy)}</bdi>
          {action.supervisor ? <> · approved by supervisor <bdi>{action.supervisor}</bdi></> : null}
          {action.decisionNote ? ` — ${action.decisionNote}` : ''}
        </div>
      ) : null}
      {open ? (
        <div className="action-buttons">
          {action.approval === 'supervisor' ? (
            <SupervisorSignOff value={signOff} onChange={setSignOff} asking={askingSupervisor} reason={action.approvalReason} />
          ) : null}
          <button type="button" className="button small primary" disabled={busy || !!action.blockedReason} onClick={() => void approve()} data-testid="action-approve" title="Approve (a)">
            {action.effect === 'reads' ? 'Run' : 'Approve'}
          </button>
          <button type="button" className="button small" onClick={() => onEdit(!editing)} data-testid="action-edit" title="Edit (e)">{editing ? 'Stop editing' : 'Edit'}</button>
          <button type="button" className="button small" onClick={() => setRejecting(true)} data-testid="action-reject" title="Reject (x)">Reject</button>
          {action.approval === 'supervisor' && action.status === 'proposed' ? (
            <button type="button" className="button small" onClick={() => void sendToSupervisor()} data-testid="action-request-supervisor">Send to a supervisor</button>
          ) : null}
        </div>
      ) : null}
      {rejecting ? (
        <form className="dismiss-form" onSubmit={(e) => { e.preventDefault(); void reject(); }}>
          <input autoFocus placeholder="Why reject?" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason" data-testid="reject-reason" />
          <button type="submit" className="button small" disabled={!reason.trim()} data-testid="reject-confirm">Reject</button>
          <button type="button" className="button small" onClick={() => setRejecting(false)}>Cancel</button>
        </form>
      ) : null}
    </li>
  );
}
