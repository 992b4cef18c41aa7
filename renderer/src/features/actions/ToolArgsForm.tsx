import { useId, type ReactNode } from 'react';
import { formatCents, type ActionView, type Choices, type FormFieldView } from './actionFormat.js';
import { checkedTotal, itemOptions, variantOptions, type FieldValue, type FormState } from './toolArgsState.js';

export interface ToolArgsFormProps {
  readonly fields: readonly FormFieldView[];
  readonly state: FormState;
  readonly onChange: (state: FormState) => void;
  readonly errors: Record<string, string>;
  readonly choices: Choices | null;
  /** The card being edited (its own item and option choices come first); null for a new call. */
  readonly action: ActionView | null;
  /** The agent typed the amount: item checkboxes no longer recompute it. */
  readonly amountTouched?: boolean;
  readonly onAmountTouched?: () => void;
}

const optionsText = (options: Readonly<Record<string, string>>): string => Object.values(options).join(', ');

/**
 * A tool's arguments as a form built from its schema: dollars for money, checkboxes of the order's
 * items with their prices, a select of the customer's payment methods, an order from those looked up.
 */
export function ToolArgsForm({ fields, state, onChange, errors, choices, action, amountTouched, onAmountTouched }: ToolArgsFormProps) {
  const uid = useId();
  const set = (name: string, value: FieldValue): void => onChange({ ...state, [name]: value });
  const orderId = String(state.order_id ?? '');
  const items = itemOptions(orderId, action, choices);
  const payments = [...(action?.proposal?.paymentMethods ?? []), ...(choices?.paymentMethods ?? [])].filter((m, i, all) => all.findIndex((x) => x.id === m.id) === i);
  const dollarsField = fields.find((f) => f.kind === 'dollars');

  const toggleItem = (id: string, on: boolean): void => {
    const current = (state.item_ids as string[] | undefined) ?? [];
    const next = on ? [...current, id] : current.filter((x, i) => x !== id || current.indexOf(id) !== i);
    const update: FormState = { ...state, item_ids: next };
    // Refunds follow the checked items until the agent types an amount of their own.
    if (dollarsField && !amountTouched) update[dollarsField.name] = next.length > 0 ? (checkedTotal(next, items) / 100).toFixed(2) : '';
    if (fields.some((f) => f.kind === 'new_items')) {
      const before = (state.new_item_ids as string[] | undefined) ?? [];
      update.new_item_ids = next.map((itemId) => before[current.indexOf(itemId)] ?? '');
    }
    onChange(update);
  };

  /** The label, control and error every simple field shares. */
  const shell = (f: FormFieldView, id: string, control: ReactNode) => (
    <div className="form-field" key={f.name}>
      <label htmlFor={id} className="form-label">
        {f.label}
        {f.required ? null : <span className="muted"> (optional)</span>}
      </label>
      {control}
      {errors[f.name] ? <div className="field-error">{errors[f.name]}</div> : null}
    </div>
  );

  const field = (f: FormFieldView) => {
    const id = `${uid}-${f.name}`;
    const error = errors[f.name];
    const value = String(state[f.name] ?? '');
    const onText = (e: { target: { value: string } }): void => set(f.name, e.target.value);
    switch (f.kind) {
      case 'dollars':
        return shell(f, id, (
          <div className="dollars-input">
            <span aria-hidden="true">$</span>
            <input id={id} inputMode="decimal" value={value} placeholder="0.00" aria-invalid={!!error} data-testid={`field-${f.name}`}
              onChange={(e) => {
                onAmountTouched?.();
                set(f.name, e.target.value);
              }} />
          </div>
        ));
      case 'items': {
        const chosen = (state.item_ids as string[] | undefined) ?? [];
        return (
          <fieldset className="form-field item-choices" key={f.name} data-testid="field-item_ids">
            <legend className="form-label">{f.label}</legend>
            {items.length === 0 ? <div className="muted">Look the order up to choose its items.</div> : null}
            {items.map((item, index) => (
              <label key={`${item.item_id}-${index}`} className="item-choice" data-testid="item-choice" data-item-id={item.item_id}>
                <input type="checkbox" checked={chosen.includes(item.item_id)} onChange={(e) => toggleItem(item.item_id, e.target.checked)} />
                <span className="item-name">{item.name}<span className="muted"> {optionsText(item.options)}</span></span>
                <span className="item-price">{formatCents(item.price_cents)}</span>
              </label>
            ))}
            {error ? <div className="field-error">{error}</div> : null}
          </fieldset>
        );
      }
      case 'new_items': {
        const chosen = (state.item_ids as string[] | undefined) ?? [];
        const picked = (state.new_item_ids as string[] | undefined) ?? [];
        return (
          <fieldset className="form-field" key={f.name} data-testid="field-new_item_ids">
            <legend className="form-label">{f.label}</legend>
            {chosen.length === 0 ? <div className="muted">Choose the items first.</div> : null}
            {chosen.map((itemId, k) => {
              const item = items.find((i) => i.item_id === itemId);
              const variants = item ? variantOptions(item, action, choices) : [];
              return (
                <label key={`${itemId}-${k}`} className="variant-choice">
                  <span>{item?.name ?? itemId} →</span>
                  <select value={picked[k] ?? ''} onChange={(e) => set('new_item_ids', chosen.map((_, j) => (j === k ? e.target.value : (picked[j] ?? ''))))}>
                    <option value="">{variants.length ? 'Choose the new option…' : 'Search the catalogue for its options first'}</option>
                    {variants.map((v) => <option key={v.item_id} value={v.item_id}>{optionsText(v.options)} — {formatCents(v.price_cents)}</option>)}
                  </select>
                </label>
              );
            })}
            {error ? <div className="field-error">{error}</div> : null}
          </fieldset>
        );
      }
      case 'payment_method':
        return shell(f, id, (
          <select id={id} value={value} onChange={onText} data-testid={`field-${f.name}`}>
            <option value="">{f.required ? 'Choose…' : 'The original payment method'}</option>
            {payments.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
          </select>
        ));
      case 'choice':
        return shell(f, id, (
          <select id={id} value={value} onChange={onText} data-testid={`field-${f.name}`}>
            <option value="">Choose…</option>
            {(f.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        ));
      case 'order':
        return shell(f, id, (
          <>
            <input id={id} list={`${id}-orders`} value={value} placeholder="#W1234567" onChange={onText} data-testid={`field-${f.name}`} />
            <datalist id={`${id}-orders`}>
              {(choices?.orders ?? []).map((o) => <option key={o.order_id} value={o.order_id}>{o.status} — {formatCents(o.paid_cents)}</option>)}
            </datalist>
          </>
        ));
      case 'address': {
        const address = (state[f.name] as Record<string, string> | undefined) ?? {};
        return (
          <fieldset className="form-field address-fields" key={f.name}>
            <legend className="form-label">{f.label}</legend>
            {(f.fields ?? []).map((sub) => (
              <label key={sub.name} className={`address-${sub.name}`}>
                <span className="form-label">{sub.label}</span>
                <input value={address[sub.name] ?? ''} onChange={(e) => set(f.name, { ...address, [sub.name]: e.target.value })} data-testid={`field-${f.name}-${sub.name}`} />
              </label>
            ))}
            {error ? <div className="field-error">{error}</div> : null}
          </fieldset>
        );
      }
      case 'longtext':
        return shell(f, id, <textarea id={id} rows={2} value={value} onChange={onText} data-testid={`field-${f.name}`} />);
      default:
        return shell(f, id, <input id={id} type={f.kind === 'email' ? 'email' : 'text'} value={value} onChange={onText} data-testid={`field-${f.name}`} />);
    }
  };

  if (fields.length === 0) return <p className="muted">This tool takes no arguments.</p>;
  return <div className="tool-form">{fields.map(field)}</div>;
}
