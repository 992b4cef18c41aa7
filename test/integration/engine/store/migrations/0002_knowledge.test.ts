import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../main/engine/store/database.js';
import { MIGRATIONS } from '../../../../../main/engine/store/migrations/index.js';
import { tempDir } from '../../../../support/tempDir.js';

describe('migration 0002 (knowledge)', () => {
  it('upgrades a version-1 database with data, keeps the rows and adds working knowledge tables', () => {
    const file = join(tempDir(), 'tandem.db');
    const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    v1.db.prepare(`INSERT INTO workspaces (id, name, is_demo, created_at) VALUES ('w1', 'Support', 0, 1)`).run();
    v1.db.prepare(`INSERT INTO products (workspace_id, id, name) VALUES ('w1', 'p1', 'Kettle')`).run();
    v1.db.close();

    const { db, migration } = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    try {
      expect(migration.applied).toContain('0002_knowledge');
      expect(db.prepare('SELECT name FROM products').all()).toEqual([{ name: 'Kettle' }]);
      db.prepare(`INSERT INTO knowledge_indexes (embedder_id, dimension, state, created_at) VALUES ('e', 3, 'active', 1)`).run();
      const doc = db
        .prepare(
          `INSERT INTO knowledge_documents (workspace_id, source_key, title, source, format, category, content_hash, body, last_updated, imported_at, chunk_count)
           VALUES ('w1', 'k', 'T', 's', 'markdown', 'returns', 'h', 'body', 1, 1, 1)`,
        )
        .run().lastInsertRowid;
      const chunk = db
        .prepare(`INSERT INTO knowledge_chunks (document_id, workspace_id, chunk_index, category, heading_path, char_offset, text) VALUES (?, 'w1', 0, 'returns', '[]', 0, 'returns within thirty days')`)
        .run(doc).lastInsertRowid;
      db.prepare(`INSERT INTO knowledge_fts (rowid, title, heading, text) VALUES (?, 'T', '', 'returns within thirty days')`).run(chunk);
      db.prepare(`INSERT INTO knowledge_vectors (generation, chunk_id, embedding) VALUES (1, ?, vec_f32('[1,0,0]'))`).run(chunk);
      expect(db.prepare(`SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH 'return'`).all()).toEqual([{ rowid: Number(chunk) }]);
      // Deleting the document removes its chunks, BM25 rows and vectors with it.
      db.prepare('DELETE FROM knowledge_documents WHERE id = ?').run(doc);
      expect(db.prepare('SELECT count(*) AS n FROM knowledge_chunks').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM knowledge_fts').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM knowledge_vectors').get()).toEqual({ n: 0 });
      // Only one active index generation at a time.
      expect(() => db.prepare(`INSERT INTO knowledge_indexes (embedder_id, dimension, state, created_at) VALUES ('f', 3, 'active', 2)`).run()).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });
});
