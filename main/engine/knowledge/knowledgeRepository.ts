import type { Database } from '../store/database.js';
import type { Chunk } from './chunker.js';
import type { DocumentFormat } from './extract/types.js';
import type { KnowledgeDocument, StoredChunk } from './types.js';

export interface IndexGeneration {
  readonly generation: number;
  readonly embedderId: string;
  readonly dimension: number;
  readonly state: 'building' | 'active' | 'retired';
}

export interface NewDocument {
  readonly workspaceId: string;
  readonly sourceKey: string;
  readonly title: string;
  readonly source: string;
  readonly format: DocumentFormat;
  readonly category: string;
  readonly contentHash: string;
  readonly body: string;
  readonly lastUpdated: number;
  readonly importedAt: number;
  readonly warning: string | null;
}

interface DocumentRow {
  id: number;
  workspace_id: string;
  source_key: string;
  title: string;
  source: string;
  format: DocumentFormat;
  category: string;
  content_hash: string;
  last_updated: number;
  imported_at: number;
  chunk_count: number;
  warning: string | null;
}

const toDocument = (row: DocumentRow): KnowledgeDocument => ({
  id: row.id,
  workspaceId: row.workspace_id,
  sourceKey: row.source_key,
  title: row.title,
  source: row.source,
  format: row.format,
  category: row.category,
  contentHash: row.content_hash,
  lastUpdated: row.last_updated,
  importedAt: row.imported_at,
  chunkCount: row.chunk_count,
  warning: row.warning,
});

const DOCUMENT_COLUMNS = 'id, workspace_id, source_key, title, source, format, category, content_hash, last_updated, imported_at, chunk_count, warning';

/** SQL for documents, chunks, BM25 rows and vectors. Every write of a document is one transaction. */
export class KnowledgeRepository {
  /** Bumped by every write through this repository, so cached search results know they are stale. */
  private writes = 0;

  constructor(private readonly db: Database) {}

  get revision(): number {
    return this.writes;
  }

  findBySourceKey(workspaceId: string, sourceKey: string): KnowledgeDocument | null {
    const row = this.db
      .prepare(`SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents WHERE workspace_id = ? AND source_key = ?`)
      .get(workspaceId, sourceKey) as DocumentRow | undefined;
    return row ? toDocument(row) : null;
  }

  findByHash(workspaceId: string, contentHash: string): KnowledgeDocument | null {
    const row = this.db
      .prepare(`SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents WHERE workspace_id = ? AND content_hash = ? LIMIT 1`)
      .get(workspaceId, contentHash) as DocumentRow | undefined;
    return row ? toDocument(row) : null;
  }

  get(workspaceId: string, id: number): KnowledgeDocument | null {
    const row = this.db
      .prepare(`SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents WHERE workspace_id = ? AND id = ?`)
      .get(workspaceId, id) as DocumentRow | undefined;
    return row ? toDocument(row) : null;
  }

  body(id: number): string {
    return (this.db.prepare('SELECT body FROM knowledge_documents WHERE id = ?').get(id) as { body: string } | undefined)?.body ?? '';
  }

  list(workspaceId: string): KnowledgeDocument[] {
    return (
      this.db
        .prepare(`SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents WHERE workspace_id = ? ORDER BY category, title`)
        .all(workspaceId) as DocumentRow[]
    ).map(toDocument);
  }

  counts(workspaceId: string): { documents: number; chunks: number } {
    return this.db
      .prepare(
        `SELECT (SELECT count(*) FROM knowledge_documents WHERE workspace_id = ?) AS documents,
                (SELECT count(*) FROM knowledge_chunks WHERE workspace_id = ?) AS chunks`,
      )
      .get(workspaceId, workspaceId) as { documents: number; chunks: number };
  }

