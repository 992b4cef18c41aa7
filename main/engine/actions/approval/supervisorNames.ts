import unhomoglyph from 'unhomoglyph';
import { normalizeDisplayName } from '../../workspace/displayNames.js';

/** A supervisor's stored name (see normalizeDisplayName): what the audit shows as the approver. */
export const normalizeSupervisorName = (raw: string): string => normalizeDisplayName(raw, 'supervisor name');

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
