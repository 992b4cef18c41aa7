import { TandemError } from '../errors.js';

export const MAX_MESSAGE_CHARS = 20_000;

/** NUL never belongs in text (it truncates C strings downstream and hides the rest of a message in some views). */
const NUL = new RegExp(String.fromCharCode(0), 'g');
/**
 * Characters that print nothing: zero-width space, joiners, word joiner, BOM, soft hyphen, Mongolian vowel
 * separator, bidi marks and isolates, invisible math operators, Hangul fillers. A message made only of these
 * (and whitespace) is empty in disguise; inside real text they stay (joiners shape emoji and Indic script).
 */
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0\u115F\u1160]/gu;

/**
 * The one rule for message text, applied wherever text enters (UI, HTTP connector, CLI, replay):
 * well-formed Unicode, NUL removed, not blank (nor only invisible characters), within the limit.
 * Returns the text with outer whitespace trimmed.
 */
export function normalizeMessageText(content: string): string {
  if (!content.isWellFormed()) {
    throw new TandemError('E_BAD_ENCODING', 'The message contains broken Unicode (an unpaired surrogate).');
  }
  const trimmed = content.replace(NUL, '').trim();
  if (trimmed.replace(INVISIBLE, '').length === 0) throw new TandemError('E_EMPTY_MESSAGE');
  if (trimmed.length > MAX_MESSAGE_CHARS) {
    throw new TandemError('E_MESSAGE_TOO_LONG', `The message has ${trimmed.length.toLocaleString('en-US')} characters.`);
  }
  return trimmed;
}
