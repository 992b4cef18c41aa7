import type { Migration } from '../migration.js';

/**
 * The intent router: each workspace's taxonomy (intents and their labelled examples), trained models
 * (the active one stays until a retrain succeeds), the routing result of each routed message (intent
 * history, corrections, escalation inputs) and the running negative-sentiment streak per conversation.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'router',
  up: `
CREATE TABLE router_taxonomies (
  workspace_id    TEXT NOT NULL PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  fallback_intent TEXT NOT NULL,
  revision        INTEGER NOT NULL CHECK (revision >= 1),
  learn_from_corrections INTEGER NOT NULL DEFAULT 0 CHECK (learn_from_corrections IN (0, 1)),
  updated_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE router_intents (
  workspace_id         TEXT NOT NULL REFERENCES router_taxonomies(workspace_id) ON DELETE CASCADE,
  name                 TEXT NOT NULL,
  position             INTEGER NOT NULL,
  description          TEXT NOT NULL DEFAULT '',
  requires_auth        INTEGER NOT NULL CHECK (requires_auth IN (0, 1)),
  tools_json           TEXT NOT NULL DEFAULT '[]',
  escalation_threshold REAL NOT NULL CHECK (escalation_threshold >= 0 AND escalation_threshold <= 1),
  PRIMARY KEY (workspace_id, name)
) STRICT;

CREATE TABLE router_examples (
  id           INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  intent       TEXT NOT NULL,
  text         TEXT NOT NULL CHECK (length(text) > 0),
  source       TEXT NOT NULL CHECK (source IN ('builtin', 'workspace', 'correction')),
  message_id   TEXT,
  created_at   INTEGER NOT NULL,
  FOREIGN KEY (workspace_id, intent) REFERENCES router_intents(workspace_id, name) ON DELETE CASCADE ON UPDATE CASCADE
) STRICT;
CREATE INDEX router_examples_intent ON router_examples (workspace_id, intent);

CREATE TABLE router_models (
  workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  revision      INTEGER NOT NULL,
  embedder_id   TEXT NOT NULL,
  active        INTEGER NOT NULL CHECK (active IN (0, 1)),
  example_count INTEGER NOT NULL,
  trained_at    INTEGER NOT NULL,
  train_ms      INTEGER NOT NULL,
  report_json   TEXT NOT NULL DEFAULT '{}',
  model_blob    BLOB NOT NULL,
  PRIMARY KEY (workspace_id, version)
) STRICT;
CREATE UNIQUE INDEX router_models_one_active ON router_models (workspace_id) WHERE active = 1;

CREATE TABLE message_routing (
  message_id       TEXT NOT NULL PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  intent           TEXT NOT NULL,
  confidence       REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  out_of_scope     INTEGER NOT NULL CHECK (out_of_scope IN (0, 1)),
  sentiment_score  REAL NOT NULL,
  sentiment_label  TEXT NOT NULL CHECK (sentiment_label IN ('angry', 'negative', 'neutral', 'positive')),
  model_version    INTEGER,
  result_json      TEXT NOT NULL,
  corrected_intent TEXT,
  corrected_at     INTEGER,
  created_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX message_routing_conversation ON message_routing (conversation_id, created_at);

CREATE TABLE conversation_sentiment (
  conversation_id TEXT NOT NULL PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  negative_streak INTEGER NOT NULL DEFAULT 0 CHECK (negative_streak >= 0),
  last_score      REAL NOT NULL,
  last_label      TEXT NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;
`,
};
