import type { Migration } from '../migration.js';

/**
 * What the metrics need beyond messages: conclusion events (resolved, escalated, abandoned, reopened)
 * with their time so a reopen within 48 hours is detectable, CSAT ratings, model token usage, and a
 * per-conversation rollup derived from all of these so the dashboard reads one row per conversation
 * instead of joining every message. Existing conversations are backfilled from their messages and status.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'metrics',
  up: `
CREATE TABLE conversation_outcomes (
  id              INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('resolved', 'escalated', 'abandoned', 'reopened')),
  assisted        INTEGER NOT NULL DEFAULT 0 CHECK (assisted IN (0, 1)),
  reason          TEXT NOT NULL DEFAULT '',
  source          TEXT NOT NULL CHECK (source IN ('agent', 'api', 'customer_message', 'migration')),
  actor           TEXT NOT NULL DEFAULT 'agent',
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX conversation_outcomes_conversation ON conversation_outcomes (conversation_id, created_at);

CREATE TABLE csat_ratings (
  conversation_id TEXT NOT NULL PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  score           INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  source          TEXT NOT NULL CHECK (source IN ('agent', 'api')),
  comment         TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE model_usage (
  id                INTEGER PRIMARY KEY,
  conversation_id   TEXT REFERENCES conversations(id) ON DELETE CASCADE,
  model             TEXT NOT NULL,
  local             INTEGER NOT NULL CHECK (local IN (0, 1)),
  prompt_tokens     INTEGER NOT NULL CHECK (prompt_tokens >= 0),
  completion_tokens INTEGER NOT NULL CHECK (completion_tokens >= 0),
  created_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX model_usage_conversation ON model_usage (conversation_id);

CREATE TABLE conversation_metrics (
  conversation_id    TEXT NOT NULL PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  workspace_id       TEXT NOT NULL,
  started_at         INTEGER NOT NULL,
  agent              TEXT NOT NULL DEFAULT 'agent',
  intent             TEXT,
  queue              TEXT,
  state              TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'escalated', 'abandoned')),
  first_customer_at  INTEGER,
  first_agent_at     INTEGER,
  concluded_at       INTEGER,
  resolved_at        INTEGER,
  ever_escalated     INTEGER NOT NULL DEFAULT 0,
  assisted           INTEGER NOT NULL DEFAULT 0,
  false_resolution   INTEGER NOT NULL DEFAULT 0,
  csat               INTEGER,
  local_tokens       INTEGER NOT NULL DEFAULT 0,
  remote_tokens      INTEGER NOT NULL DEFAULT 0,
  assist_max_ms      REAL
) STRICT;
CREATE INDEX conversation_metrics_range ON conversation_metrics (workspace_id, started_at);
CREATE INDEX assist_results_created ON assist_results (created_at, total_ms);
CREATE INDEX actions_created ON actions (workspace_id, created_at);
CREATE INDEX message_routing_created ON message_routing (created_at);

INSERT INTO conversation_outcomes (conversation_id, kind, source, actor, created_at)
  SELECT id, status, 'migration', 'agent', updated_at FROM conversations WHERE status IN ('resolved', 'escalated');

INSERT INTO conversation_metrics (conversation_id, workspace_id, started_at, state, first_customer_at, first_agent_at,
                                  concluded_at, resolved_at, ever_escalated, queue)
  SELECT c.id, c.workspace_id,
         COALESCE((SELECT MIN(created_at) FROM messages WHERE conversation_id = c.id AND role = 'customer'), c.created_at),
         c.status,
         (SELECT MIN(created_at) FROM messages WHERE conversation_id = c.id AND role = 'customer'),
         (SELECT MIN(a.created_at) FROM messages a WHERE a.conversation_id = c.id AND a.role = 'agent'
            AND a.created_at >= (SELECT MIN(created_at) FROM messages WHERE conversation_id = c.id AND role = 'customer')),
         CASE WHEN c.status = 'open' THEN NULL ELSE c.updated_at END,
         CASE WHEN c.status = 'resolved' THEN c.updated_at END,
         c.status = 'escalated' OR EXISTS (SELECT 1 FROM escalations WHERE conversation_id = c.id),
         (SELECT queue FROM escalations WHERE conversation_id = c.id ORDER BY created_at DESC LIMIT 1)
  FROM conversations c;
`,
};
