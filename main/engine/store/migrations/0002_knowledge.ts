import type { Migration } from '../migration.js';

/**
 * The knowledge base. Documents and their chunks are the record; knowledge_fts is the BM25 index over
 * the chunks; vectors are kept per index generation (one generation per embedding model) so that a
 * model switch can build a new generation while search keeps using the active one.
 *
 * Vectors are float32 blobs in an ordinary table, compared with sqlite-vec's distance functions. A
 * vec0 KNN scan measured 57 ms (float) / 21–33 ms (bit) at 100k chunks on the 2-core target, over the
 * 30 ms budget; candidate generation therefore runs on an in-memory sign-bit copy and only the
 * candidates are rescored exactly in SQL (docs/decisions/0007-knowledge-vector-layout.md).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'knowledge',
  up: `
CREATE TABLE knowledge_documents (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  source_key    TEXT NOT NULL,
  title         TEXT NOT NULL,
  source        TEXT NOT NULL,
  format        TEXT NOT NULL CHECK (format IN ('markdown', 'text', 'html', 'pdf', 'json')),
  category      TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  body          TEXT NOT NULL,
  last_updated  INTEGER NOT NULL,
  imported_at   INTEGER NOT NULL,
  chunk_count   INTEGER NOT NULL,
  warning       TEXT,
  UNIQUE (workspace_id, source_key)
) STRICT;
CREATE INDEX knowledge_documents_hash ON knowledge_documents (workspace_id, content_hash);

CREATE TABLE knowledge_chunks (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
  workspace_id  TEXT NOT NULL,
  chunk_index   INTEGER NOT NULL,
  category      TEXT NOT NULL,
  heading_path  TEXT NOT NULL,
  char_offset   INTEGER NOT NULL,
  text          TEXT NOT NULL,
  UNIQUE (document_id, chunk_index)
) STRICT;
CREATE INDEX knowledge_chunks_workspace ON knowledge_chunks (workspace_id, category);

CREATE VIRTUAL TABLE knowledge_fts USING fts5(title, heading, text, tokenize = 'porter unicode61');

CREATE TABLE knowledge_indexes (
  generation    INTEGER PRIMARY KEY,
  embedder_id   TEXT NOT NULL,
  dimension     INTEGER NOT NULL CHECK (dimension > 0),
  state         TEXT NOT NULL CHECK (state IN ('building', 'active', 'retired')),
  created_at    INTEGER NOT NULL,
  activated_at  INTEGER
) STRICT;
CREATE UNIQUE INDEX knowledge_indexes_one_active ON knowledge_indexes (state) WHERE state = 'active';

CREATE TABLE knowledge_vectors (
  generation    INTEGER NOT NULL REFERENCES knowledge_indexes(generation) ON DELETE CASCADE,
  chunk_id      INTEGER NOT NULL REFERENCES knowledge_chunks(id) ON DELETE CASCADE,
  embedding     BLOB NOT NULL,
  PRIMARY KEY (generation, chunk_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX knowledge_vectors_chunk ON knowledge_vectors (chunk_id);

-- The FTS rows follow their chunk: deleting a document (or replacing its chunks) removes its BM25 rows.
CREATE TRIGGER knowledge_chunks_fts_delete AFTER DELETE ON knowledge_chunks BEGIN
  DELETE FROM knowledge_fts WHERE rowid = old.id;
END;
`,
};
