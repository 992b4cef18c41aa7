import { TandemError } from '../errors.js';

export const MAX_MESSAGE_CHARS = 20_000;

/**
 * The one rule for message text, applied wherever text enters (UI, HTTP connector, CLI, replay):
 * well-formed Unicode, not blank, within the limit. Returns the text with outer whitespace trimmed.
 */
export function normalizeMessageText(content: string): string {
  if (!content.isWellFormed()) {
    throw new TandemError('E_BAD_ENCODING', 'The message contains broken Unicode (an unpaired surrogate).');
  }
  const trimmed = content.trim();
  if (trimmed.length === 0) throw new TandemError('E_EMPTY_MESSAGE');
  if (trimmed.length > MAX_MESSAGE_CHARS) {
    throw new TandemError('E_MESSAGE_TOO_LONG', `The message has ${trimmed.length.toLocaleString('en-US')} characters.`);
  }
  return trimmed;
}