  /**
   * Writes a document with all its chunks, BM25 rows and vectors, replacing any previous version with
   * the same source key, in one transaction: a reader (or a crash) sees the old document or the new
   * one, never half of either.
   */
  replaceDocument(
    document: NewDocument,
    chunks: readonly Chunk[],
    vectors: ReadonlyMap<number, readonly Float32Array[]>,
  ): { id: number; replacedChunkIds: number[]; chunkIds: number[] } {
    const run = this.db.transaction(() => {
      const previous = this.findBySourceKey(document.workspaceId, document.sourceKey);
      const replacedChunkIds = previous
        ? (this.db.prepare('SELECT id FROM knowledge_chunks WHERE document_id = ?').all(previous.id) as { id: number }[]).map((r) => r.id)
        : [];
      if (previous) this.db.prepare('DELETE FROM knowledge_documents WHERE id = ?').run(previous.id);
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO knowledge_documents (workspace_id, source_key, title, source, format, category, content_hash, body, last_updated, imported_at, chunk_count, warning)
           VALUES (@workspaceId, @sourceKey, @title, @source, @format, @category, @contentHash, @body, @lastUpdated, @importedAt, @chunkCount, @warning)`,
        )
        .run({ ...document, chunkCount: chunks.length });
      const id = Number(lastInsertRowid);
      const insertChunk = this.db.prepare(
        `INSERT INTO knowledge_chunks (document_id, workspace_id, chunk_index, category, heading_path, char_offset, text) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertFts = this.db.prepare('INSERT INTO knowledge_fts (rowid, title, heading, text) VALUES (?, ?, ?, ?)');
      const insertVector = this.db.prepare('INSERT INTO knowledge_vectors (generation, chunk_id, embedding) VALUES (?, ?, ?)');
      const chunkIds: number[] = [];
      for (const chunk of chunks) {
        const chunkId = Number(
          insertChunk.run(id, document.workspaceId, chunk.index, document.category, JSON.stringify(chunk.headingPath), chunk.offset, chunk.text)
            .lastInsertRowid,
        );
        chunkIds.push(chunkId);
        insertFts.run(chunkId, document.title, chunk.headingPath.join(' › '), chunk.text);
        for (const [generation, rows] of vectors) {
          const vector = rows[chunk.index];
          if (vector) insertVector.run(generation, chunkId, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
        }
      }
      return { id, replacedChunkIds, chunkIds };
    });
    try {
      return run.immediate();
    } finally {
      this.writes++;
    }
  }

  deleteDocument(workspaceId: string, id: number): number[] {
    this.writes++;
    return this.db.transaction(() => {
      const chunkIds = (this.db.prepare('SELECT id FROM knowledge_chunks WHERE document_id = ?').all(id) as { id: number }[]).map((r) => r.id);
      this.db.prepare('DELETE FROM knowledge_documents WHERE workspace_id = ? AND id = ?').run(workspaceId, id);
      return chunkIds;
    })();
  }

  chunks(documentId: number): StoredChunk[] {
    return (this.db.prepare('SELECT * FROM knowledge_chunks WHERE document_id = ? ORDER BY chunk_index').all(documentId) as ChunkRow[]).map(toChunk);
  }

  chunksByIds(ids: readonly number[]): Map<number, StoredChunk & { title: string; source: string; lastUpdated: number }> {
    const rows = this.db
      .prepare(
        `SELECT c.*, d.title AS title, d.source AS source, d.last_updated AS last_updated
         FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id
         WHERE c.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as (ChunkRow & { title: string; source: string; last_updated: number })[];
    return new Map(rows.map((row) => [row.id, { ...toChunk(row), title: row.title, source: row.source, lastUpdated: row.last_updated }]));
  }

  // ---- index generations ----

  activeGeneration(): IndexGeneration | null {
    return this.generationWhere("state = 'active'");
  }

  buildingGeneration(): IndexGeneration | null {
    return this.generationWhere("state = 'building'");
  }

  private generationWhere(where: string): IndexGeneration | null {
    const row = this.db
      .prepare(`SELECT generation, embedder_id, dimension, state FROM knowledge_indexes WHERE ${where} ORDER BY generation DESC LIMIT 1`)
      .get() as { generation: number; embedder_id: string; dimension: number; state: IndexGeneration['state'] } | undefined;
    return row ? { generation: row.generation, embedderId: row.embedder_id, dimension: row.dimension, state: row.state } : null;
  }

  createGeneration(embedderId: string, dimension: number, state: 'building' | 'active', now: number): IndexGeneration {
    const { lastInsertRowid } = this.db
      .prepare(`INSERT INTO knowledge_indexes (embedder_id, dimension, state, created_at, activated_at) VALUES (?, ?, ?, ?, ?)`)
      .run(embedderId, dimension, state, now, state === 'active' ? now : null);
    return { generation: Number(lastInsertRowid), embedderId, dimension, state };
  }

  /** Makes a finished generation the active one and drops the vectors of the one it replaces. */
  activateGeneration(generation: number, now: number): void {
    this.writes++;
    this.db.transaction(() => {
      const old = this.db.prepare(`SELECT generation FROM knowledge_indexes WHERE state IN ('active', 'building') AND generation != ?`).all(generation) as { generation: number }[];
      this.db.prepare(`UPDATE knowledge_indexes SET state = 'retired' WHERE state = 'active'`).run();
      this.db.prepare(`UPDATE knowledge_indexes SET state = 'active', activated_at = ? WHERE generation = ?`).run(now, generation);
      for (const { generation: g } of old) this.db.prepare('DELETE FROM knowledge_vectors WHERE generation = ?').run(g);
    }).immediate();
  }

  /** Chunks (any workspace) that have no vector yet in a generation: the work left for a re-index. */
  chunksMissingVectors(generation: number, limit: number): { id: number; embedText: string }[] {
    return this.db
      .prepare(
        `SELECT c.id AS id, d.title AS title, c.heading_path AS heading_path, c.text AS text
         FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id
         WHERE NOT EXISTS (SELECT 1 FROM knowledge_vectors v WHERE v.generation = ? AND v.chunk_id = c.id)
         ORDER BY c.id LIMIT ?`,
      )
      .all(generation, limit)
      .map((row) => {
        const r = row as { id: number; title: string; heading_path: string; text: string };
        return { id: r.id, embedText: embeddingText(r.title, JSON.parse(r.heading_path) as string[], r.text) };
      });
  }

  countMissingVectors(generation: number): number {
    return (
      this.db
        .prepare(`SELECT count(*) AS n FROM knowledge_chunks c WHERE NOT EXISTS (SELECT 1 FROM knowledge_vectors v WHERE v.generation = ? AND v.chunk_id = c.id)`)
        .get(generation) as { n: number }
    ).n;
  }

  insertVectors(generation: number, rows: readonly { chunkId: number; vector: Float32Array }[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO knowledge_vectors (generation, chunk_id, embedding) SELECT ?, id, ? FROM knowledge_chunks WHERE id = ?');
    this.writes++;
    this.db.transaction(() => {
      for (const { chunkId, vector } of rows) insert.run(generation, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength), chunkId);
    })();
  }
}

/**
 * The text that is embedded and that the chunk is found by: document title and section path in
 * front of the chunk, so a chunk that says "within 30 days" still knows it is about returns.
 */
export function embeddingText(title: string, headingPath: readonly string[], text: string): string {
  const context = [title, ...headingPath.filter((h) => h !== title)].join(' › ');
  return `${context}\n${text}`;
}

interface ChunkRow {
  id: number;
  document_id: number;
  chunk_index: number;
  category: string;
  heading_path: string;
  char_offset: number;
  text: string;
}

const toChunk = (row: ChunkRow): StoredChunk => ({
  id: row.id,
  documentId: row.document_id,
  chunkIndex: row.chunk_index,
  category: row.category,
  headingPath: JSON.parse(row.heading_path) as string[],
  offset: row.char_offset,
  text: row.text,
});
