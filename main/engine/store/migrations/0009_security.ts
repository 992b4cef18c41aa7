import type { Migration } from '../migration.js';

/**
 * Security of approvals and identities:
 * - the audit log and the actions keep the supervisor who signed off apart from the agent (one free-text
 *   actor could be written as "agent1; supervisor:boss"); old entries keep hashing without the field;
 * - every supervisor PIN attempt, per supervisor and per action, for the lockout (kept across restarts);
 * - the second identity factor (zip, or one of the customer's order ids) confirmed in a conversation,
 *   which the workspace can require before any action that moves money;
 * - refunds by order, so the supervisor threshold can count an order's other refunds in one lookup.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'security',
  up: `
ALTER TABLE audit_log ADD COLUMN supervisor TEXT;
ALTER TABLE actions ADD COLUMN supervisor TEXT;

CREATE TABLE supervisor_pin_attempts (
  id           INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  supervisor   TEXT NOT NULL,
  action_id    TEXT,
  at           INTEGER NOT NULL,
  ok           INTEGER NOT NULL CHECK (ok IN (0, 1))
) STRICT;
CREATE INDEX supervisor_pin_attempts_supervisor ON supervisor_pin_attempts (workspace_id, supervisor, at);
CREATE INDEX supervisor_pin_attempts_action ON supervisor_pin_attempts (workspace_id, action_id, at);

CREATE TABLE customer_second_factors (
  conversation_id TEXT NOT NULL PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  customer_id     TEXT NOT NULL,
  factor          TEXT NOT NULL CHECK (factor IN ('zip', 'order')),
  confirmed_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX actions_refund_order ON actions (workspace_id, ltrim(json_extract(args_json, '$.order_id'), '#'))
  WHERE tool = 'process_refund';
`,
};
