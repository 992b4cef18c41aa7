import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import {
  approveLabel, argFields, confirmMatchLabel, confirmQuestion, decidedByName, isHeld, isOpen, summarizeResult, toolLabel, verificationLookup,
  type ActionView, type Choices, type ToolFormView,
} from './actionFormat.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { SecondFactorForm } from './SecondFactorForm.js';
import { SupervisorSignOff, type SignOffValue } from './SupervisorSignOff.js';
import { ToolArgsForm } from './ToolArgsForm.js';
import { argsOf, formStateOf, type FormState } from './toolArgsState.js';

/** A key pressed for this card in the thread (a, e, x); `at` changes with every press. */
export interface KeyRequest {
  readonly kind: 'approve' | 'edit' | 'reject';
  readonly at: number;
}

export interface ActionCardProps {
  readonly action: ActionView;
  readonly focused?: boolean;
  readonly editing: boolean;
  readonly onEdit: (editing: boolean) => void;
  readonly onChanged: (action: ActionView) => void;
  /** The tool's form (from its schema); without it the card edits nothing but still decides. */
  readonly form?: ToolFormView | undefined;
  readonly choices?: Choices | null;
  readonly keyRequest?: KeyRequest | null;
  /** Called once the key press was answered, so it never reaches the next card. */
  readonly onKeyHandled?: () => void;
  /** The conversation was verified from this card's "Confirm" button. */
  readonly onVerified?: () => void;
  readonly conversationVerified?: boolean;
}

/**
 * One proposed tool call: what it is, why, what it changes, its arguments as labelled fields (the raw
 * JSON behind a toggle), and Approve / Edit / Reject. The Approve button is one click and names the
 * amount; the `a` key asks first for anything that changes data. A held card opens its form: the
 * agent chooses the items, the amount or the option, in dollars and checkboxes, never in JSON.
 */
