import { centsToDollars, parseDollars, type ActionView, type Choices, type FormFieldView } from './actionFormat.js';

/** What a tool form holds while the agent edits it: dollars as typed, item choices as id lists. */
export type FieldValue = string | string[] | Record<string, string>;
export type FormState = Record<string, FieldValue>;

export function formStateOf(fields: readonly FormFieldView[], args: Record<string, unknown>): FormState {
  const state: FormState = {};
  for (const field of fields) {
    const value = args[field.name];
    if (field.kind === 'dollars') state[field.name] = typeof value === 'number' ? centsToDollars(value) : '';
    else if (field.kind === 'items' || field.kind === 'new_items') state[field.name] = Array.isArray(value) ? value.map(String) : [];
    else if (field.kind === 'address') {
      const given = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
      state[field.name] = Object.fromEntries((field.fields ?? []).map((f) => [f.name, typeof given[f.name] === 'string' ? (given[f.name] as string) : f.name === 'country' ? 'USA' : '']));
    } else state[field.name] = typeof value === 'string' ? value : '';
  }
  return state;
}

/**
 * The arguments the form stands for, in the tool's units (cents), or the fields the agent must still
 * fix. Empty optional fields are left out; the engine validates everything again.
 */
export function argsOf(fields: readonly FormFieldView[], state: FormState): { args: Record<string, unknown>; errors: Record<string, string> } {
  const args: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = state[field.name];
    if (field.kind === 'dollars') {
      const text = String(value ?? '').trim();
      if (!text) {
        if (field.required) errors[field.name] = 'Enter an amount in dollars.';
        continue;
      }
      const cents = parseDollars(text);
      if (cents === null || cents <= 0) errors[field.name] = 'Enter an amount in dollars greater than $0.00, like 52.01.';
      else args[field.name] = cents;
    } else if (field.kind === 'items' || field.kind === 'new_items') {
      const ids = (value as string[] | undefined) ?? [];
      if (ids.length > 0 && ids.every(Boolean)) args[field.name] = ids;
      else if (field.required || (field.kind === 'new_items' && ids.length > 0)) errors[field.name] = field.kind === 'items' ? 'Choose at least one item.' : 'Choose the new option for each item.';
    } else if (field.kind === 'address') {
      const address = (value as Record<string, string> | undefined) ?? {};
      const filled = Object.values(address).some((v) => v.trim() !== '' && v !== 'USA');
      if (!filled && !field.required) continue;
      const missing = (field.fields ?? []).filter((f) => f.required && !(address[f.name] ?? '').trim()).map((f) => f.label.toLowerCase());
      if (missing.length > 0) errors[field.name] = `Fill in the ${missing.join(', ')}.`;
      else args[field.name] = Object.fromEntries(Object.entries(address).map(([k, v]) => [k, v.trim()]));
    } else {
      const text = String(value ?? '').trim();
      if (text) args[field.name] = text;
      else if (field.required) errors[field.name] = `${field.label} is needed.`;
    }
  }
  return { args, errors };
}

export interface ItemOption {
  readonly item_id: string;
  readonly product_id: string;
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
  readonly price_cents: number;
}

/** The items a form offers: the card's own choices, else the items of the chosen order. */
export function itemOptions(orderId: string, action: ActionView | null, choices: Choices | null): ItemOption[] {
  if (action?.proposal && action.proposal.items.length > 0 && (!orderId || orderId === action.args.order_id)) return [...action.proposal.items];
  const id = orderId.startsWith('#') || !orderId ? orderId : `#${orderId}`;
  return [...(choices?.orders.find((o) => o.order_id === id)?.items ?? [])];
}

/** Other available options of an item's product, for exchanges. */
export function variantOptions(item: ItemOption, action: ActionView | null, choices: Choices | null): { item_id: string; options: Readonly<Record<string, string>>; price_cents: number }[] {
  const own = (action?.proposal?.newItems ?? []).filter((v) => v.for_item_id === item.item_id);
  if (own.length > 0) return own;
  return (choices?.variants ?? []).filter((v) => v.product_id === item.product_id && v.item_id !== item.item_id && v.available);
}

/** The sum of the checked items' prices, in cents (several lines may share an id). */
export function checkedTotal(ids: readonly string[], items: readonly ItemOption[]): number {
  return ids.reduce((sum, id) => sum + (items.find((i) => i.item_id === id)?.price_cents ?? 0), 0);
}
