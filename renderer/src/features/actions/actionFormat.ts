import type { Output } from '../../../../main/api/contract.js';
import { accountLookupLine } from './accountLookupText.js';

export type ActionView = Output<'actions.list'>[number];

export const toolLabel = (tool: string): string => tool.replace(/_/g, ' ');

export function formatCents(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** "agent:Ana Diaz" is recorded; the card shows "Ana Diaz". Other actors (tandem:auto, api) show as they are. */
export function decidedByName(actor: string): string {
  return actor.startsWith('agent:') ? actor.slice('agent:'.length) : actor;
}

export const isOpen = (a: ActionView): boolean => a.status === 'proposed' || a.status === 'awaiting_supervisor';

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
      return [`Refunded ${formatCents(Number(r.refunded_cents))} to ${String(r.payment_method_id)} (${String(r.timing)}); ${formatCents(Number(r.remaining_refundable_cents))} left refundable.`];
    case 'lookup_account':
      return [accountLookupLine(r)];
    case 'create_ticket':
      return [`Ticket ${String(r.ticket_id)} (${String(r.priority)}): ${String(r.subject)}`];
    case 'search_knowledge_base':
      return ((r.results as { title: string; source: string }[]) ?? []).map((x) => `${x.title} — ${x.source}`);
    case 'search_products':
      return ((r.products as { name: string; variants: unknown[] }[]) ?? []).map((p) => `${p.name} (${p.variants.length} variants)`);
    default:
      return [JSON.stringify(r)];
  }
}