export function ActionCard({ action, focused, editing, onEdit, onChanged, form, choices = null, keyRequest, onKeyHandled, onVerified, conversationVerified }: ActionCardProps) {
  const client = useClient();
  const { push } = useNotices();
  const fields = useMemo(() => form?.fields ?? [], [form]);
  const [state, setState] = useState<FormState>(() => formStateOf(fields, action.args));
  const [amountTouched, setAmountTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [signOff, setSignOff] = useState<SignOffValue>({ name: '', pin: '' });
  const [askingSupervisor, setAskingSupervisor] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const open = isOpen(action);
  const held = isHeld(action);
  const hold = action.proposal?.hold ?? null;
  const formOpen = open && (editing || held) && form !== undefined;

  // A revised proposal (the customer named the items), or the form arriving, refreshes the form.
  const argsKey = `${form?.name ?? ''} ${JSON.stringify(action.args)}`;
  const lastArgs = useRef(argsKey);
  useEffect(() => {
    if (lastArgs.current === argsKey) return;
    lastArgs.current = argsKey;
    setState(formStateOf(fields, action.args));
    setAmountTouched(false);
  }, [argsKey, fields, action.args]);

  /** The agent's arguments when the form is open; an error (and null) when they are not usable yet. */
  const formArgs = (): Record<string, unknown> | null | undefined => {
    if (!formOpen) return undefined;
    const { args, errors: found } = argsOf(fields, state);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      push('error', `Fix the highlighted fields first: ${Object.values(found).join(' ')}`);
      return null;
    }
    return args;
  };

  const approve = async (args?: Record<string, unknown>): Promise<void> => {
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

  const approveClicked = (): void => {
    const args = formArgs();
    if (args === null) return;
    void approve(args);
  };

  const askToConfirm = (): void => {
    if (action.effect === 'reads') return void approve();
    if (action.blockedReason) return push('error', action.blockedReason);
    if (held && !editing) {
      onEdit(true);
      return push('info', `This card needs your choice first: ${hold!.message}`);
    }
    if (formOpen && Object.keys(argsOf(fields, state).errors).length > 0) return void formArgs();
    setConfirming(true);
  };

  // The latest handlers answer a key press, which arrives once per press (its `at`).
  const onKey = useRef<(kind: KeyRequest['kind']) => void>(() => undefined);
  onKey.current = (kind) => {
    if (!open) return;
    if (kind === 'approve') askToConfirm();
    else if (kind === 'edit') onEdit(!editing);
    else setRejecting(true);
  };
  const handled = useRef(onKeyHandled);
  handled.current = onKeyHandled;
  useEffect(() => {
    if (!keyRequest) return;
    handled.current?.();
    onKey.current(keyRequest.kind);
  }, [keyRequest]);

  const reject = async (): Promise<void> => {
    const result = await client.call('actions.reject', { actionId: action.id, reason: reason.trim() });
    if (!result.ok) return push('error', result.error.message);
    setRejecting(false);
    onChanged(result.value);
  };

  const lookup = action.tool === 'lookup_account' && action.status === 'succeeded' && !conversationVerified ? verificationLookup(action) : undefined;
  const unconfirmed = action.tool === 'lookup_account' && action.status === 'succeeded' && !conversationVerified && (action.result as { verified?: boolean } | null)?.verified === false;
  const verify = async (): Promise<void> => {
    if (!lookup) return;
    const customerId = String((action.result as { customer_id: string }).customer_id);
    setBusy(true);
    const result = await client.call('customer.verify', { conversationId: action.conversationId, lookup, confirmCustomerId: customerId });
    setBusy(false);
    if (!result.ok) return push('error', result.error.message);
    push('info', `${result.value.candidate?.firstName ?? ''} ${result.value.candidate?.lastName ?? ''} is verified.`.trim());
    onVerified?.();
  };

  // What the confirmation names: the form's values when the agent is editing, else the card's.
  const shown: ActionView = formOpen ? { ...action, args: argsOf(fields, state).args } : action;
  const results = summarizeResult(action);

  return (
    <li className={`action-card action-${action.status}${held ? ' action-held' : ''}${focused ? ' action-focused' : ''}`} data-testid="action-card" data-action-id={action.id} data-tool={action.tool} data-status={action.status} data-held={held ? hold!.code : undefined}>
      <div className="action-head">
        <strong>{toolLabel(action.tool)}</strong>
        <span className={`badge badge-${action.effect === 'changes' ? 'high' : 'low'}`}>{action.effect === 'changes' ? 'changes data' : 'read only'}</span>
        <span className="badge badge-status">{held ? 'needs your choice' : action.status.replace('_', ' ')}</span>
        {action.approval === 'supervisor' ? <span className="badge badge-immediate">supervisor</span> : null}
      </div>
      {held ? <div className="action-hold" role="status" data-testid="action-hold">{hold!.message}</div> : null}
      <div className="action-why">{action.why}</div>
      {action.effect === 'changes' ? <div className="action-changes">{action.changes}</div> : null}
      {formOpen ? (
        <ToolArgsForm fields={fields} state={state} onChange={setState} errors={errors} choices={choices} action={action} amountTouched={amountTouched} onAmountTouched={() => setAmountTouched(true)} />
      ) : (
        <dl className="action-fields" data-testid="action-fields">
          {argFields(action, choices).map((row) => (
            <div key={row.label} className="action-field"><dt>{row.label}</dt><dd>{row.value}</dd></div>
          ))}
        </dl>
      )}
      {action.proposal && action.proposal.notes.length > 0 && open ? (
        <ul className="action-notes" data-testid="action-notes">{action.proposal.notes.map((n) => <li key={n}>{n}</li>)}</ul>
      ) : null}
      {action.policyNotes.length > 0 && open ? (
        <ul className="action-policy">{action.policyNotes.map((n) => <li key={n}>{n}</li>)}</ul>
      ) : null}
      <details className="action-raw">
        <summary>Raw arguments</summary>
        <code className="action-args" data-testid="action-args-raw">{JSON.stringify(action.args)}</code>
      </details>
      {action.blockedReason ? <div className="action-blocked">{action.blockedReason}</div> : null}
      {action.secondFactorNeeded ? <SecondFactorForm conversationId={action.conversationId} /> : null}
      {action.error ? (
        <div className="action-error" role="alert" data-testid="action-error">
          {action.error.code}: {action.error.message}
        </div>
      ) : null}
      {results.length > 0 ? <ul className="action-result" data-testid="action-result">{results.map((line, i) => <li key={i}>{line}</li>)}</ul> : null}
      {unconfirmed ? (
        lookup ? (
          <button type="button" className="button small primary verify-one-click" disabled={busy} onClick={() => void verify()} data-testid="verify-from-card">
            {confirmMatchLabel(action)}
          </button>
        ) : (
          <div className="action-blocked" data-testid="verify-needs-detail">Ask the customer for the zip code (or email) on this account to confirm it is them.</div>
        )
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
          <button type="button" className="button small primary" disabled={busy || !!action.blockedReason} onClick={approveClicked} data-testid="action-approve" title={action.effect === 'reads' ? 'Run (a)' : 'Approve (a asks first)'}>
            {approveLabel(shown)}
          </button>
          {form && form.fields.length > 0 && !held ? (
            <button type="button" className="button small" onClick={() => onEdit(!editing)} data-testid="action-edit" title="Edit (e)">{editing ? 'Stop editing' : 'Edit'}</button>
          ) : null}
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
      {confirming ? (
        <ConfirmDialog
          question={confirmQuestion(shown, choices)}
          confirmLabel={approveLabel(shown)}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            approveClicked();
          }}
        />
      ) : null}
    </li>
  );
}
