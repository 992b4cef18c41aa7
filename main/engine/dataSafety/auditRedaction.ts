import { createHash } from 'node:crypto';

/**
 * Fields whose values are free text that can carry a customer's own words: a refund reason or a
 * search query is the customer's message, a ticket summary quotes it. The audit log is append-only and
 * hash-chained, so it can never be purged; it therefore keeps a SHA-256 commitment to such text instead
 * of the text. The full text lives in the action, ticket or draft row, which the retention purge deletes
 * with its conversation; while that row exists the commitment proves it was not changed. A draft
 * override keeps the flagged span of the agent's reply (an amount, an order id) as evidence.
 */
const FREE_TEXT_KEYS = new Set(['reason', 'query', 'summary', 'subject', 'comment', 'note', 'description']);

export function redactedText(value: string): string {
  return `[text removed from the audit log: ${value.length} chars, sha256 ${createHash('sha256').update(value).digest('hex')}]`;
}

/** A copy of `data` with every free-text field (at any depth) replaced by its commitment. */
export function redactFreeText<T>(data: T): T {
  return redact(data) as T;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] = FREE_TEXT_KEYS.has(key) && typeof inner === 'string' ? redactedText(inner) : redact(inner);
  }
  return out;
}
