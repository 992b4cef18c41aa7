/**
 * Which items of an order a customer's words point at: "the bookshelf and the action camera", "the
 * helmet", "both of them", "everything except the coffee machine", "the more expensive tablet", "the
 * blue one". Names come from the order itself (never from a list fitted to one shop): a full product
 * name, or its last word as the head noun ("the camera" for "Action Camera").
 */
export interface OrderLine {
  readonly item_id: string;
  readonly product_id: string;
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
  readonly price_cents: number;
}

export interface ItemMentions {
  /** Indexes of the lines the words choose. */
  readonly selected: readonly number[];
  /** Lines the words keep out ("except the watch", "I want to keep the watch"). */
  readonly excluded: readonly number[];
  /**
   * "everything", "the whole order": every line not excluded is selected. "both", "all of them": the
   * lines named with it, or (when the words name none) the lines named earlier in the conversation.
   */
  readonly quantifier: 'all' | 'both' | null;
  /** Names that match several lines the words could not tell apart. */
  readonly ambiguous: readonly { readonly words: string; readonly lines: readonly number[] }[];
}

const EVERYTHING = /\b(?:everything|every item|all (?:the |my )?items|all of it|the (?:whole|entire|full) order|whole order|entire order|all i (?:bought|ordered)|all (?:of )?(?:the|my) order)\b/i;
const BOTH = /\b(?:both(?: of them| items)?|all (?:of )?them|all three|the two of them|these two|those two)\b/i;
const EXCLUSION_CUE = /\b(?:except(?: for)?|apart from|other than|but not|not the|keep(?:ing)?|hold on to|without)\b/gi;
const CLAUSE_BREAK = /[.;!?]|\b(?:and i|but i|and also|also)\b/i;
const HIGHER = /\b(?:more expensive|most expensive|pricier|priciest|dearer|higher[- ]priced)\b/i;
const LOWER = /\b(?:less expensive|least expensive|cheaper|cheapest|lower[- ]priced)\b/i;

interface Mention {
  readonly start: number;
  readonly words: string;
  readonly lines: number[];
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "T-Shirt" matches "t-shirt", "t shirt", "tshirt"; a trailing s/es is a plural. */
function namePattern(name: string): RegExp {
  const parts = name.trim().toLowerCase().split(/[\s-]+/).map(escape);
  return new RegExp(String.raw`(?<![\p{L}\p{N}])${parts.join('[\\s-]?')}(?:e?s)?(?![\p{L}\p{N}])`, 'giu');
}

function headNoun(name: string): string | null {
  const words = name.trim().toLowerCase().split(/[\s-]+/);
  const last = words.at(-1) ?? '';
  return words.length > 1 && last.length >= 3 ? last : null;
}

/** Every place the text names a product of the order, by full name first, then by head noun. */
function findMentions(text: string, lines: readonly OrderLine[]): Mention[] {
  const mentions: Mention[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number): boolean => taken.every(([a, b]) => e <= a || s >= b);
  const names = [...new Set(lines.map((l) => l.name))].sort((a, b) => b.length - a.length);
  const scan = (pattern: RegExp, matching: (line: OrderLine) => boolean): void => {
    for (const m of text.matchAll(pattern)) {
      const [s, e] = [m.index, m.index + m[0].length];
      if (!free(s, e)) continue;
      taken.push([s, e]);
      mentions.push({ start: s, words: m[0], lines: lines.flatMap((l, i) => (matching(l) ? [i] : [])) });
    }
  };
  for (const name of names) scan(namePattern(name), (l) => l.name === name);
  const heads = new Map<string, string[]>();
  for (const name of names) {
    const head = headNoun(name);
    if (head) heads.set(head, [...(heads.get(head) ?? []), name]);
  }
  for (const [head, owners] of heads) scan(namePattern(head), (l) => owners.includes(l.name));
  return mentions.sort((a, b) => a.start - b.start);
}

/** Option values of the candidate lines that the text mentions ("blue", "size 8", "15-inch"). */
function optionScore(text: string, line: OrderLine): number {
  const lower = text.toLowerCase();
  let score = 0;
  for (const value of Object.values(line.options)) {
    const v = value.toLowerCase().trim();
    if (v.length < 2 || v === 'yes' || v === 'no') continue;
    if (new RegExp(String.raw`(?<![\p{L}\p{N}])${escape(v).replace(/\\-|\s+/g, '[\\s-]?')}(?![\p{L}\p{N}])`, 'iu').test(lower)) score += 1;
  }
  return score;
}

/** Narrows lines that share a name using option words and price comparisons in the text. */
function narrow(text: string, lines: readonly OrderLine[], candidates: readonly number[]): number[] {
  if (candidates.length <= 1) return [...candidates];
  const distinct = new Set(candidates.map((i) => lines[i]!.item_id));
  if (distinct.size === 1) return [candidates[0]!];
  const scores = candidates.map((i) => optionScore(text, lines[i]!));
  const best = Math.max(...scores);
  let narrowed = best > 0 ? candidates.filter((_, k) => scores[k] === best) : [...candidates];
  if (narrowed.length > 1 && (HIGHER.test(text) || LOWER.test(text))) {
    const prices = narrowed.map((i) => lines[i]!.price_cents);
    const target = HIGHER.test(text) ? Math.max(...prices) : Math.min(...prices);
    narrowed = narrowed.filter((i) => lines[i]!.price_cents === target);
  }
  return narrowed;
}

function isExcluded(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  let cueAt = -1;
  for (const m of before.matchAll(EXCLUSION_CUE)) cueAt = m.index + m[0].length;
  if (cueAt < 0) return false;
  return !CLAUSE_BREAK.test(before.slice(cueAt));
}

export function mentionedItems(text: string, lines: readonly OrderLine[]): ItemMentions {
  const selected = new Set<number>();
  const excluded = new Set<number>();
  const ambiguous: { words: string; lines: number[] }[] = [];
  for (const mention of findMentions(text, lines)) {
    const narrowed = narrow(text, lines, mention.lines);
    if (isExcluded(text, mention.start)) {
      narrowed.forEach((i) => excluded.add(i));
      continue;
    }
    if (narrowed.length === 1) selected.add(narrowed[0]!);
    else if (narrowed.length > 1) ambiguous.push({ words: mention.words, lines: narrowed });
  }
  const quantifier = EVERYTHING.test(text) ? 'all' : BOTH.test(text) ? 'both' : null;
  // "Both" with nothing named in the same words refers to an order of two, else to earlier words.
  const everyLine = quantifier === 'all' || (quantifier === 'both' && selected.size === 0 && lines.length === 2);
  if (everyLine) lines.forEach((_, i) => !excluded.has(i) && selected.add(i));
  if (quantifier === 'both') ambiguous.forEach((a) => a.lines.forEach((i) => selected.add(i)));
  // "Return the tablet" when the order has two different tablets: a choice for the agent, unless the
  // same words also chose one of them elsewhere.
  const open = ambiguous.filter((a) => !a.lines.some((i) => selected.has(i)));
  return { selected: [...selected].sort((a, b) => a - b), excluded: [...excluded].sort((a, b) => a - b), quantifier, ambiguous: open };
}

/** True when the text names a product at all (used to tell "names no item" from "names items elsewhere"). */
export function namesAnyItem(text: string, lines: readonly OrderLine[]): boolean {
  return findMentions(text, lines).length > 0 || EVERYTHING.test(text) || BOTH.test(text);
}
