import type { Output } from '../../../../main/api/contract.js';
import { accountLookupLine } from './accountLookupText.js';

export type ActionView = Output<'actions.list'>[number];
export type ToolFormView = Output<'tools.list'>[number];
export type FormFieldView = ToolFormView['fields'][number];
export type Choices = Output<'actions.choices'>;

export const toolLabel = (tool: string): string => tool.replace(/_/g, ' ');

export function formatCents(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** "agent:Ana Diaz" is recorded; the card shows "Ana Diaz". Other actors (tandem:auto, api) show as they are. */
export function decidedByName(actor: string): string {
  return actor.startsWith('agent:') ? actor.slice('agent:'.length) : actor;
}

/** Dollars as the agent types them ("52.01", "$1,234.5") in integer cents; null when it is not an amount. */
export function parseDollars(text: string): number | null {
  const plain = text.trim().replace(/^\$\s?/, '');
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$/.test(plain)) return null;
  const [whole, fraction = ''] = plain.replace(/,/g, '').split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Cents as an editable dollar figure ("52.01"). */
export const centsToDollars = (cents: number): string => (cents / 100).toFixed(2);

export const isOpen = (a: ActionView): boolean => a.status === 'proposed' || a.status === 'awaiting_supervisor';
export const isHeld = (a: ActionView): boolean => a.status === 'proposed' && (a.proposal?.hold ?? null) !== null;

type ItemInfo = { item_id: string; name: string; price_cents: number };

/** Item names with prices, from the card's own choices or the conversation's orders. */
function itemNames(ids: readonly string[], a: ActionView, choices: Choices | null): string {
  const known: ItemInfo[] = [...(a.proposal?.items ?? []), ...(choices?.orders.flatMap((o) => o.items) ?? [])];
  return ids.map((id) => {
    const item = known.find((i) => i.item_id === id);
    return item ? `${item.name} (${formatCents(item.price_cents)})` : id;
  }).join(', ');
}

function newItemNames(ids: readonly string[], a: ActionView, choices: Choices | null): string {
  const known = [...(a.proposal?.newItems ?? []), ...(choices?.variants ?? [])];
  return ids.map((id) => {
    const v = known.find((i) => i.item_id === id);
    return v ? `${Object.values(v.options).join(', ')} (${formatCents(v.price_cents)})` : id;
  }).join('; ');
}

function paymentLabel(id: string, a: ActionView, choices: Choices | null): string {
  return [...(a.proposal?.paymentMethods ?? []), ...(choices?.paymentMethods ?? [])].find((m) => m.id === id)?.label ?? id;
}

function addressLine(value: unknown): string {
  if (!value || typeof value !== 'object') return String(value);
  const a = value as Record<string, string | undefined>;
  return [a.address1, a.address2, a.city, [a.state, a.zip].filter(Boolean).join(' '), a.country].filter((p) => p && p.trim()).join(', ');
}

const ARG_LABELS: Record<string, string> = {
  order_id: 'Order', amount_cents: 'Amount', item_ids: 'Items', new_item_ids: 'New items', payment_method_id: 'Payment method', reason: 'Reason',
  email: 'Email', first_name: 'First name', last_name: 'Last name', zip: 'Zip', user_id: 'User id', address: 'Address', subject: 'Subject',
  priority: 'Priority', summary: 'Summary', query: 'Search for', intent: 'Intent',
};

const KEY_ORDER = ['email', 'first_name', 'last_name', 'user_id', 'zip', 'order_id', 'item_ids', 'new_item_ids', 'amount_cents', 'payment_method_id', 'address', 'reason'];

/** The card's arguments as labelled fields (the raw JSON stays behind a details toggle). */
export function argFields(a: ActionView, choices: Choices | null = null): { label: string; value: string }[] {
  // Stored arguments have sorted keys; the agent reads what and how much before why.
  const rank = (key: string): number => (KEY_ORDER.indexOf(key) + KEY_ORDER.length + 1) % (KEY_ORDER.length + 1);
  const entries = Object.entries(a.args).sort(([x], [y]) => rank(x) - rank(y));
  const rows = entries.map(([key, value]) => {
    const label = ARG_LABELS[key] ?? key.replace(/_/g, ' ');
    if (key.endsWith('_cents') && typeof value === 'number') return { label, value: formatCents(value) };
    if (key === 'item_ids' && Array.isArray(value)) return { label, value: itemNames(value as string[], a, choices) };
    if (key === 'new_item_ids' && Array.isArray(value)) return { label, value: newItemNames(value as string[], a, choices) };
    if (key === 'payment_method_id' && typeof value === 'string') return { label, value: paymentLabel(value, a, choices) };
    if (key === 'address') return { label, value: addressLine(value) };
    return { label, value: typeof value === 'string' ? value : JSON.stringify(value) };
  });
  if (a.destination && !('payment_method_id' in a.args)) rows.push({ label: a.tool === 'process_refund' ? 'Refund to' : 'Money to', value: a.destination });
  return rows;
}

function selectedItemsTotal(a: ActionView): number | null {
  const ids = Array.isArray(a.args.item_ids) ? (a.args.item_ids as string[]) : [];
  const items = a.proposal?.items ?? [];
  if (ids.length === 0 || items.length === 0) return null;
  return ids.reduce((sum, id) => sum + (items.find((i) => i.item_id === id)?.price_cents ?? 0), 0);
}

const amount = (a: ActionView): string | null => (typeof a.args.amount_cents === 'number' ? formatCents(a.args.amount_cents) : null);

/** The one-click button: what approving does, with the amount ("Approve $52.01 refund"). */
export function approveLabel(a: ActionView): string {
  if (a.effect === 'reads') return 'Run';
  if (a.status === 'awaiting_supervisor') return 'Approve with PIN';
  const count = Array.isArray(a.args.item_ids) ? (a.args.item_ids as unknown[]).length : 0;
  switch (a.tool) {
    case 'process_refund': return amount(a) ? `Approve ${amount(a)!} refund` : 'Approve refund';
    case 'return_delivered_items': return `Approve return of ${count} item${count === 1 ? '' : 's'}`;
    case 'exchange_delivered_items': return `Approve exchange of ${count} item${count === 1 ? '' : 's'}`;
    case 'modify_pending_order_items': return `Approve change of ${count} item${count === 1 ? '' : 's'}`;
    case 'cancel_pending_order': return 'Approve cancellation';
    case 'reset_password': return 'Approve password reset';
    case 'create_ticket': return 'Approve ticket';
    default: return 'Approve change';
  }
}

/** The question the `a` key asks before anything that changes data runs, naming amount and destination. */
export function confirmQuestion(a: ActionView, choices: Choices | null = null): string {
  const to = a.destination ?? 'the original payment method';
  const order = String(a.args.order_id ?? '');
  const items = Array.isArray(a.args.item_ids) ? itemNames(a.args.item_ids as string[], a, choices) : '';
  switch (a.tool) {
    case 'process_refund': return `Refund ${amount(a) ?? 'this amount'}${items ? ` for ${items}` : ''} to ${to}?`;
    case 'return_delivered_items': {
      const total = selectedItemsTotal(a);
      return `Return ${items || 'these items'} from order ${order}${total !== null ? `, refunding ${formatCents(total)}` : ''} to ${to} when they come back?`;
    }
    case 'exchange_delivered_items':
    case 'modify_pending_order_items':
      return `${a.tool === 'exchange_delivered_items' ? 'Exchange' : 'Change'} ${items || 'these items'} on order ${order} for ${newItemNames((a.args.new_item_ids as string[] | undefined) ?? [], a, choices) || 'the new options'}, settling the price difference with ${to}?`;
    case 'cancel_pending_order': return `Cancel order ${order} (${String(a.args.reason ?? 'no reason')}) and refund it to ${to}?`;
    case 'reset_password': return 'Send a password-reset link to the email on file?';
    default: return `${a.changes.replace(/\.$/, '')}?`;
  }
}

/** One line per result, readable without knowing the tool's JSON. */
export function summarizeResult(a: ActionView): string[] {
  const r = a.result as Record<string, unknown> | null;
  if (!r) return [];
  switch (a.tool) {
    case 'lookup_order': {
      const orders = (r.orders as { order_id: string; status: string; items: { name: string }[]; paid_cents: number; refunded_cents: number }[]) ?? [];
      return orders.map((o) => `${o.order_id}: ${o.status} — ${o.items.map((i) => i.name).join(', ') || 'no items'}; paid ${formatCents(o.paid_cents)}, refunded ${formatCents(o.refunded_cents)}`);
    }
    case 'track_shipment': {
      const shipments = (r.shipments as { tracking_ids: string[] }[]) ?? [];
      return [`Status: ${String(r.status)}`, ...shipments.map((s) => `Tracking: ${s.tracking_ids.join(', ')}`)];
    }
    case 'check_refund_eligibility':
      return [`${r.eligible ? 'Eligible' : 'Not eligible'}: ${String(r.explanation)}`];
    case 'process_refund':
      return [`Refunded ${formatCents(Number(r.refunded_cents))} to ${a.destination ?? String(r.payment_method_id)} (${String(r.timing)}); ${formatCents(Number(r.remaining_refundable_cents))} left refundable.`];
    case 'lookup_account':
      return [accountLookupLine(r)];
    case 'create_ticket':
      return [`Ticket ${String(r.ticket_id)} (${String(r.priority)}): ${String(r.subject)}`];
    case 'search_knowledge_base':
      return ((r.results as { title: string; source: string }[]) ?? []).map((x) => `${x.title} — ${x.source}`);
    case 'search_products':
      return ((r.products as { name: string; variants: unknown[] }[]) ?? []).map((p) => `${p.name} (${p.variants.length} variants)`);
    case 'return_delivered_items':
      return [`Return requested; ${formatCents(Number(r.refund_cents))} will be refunded to ${a.destination ?? String(r.payment_method_id)} when the items come back.`];
    case 'cancel_pending_order':
      return [`Order ${String(r.order_id)} cancelled.`, ...((r.refunds as { amount_cents: number; timing: string }[]) ?? []).map((x) => `Refund of ${formatCents(x.amount_cents)} (${x.timing}).`)];
    case 'reset_password':
      return [`Reset link sent to ${String(r.sent_to)}.`];
    default:
      return [JSON.stringify(r)];
  }
}

/** The lookup a "Confirm" button verifies with, from the lookup card's arguments; null when it cannot. */
export function verificationLookup(a: ActionView): { email: string } | { firstName: string; lastName: string; zip: string } | { userId: string; zip: string } | null {
  const args = a.args as Record<string, string | undefined>;
  if (args.email) return { email: args.email };
  if (args.first_name && args.last_name && args.zip) return { firstName: args.first_name, lastName: args.last_name, zip: args.zip };
  if (args.user_id && args.zip) return { userId: args.user_id, zip: args.zip };
  return null;
}

/** "Confirm: Ava Moore, zip 85032": what the agent confirms, with the detail the customer gave. */
export function confirmMatchLabel(a: ActionView): string {
  const r = (a.result ?? {}) as Record<string, unknown>;
  const masked = Array.isArray(r.masked) ? (r.masked as string[]) : [];
  const detail = !masked.includes('zip') ? `zip ${String(r.zip)}` : !masked.includes('email') ? String(r.email) : '';
  return `Confirm: ${String(r.first_name)} ${String(r.last_name)}${detail ? `, ${detail}` : ''}`;
}
