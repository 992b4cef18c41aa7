import type { Migration } from '../migration.js';

/**
 * Drafted replies and what the agent did with each: the text as generated (original_text) and as it
 * stands after one-click fixes (text), its citations and quality findings, and on send the outcome,
 * the edit distance to what was actually sent, the time from ready to sent, and whether a blocking
 * finding was overridden. Metrics read outcome / edit_distance / created_at from here (acceptance and
 * edit rates); a draft replaced by newer facts is 'superseded' with no outcome, so it counts nowhere.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'drafts',
  up: `
CREATE TABLE drafts (
  id              TEXT NOT NULL PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  message_id      TEXT REFERENCES messages(id) ON DELETE SET NULL,
  source          TEXT NOT NULL CHECK (source IN ('template', 'llm')),
  status          TEXT NOT NULL CHECK (status IN ('generating', 'ready', 'sent', 'discarded', 'superseded')),
  original_text   TEXT NOT NULL DEFAULT '',
  text            TEXT NOT NULL DEFAULT '',
  citations_json  TEXT NOT NULL DEFAULT '[]',
  findings_json   TEXT NOT NULL DEFAULT '[]',
  blocking        INTEGER NOT NULL DEFAULT 0 CHECK (blocking IN (0, 1)),
  outcome         TEXT CHECK (outcome IN ('accepted', 'edited', 'discarded', 'regenerated')),
  edit_distance   INTEGER CHECK (edit_distance >= 0),
  time_to_send_ms INTEGER CHECK (time_to_send_ms >= 0),
  override        INTEGER NOT NULL DEFAULT 0 CHECK (override IN (0, 1)),
  sent_message_id TEXT REFERENCES messages(id) ON DELETE SET NULL,
  model           TEXT,
  fallback_reason TEXT,
  created_at      INTEGER NOT NULL,
  ready_at        INTEGER,
  sent_at         INTEGER
) STRICT;
CREATE INDEX drafts_conversation ON drafts (conversation_id, created_at);
CREATE INDEX drafts_created ON drafts (created_at);
`,
};
