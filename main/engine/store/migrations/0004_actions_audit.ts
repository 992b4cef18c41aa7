import type { Migration } from '../migration.js';

/**
 * The action engine's records: proposed/approved tool calls, their idempotent executions, tickets,
 * supervisor profiles, changes made to the embedded commerce backend, and the hash-chained audit log.
 * No foreign keys from the audit log or executions to workspaces or conversations: deleting a
 * conversation (or rebuilding the demo shop) must never erase who approved what, or the record that
 * protects a refund from running twice.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'actions_audit',
  up: `
CREATE TABLE actions (
  id                 TEXT NOT NULL PRIMARY KEY,
  workspace_id       TEXT NOT NULL,
  conversation_id    TEXT NOT NULL,
  tool               TEXT NOT NULL,
  args_json          TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('proposed', 'awaiting_supervisor', 'running', 'succeeded', 'failed', 'rejected')),
  why                TEXT NOT NULL DEFAULT '',
  idempotency_key    TEXT NOT NULL UNIQUE,
  result_json        TEXT,
  error_code         TEXT,
  error_message      TEXT,
  decided_by         TEXT,
  decision_note      TEXT,
  supervisor_ticket_id TEXT,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX actions_conversation ON actions (conversation_id, created_at);
CREATE INDEX actions_open ON actions (workspace_id, status);

CREATE TABLE action_executions (
  idempotency_key TEXT NOT NULL PRIMARY KEY,
  action_id       TEXT NOT NULL,
  workspace_id    TEXT NOT NULL,
  tool            TEXT NOT NULL,
  args_json       TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('sent', 'recorded', 'failed')),
  result_json     TEXT,
  started_at      INTEGER NOT NULL,
  finished_at     INTEGER
) STRICT;

CREATE TABLE tickets (
  id              TEXT NOT NULL PRIMARY KEY,
  workspace_id    TEXT NOT NULL,
  conversation_id TEXT,
  customer_id     TEXT,
  subject         TEXT NOT NULL,
  priority        TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
  summary         TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX tickets_workspace ON tickets (workspace_id, created_at);

CREATE TABLE supervisors (
  workspace_id TEXT NOT NULL,
  name         TEXT NOT NULL,
  pin_hash     TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, name)
) STRICT;

CREATE TABLE commerce_changes (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL,
  customer_id   TEXT NOT NULL,
  order_id      TEXT,
  kind          TEXT NOT NULL,
  details_json  TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX commerce_changes_order ON commerce_changes (workspace_id, order_id);

CREATE TABLE audit_log (
  seq             INTEGER NOT NULL PRIMARY KEY,
  at              INTEGER NOT NULL,
  workspace_id    TEXT NOT NULL,
  actor           TEXT NOT NULL,
  kind            TEXT NOT NULL,
  conversation_id TEXT,
  action_id       TEXT,
  data_json       TEXT NOT NULL,
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_log_action ON audit_log (action_id);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
};
