import { useMemo, useState } from 'react';
import { Modal } from '../../components/Modal.js';
import { useClient } from '../../state/clientContext.js';
import { useNotices } from '../../state/notices.js';
import { toolLabel, type Choices, type ToolFormView } from './actionFormat.js';
import { ToolArgsForm } from './ToolArgsForm.js';
import { argsOf, formStateOf, type FormState } from './toolArgsState.js';

/**
 * "Run tool…": any tool by hand, with a form built from its schema. The call becomes a card like a
 * proposal: reads run at once for a verified customer, changes wait for the agent's approval.
 */
export function RunToolDialog({ conversationId, forms, choices, onClose, onAdded }: {
  conversationId: string;
  forms: readonly ToolFormView[];
  choices: Choices | null;
  onClose: () => void;
  onAdded: () => void;
}) {
  const client = useClient();
  const { push } = useNotices();
  const [name, setName] = useState(forms[0]?.name ?? '');
  const form = forms.find((f) => f.name === name);
  // The only order the conversation knows is the likely one.
  const defaults = useMemo(() => (choices?.orders.length === 1 ? { order_id: choices.orders[0]!.order_id } : {}), [choices]);
  const [state, setState] = useState<FormState>(() => (form ? formStateOf(form.fields, defaults) : {}));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [amountTouched, setAmountTouched] = useState(false);
  const [busy, setBusy] = useState(false);

  const pick = (next: string): void => {
    setName(next);
    const f = forms.find((x) => x.name === next);
    setState(f ? formStateOf(f.fields, defaults) : {});
    setErrors({});
    setAmountTouched(false);
  };

  const add = async (): Promise<void> => {
    if (!form) return;
    const { args, errors: found } = argsOf(form.fields, state);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await client.call('actions.propose', { conversationId, call: { tool: form.name, args } });
    setBusy(false);
    if (!result.ok) return push('error', result.error.message);
    push('info', form.effect === 'reads' ? `${toolLabel(form.name)} added; it runs once the customer is verified, if it needs that.` : `${toolLabel(form.name)} added; approve it on its card.`);
    onAdded();
    onClose();
  };

  const reads = forms.filter((f) => f.effect === 'reads');
  const changes = forms.filter((f) => f.effect === 'changes');
  return (
    <Modal label="Run a tool" testId="run-tool-dialog" className="wide run-tool" onClose={onClose}>
      <form
        className="run-tool-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h2>Run a tool</h2>
        <label>
          Tool
          <select value={name} onChange={(e) => pick(e.target.value)} autoFocus data-testid="run-tool-select">
            <optgroup label="Look up (read only)">{reads.map((f) => <option key={f.name} value={f.name}>{toolLabel(f.name)}</option>)}</optgroup>
            <optgroup label="Change (waits for your approval)">{changes.map((f) => <option key={f.name} value={f.name}>{toolLabel(f.name)}</option>)}</optgroup>
          </select>
        </label>
        {form ? <p className="muted run-tool-description">{form.description}{form.needsVerifiedCustomer ? ' Needs a verified customer.' : ''}</p> : null}
        {form ? (
          <ToolArgsForm key={form.name} fields={form.fields} state={state} onChange={setState} errors={errors} choices={choices} action={null} amountTouched={amountTouched} onAmountTouched={() => setAmountTouched(true)} />
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button primary" disabled={busy || !form} data-testid="run-tool-add">{form?.effect === 'reads' ? 'Run' : 'Add card for approval'}</button>
        </div>
      </form>
    </Modal>
  );
}
