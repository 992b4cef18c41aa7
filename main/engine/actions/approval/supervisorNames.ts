import unhomoglyph from 'unhomoglyph';
import { TandemError } from '../../errors.js';

export const MAX_SUPERVISOR_NAME_CHARS = 60;

/** Letters, marks, digits, spaces and a little punctuation people use in names; nothing invisible or directional. */
const NAME_CHARS = /^[\p{L}\p{M}\p{N} .'-]+$/u;

/**
 * The stored form of a supervisor's name: NFKC (full-width "Ｂｏｓｓ" is "Boss"), trimmed, inner runs of
 * spaces made one. A name that is empty after that, too long, or made of anything but letters, digits,
 * spaces and . ' - is refused: a name is what the audit shows as the approver, so it must read as what it is.
 */
export function normalizeSupervisorName(raw: string): string {
  const name = raw.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  if (!name) throw new TandemError('E_VALIDATION', 'A supervisor name needs at least one letter; it cannot be only spaces.');
  if (name.length > MAX_SUPERVISOR_NAME_CHARS) throw new TandemError('E_VALIDATION', `A supervisor name is at most ${MAX_SUPERVISOR_NAME_CHARS} characters.`);
  if (!NAME_CHARS.test(name)) throw new TandemError('E_VALIDATION', "A supervisor name may hold letters, digits, spaces and . ' - only.");
  return name;
}

/**
 * What a name looks like, for telling look-alikes apart (Unicode TR39's skeleton, case-blind): Greek
 * "bοss", Cyrillic "bоss" and "Boss" all read "boss"; "rn" reads as "m", "1" and "l" alike. Two
 * supervisors whose names share a skeleton could pass for each other in the audit, so the second is refused.
 */
export function nameSkeleton(name: string): string {
  return unhomoglyph(name.normalize('NFKC').toLowerCase().normalize('NFD'))
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s.'-]+/gu, '');
}

/** The existing name this one could be mistaken for, or null. */
export function confusableWith(name: string, existing: readonly string[]): string | null {
  const skeleton = nameSkeleton(name);
  return existing.find((other) => nameSkeleton(other) === skeleton) ?? null;
}
