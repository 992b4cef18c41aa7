import type { Migration } from '../migration.js';

/**
 * The assist pipeline's memory: one assist result per customer message (what the agent saw, with
 * stage timings), escalation flags the agent dismissed, and escalations sent with their handoff packet.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'assist_escalation',
  up: `
CREATE TABLE assist_results (
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  message_id      TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  result_json     TEXT NOT NULL,
  total_ms        REAL NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, message_id)
) STRICT;

CREATE TABLE escalation_dismissals (
  id              INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  trigger         TEXT NOT NULL,
  up_to_seq       INTEGER NOT NULL,
  reason          TEXT NOT NULL,
  actor           TEXT NOT NULL,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX escalation_dismissals_conversation ON escalation_dismissals (conversation_id);

CREATE TABLE escalations (
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  queue           TEXT NOT NULL,
  packet_json     TEXT NOT NULL,
  destination     TEXT NOT NULL,
  actor           TEXT NOT NULL,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX escalations_conversation ON escalations (conversation_id);
`,
};
