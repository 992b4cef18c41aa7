import { TandemError } from '../errors.js';

export const MAX_DISPLAY_NAME_CHARS = 60;

/** Letters, marks, digits, spaces and a little punctuation people use in names; nothing invisible or directional. */
const NAME_CHARS = /^[\p{L}\p{M}\p{N} .'-]+$/u;

/**
 * The stored form of a person's name shown in the audit (an agent's display name, a supervisor's name):
 * NFKC (full-width "Ｂｏｓｓ" is "Boss"), trimmed, inner runs of spaces made one. Empty, too long, or
 * holding anything but letters, digits, spaces and . ' - is refused: the audit must read as what it is.
 */
export function normalizeDisplayName(raw: string, what: string): string {
  const name = raw.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  if (!name) throw new TandemError('E_VALIDATION', `A ${what} needs at least one letter; it cannot be only spaces.`);
  if (name.length > MAX_DISPLAY_NAME_CHARS) throw new TandemError('E_VALIDATION', `A ${what} is at most ${MAX_DISPLAY_NAME_CHARS} characters.`);
  if (!NAME_CHARS.test(name)) throw new TandemError('E_VALIDATION', `A ${what} may hold letters, digits, spaces and . ' - only.`);
  return name;
}
