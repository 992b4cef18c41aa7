import type { Migration } from '../migration.js';

/**
 * Messages by conversation, role and time. The metrics rollup asks, at every message, when the
 * conversation's first customer message and the first agent reply after it were written; with only the
 * (conversation, seq) index SQLite read every message of the conversation for each answer, so a
 * 300-message conversation paid for all 300 at each new one. With this index both are one lookup.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'message_role_index',
  up: `CREATE INDEX messages_conversation_role_time ON messages (conversation_id, role, created_at);`,
};
