import { randomUUID } from 'node:crypto';

/** Short, sortable-enough ids with a prefix that says what they name (c_ conversation, m_ message). */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}
