import type { Entity, EntityKind } from '../types.js';

/** Builds an entity from a regex match group, keeping the span exact: text === message.slice(start, end). */
export function entityAt(
  message: string,
  kind: EntityKind,
  start: number,
  end: number,
  value: string,
  extra: Partial<Pick<Entity, 'amountCents' | 'currency' | 'productId'>> = {},
): Entity {
  return { kind, text: message.slice(start, end), start, end, value, ...extra };
}

/** Start offset of capture group `group` in a match made with the `d` (indices) flag. */
export function groupSpan(match: RegExpExecArray, group: number): [number, number] | null {
  const span = match.indices?.[group];
  return span ? [span[0], span[1]] : null;
}
