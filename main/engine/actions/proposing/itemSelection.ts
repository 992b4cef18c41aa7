import { formatCents } from '../../money.js';
import { mentionedItems, namesAnyItem, type OrderLine } from './itemMentions.js';
import type { ItemChoice, ProposalHold } from './proposalDetails.js';

/**
 * The items of one order a request is about, across the conversation: the latest message that names
 * items decides ("the bookshelf and the action camera"); "both of them" reaches back to the items
 * named before it; an order of one item needs no naming. What stays unclear becomes a hold that asks
 * the agent to choose, with every item of the order offered as a checkbox.
 */
export interface ItemSelection {
  readonly lines: readonly number[];
  readonly choices: readonly ItemChoice[];
  readonly hold: ProposalHold | null;
  /** True when the words named items (rather than the selection being implied). */
  readonly named: boolean;
}

export function selectItems(lines: readonly OrderLine[], textsLatestFirst: readonly string[], notInOrder: readonly string[], orderId: string): ItemSelection {
  let chosen: number[] = [];
  let ambiguousWords: string[] = [];
  let named = false;
  for (const [index, text] of textsLatestFirst.entries()) {
    if (!namesAnyItem(text, lines)) continue;
    const m = mentionedItems(text, lines);
    chosen = [...m.selected];
    ambiguousWords = m.ambiguous.map((a) => a.words);
    named = true;
    if (m.quantifier === 'both' && chosen.length === 0) {
      // "Can I return both of them?" after "the lamp and the kettle are broken".
      const earlier = textsLatestFirst.slice(index + 1).find((t) => namesAnyItem(t, lines));
      if (earlier) chosen = [...mentionedItems(earlier, lines).selected];
    }
    break;
  }
  if (!named && lines.length === 1) chosen = [0];
  const choices = lines.map((line, i) => ({ ...line, options: { ...line.options }, selected: chosen.includes(i) }));
  const names = (indexes: readonly number[]): string => indexes.map((i) => lines[i]!.name).join(', ');
  let hold: ProposalHold | null = null;
  if (chosen.length === 0 && notInOrder.length > 0) {
    hold = { code: 'item_not_in_order', message: `The customer named ${notInOrder.join(' and ')}, which ${notInOrder.length > 1 ? 'are' : 'is'} not in order ${orderId} (${names(lines.map((_, i) => i))}). Check the order with the customer and choose the items.` };
  } else if (chosen.length === 0 && ambiguousWords.length > 0) {
    hold = { code: 'choose_items', message: `“${ambiguousWords.join('”, “')}” matches more than one item of order ${orderId}: choose which with the customer.` };
  } else if (chosen.length === 0 && lines.length > 1) {
    hold = { code: 'choose_items', message: `The customer did not say which items of order ${orderId}: choose them with the customer.` };
  }
  return { lines: chosen, choices, hold, named };
}

export function itemsTotal(lines: readonly OrderLine[], chosen: readonly number[]): number {
  return chosen.reduce((sum, i) => sum + lines[i]!.price_cents, 0);
}

/**
 * The one set of items whose prices add up to an amount the customer stated ("that's $929.79"), or
 * null when none or several do. Orders are small (the search stops past 12 items).
 */
export function itemsAddingUpTo(lines: readonly OrderLine[], cents: number): number[] | null {
  if (lines.length === 0 || lines.length > 12) return null;
  let found: number[] | null = null;
  for (let mask = 1; mask < 1 << lines.length; mask += 1) {
    let sum = 0;
    const picked: number[] = [];
    for (let i = 0; i < lines.length; i += 1) {
      if (mask & (1 << i)) {
        sum += lines[i]!.price_cents;
        picked.push(i);
      }
    }
    if (sum !== cents) continue;
    if (found) return null;
    found = picked;
  }
  return found;
}

export function describeItems(lines: readonly OrderLine[], chosen: readonly number[]): string {
  const names = chosen.map((i) => `the ${lines[i]!.name.toLowerCase()}`);
  const list = names.length <= 1 ? (names[0] ?? 'no items') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${list} (${formatCents(itemsTotal(lines, chosen))})`;
}
