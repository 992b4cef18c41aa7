import type { Embedder } from '../../ml/embedder.js';
import type { Reranker } from '../../ml/reranker.js';
import type { Clock } from '../clock.js';
import type { CommerceRepository } from '../commerce/commerceRepository.js';
import { loadDemoPolicy } from '../demo/demoAssets.js';
import { TandemError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Log } from '../log.js';
import type { Database } from '../store/database.js';
import { BinaryVectorIndex } from './binaryVectorIndex.js';
import type { CrossEncoderOptions } from './crossEncoderRerank.js';
import { demoPolicySources, demoProductSources } from './demoKnowledge.js';
import { completeSearch, prepareSearch, type PreparedSearch, type SearchIndex } from './hybridSearch.js';
import { runImport, type ImportTarget } from './importer.js';
import { sourceFromUpload, sourcesFromPaths, type ImportSource } from './importSources.js';
import { KnowledgeRepository } from './knowledgeRepository.js';
import { SearchMemo } from './searchMemo.js';
import type { ImportReport, KnowledgeDocument, SearchResult, StoredChunk } from './types.js';

export interface KnowledgeOptions {
  /** Documents whose last update is older than this are flagged stale. Default 365 days. */
  readonly staleAfterDays?: number;
}

export interface ImportTask {
  readonly taskId: string;
  readonly done: Promise<ImportReport>;
}

export interface KnowledgeStatus {
  readonly embedderId: string | null;
  readonly dimension: number | null;
  readonly documents: number;
  readonly chunks: number;
  readonly vectors: number;
  readonly mode: 'hybrid' | 'lexical';
  /** The cross-encoder that orders search results, or null when the feature reranker does. */
  readonly reranker: string | null;
  readonly reindex: { readonly embedderId: string; readonly done: number; readonly total: number } | null;
  readonly imports: readonly { readonly taskId: string; readonly running: boolean; readonly report: ImportReport | null }[];
}

const REINDEX_BATCH = 64;
const DAY_MS = 86_400_000;

/**
 * The knowledge base of one workspace: import, search, documents, status, and the background
 * re-index when the embedding model changes. Search always uses the active index generation; a
 * new model's generation is built beside it and only swapped in when every chunk has a vector.
 */
export class KnowledgeService {
  readonly repository: KnowledgeRepository;
  private activeIndex: SearchIndex | null = null;
  /** Counts changes of the active index (model switch, reload), for the search memo's state key. */
  private indexChanges = 0;
  private readonly memo = new SearchMemo();
  private reindexState: { embedderId: string; done: number; total: number; promise: Promise<void> } | null = null;
  private readonly imports = new Map<string, { controller: AbortController; report: ImportReport | null }>();
  private nextTask = 1;
  private demoIndexing: Promise<ImportReport | null> | null = null;
  private crossEncoder: CrossEncoderOptions | null = null;

  private get active(): SearchIndex | null {
    return this.activeIndex;
  }

  private set active(index: SearchIndex | null) {
    this.activeIndex = index;
    this.indexChanges++;
  }

  constructor(
    private readonly db: Database,
    private readonly workspaceId: string,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly commerce: CommerceRepository,
    private readonly options: KnowledgeOptions = {},
  ) {
    this.repository = new KnowledgeRepository(db);
  }

  /**
   * Attaches the embedder. Same model as the stored index: load it. No index yet: create it and embed
   * whatever chunks exist. A different model: build its generation in the background (until then,
   * search runs lexical-only, because the old vectors cannot be queried without the old model).
   */
  attachEmbedder(embedder: Embedder): Promise<void> {
    const active = this.repository.activeGeneration();
    if (active && active.embedderId === embedder.id && active.dimension === embedder.dimension) {
      this.active = { generation: active.generation, embedder, vectors: this.loadVectors(active.generation, active.dimension) };
      return this.fillMissing();
    }
    if (!active) {
      const created = this.repository.createGeneration(embedder.id, embedder.dimension, 'active', this.clock.now());
      this.active = { generation: created.generation, embedder, vectors: new BinaryVectorIndex(embedder.dimension) };
      return this.fillMissing();
    }
    return this.switchEmbedder(embedder);
  }

  /**
   * Attaches (or, with null, detaches) a cross-encoder: searches then let it order the fused top
   * candidates, falling back to the feature reranker when it fails or exceeds its timeout. The host
   * owns the model and closes it.
   */
  attachReranker(reranker: Reranker | null, options: Omit<CrossEncoderOptions, 'model'> = {}): void {
    this.crossEncoder = reranker ? { ...options, model: reranker } : null;
    this.indexChanges++; // remembered results were ordered by the previous reranker
  }

  /** Re-embeds every chunk with a new model in the background; search keeps the current index until done. */
  switchEmbedder(embedder: Embedder): Promise<void> {
    if (this.reindexState) return this.reindexState.promise;
    const generation = this.repository.createGeneration(embedder.id, embedder.dimension, 'building', this.clock.now());
    const total = this.repository.countMissingVectors(generation.generation);
    const taskId = `reindex-${generation.generation}`;
    const state = { embedderId: embedder.id, done: 0, total, promise: Promise.resolve() };
    state.promise = (async () => {
      for (;;) {
        if (!this.db.open) return; // the engine was closed; the next open resumes the building generation
        const batch = this.repository.chunksMissingVectors(generation.generation, REINDEX_BATCH);
        if (batch.length === 0) break;
        const vectors = await embedder.embed(batch.map((b) => b.embedText), { priority: 'bulk' });
        if (!this.db.open) return;
        this.repository.insertVectors(generation.generation, batch.map((b, i) => ({ chunkId: b.id, vector: vectors[i]! })));
        state.done += batch.length;
        state.total = Math.max(state.total, state.done + this.repository.countMissingVectors(generation.generation));
        this.events.emit({ type: 'progress', taskId, kind: 'knowledge.reindex', label: `Re-embedding with ${embedder.id}`, done: state.done, total: state.total, finished: false });
      }
      this.repository.activateGeneration(generation.generation, this.clock.now());
      this.active = { generation: generation.generation, embedder, vectors: this.loadVectors(generation.generation, embedder.dimension) };
      this.events.emit({ type: 'progress', taskId, kind: 'knowledge.reindex', label: `Index ready for ${embedder.id}`, done: state.done, total: state.total, finished: true });
    })().finally(() => {
      this.reindexState = null;
    });
    this.reindexState = state;
    return state.promise;
  }

  /** Chunks written while no embedder was attached get their vectors (e.g. after a lexical-only import). */
  private async fillMissing(): Promise<void> {
    const index = this.active;
    if (!index) return;
    for (;;) {
      if (!this.db.open) return;
      const batch = this.repository.chunksMissingVectors(index.generation, REINDEX_BATCH);
      if (batch.length === 0) return;
      const vectors = await index.embedder.embed(batch.map((b) => b.embedText), { priority: 'bulk' });
      if (!this.db.open) return;
      this.repository.insertVectors(index.generation, batch.map((b, i) => ({ chunkId: b.id, vector: vectors[i]! })));
      const meta = this.repository.chunksByIds(batch.map((b) => b.id));
      batch.forEach((b, i) => {
        const chunk = meta.get(b.id);
        if (chunk) index.vectors.add(b.id, this.workspaceOfChunk(b.id), chunk.category, vectors[i]!);
      });
    }
  }

  private workspaceOfChunk(chunkId: number): string {
    return (this.db.prepare('SELECT workspace_id FROM knowledge_chunks WHERE id = ?').get(chunkId) as { workspace_id: string }).workspace_id;
  }

  private loadVectors(generation: number, dimension: number): BinaryVectorIndex {
    const index = new BinaryVectorIndex(dimension);
    const rows = this.db
      .prepare(
        `SELECT v.chunk_id AS id, v.embedding AS embedding, c.workspace_id AS workspace, c.category AS category
         FROM knowledge_vectors v JOIN knowledge_chunks c ON c.id = v.chunk_id WHERE v.generation = ?`,
      )
      .iterate(generation) as IterableIterator<{ id: number; embedding: Buffer; workspace: string; category: string }>;
    for (const row of rows) {
      const vector = new Float32Array(row.embedding.buffer.slice(row.embedding.byteOffset, row.embedding.byteOffset + row.embedding.byteLength));
      index.add(row.id, row.workspace, row.category, vector);
    }
    return index;
  }

  private target(workspaceId: string): ImportTarget | null {
    const index = this.active;
    if (!index) return null;
    return {
      generation: index.generation,
      embedder: index.embedder,
      onCommitted: ({ removed, added }) => {
        index.vectors.remove(removed);
        for (const row of added) index.vectors.add(row.chunkId, workspaceId, row.category, row.vector);
      },
    };
  }

  /** Starts an import in the background; progress goes out as 'progress' events with this task id. */
  startImport(paths: readonly string[], options: { category?: string; workspaceId?: string } = {}): ImportTask {
    // The folder walk runs in the task too (asynchronously, capped), so the call returns at once.
    return this.startSources((signal, taskId) =>
      sourcesFromPaths(paths, {
        signal,
        onProgress: (seen, found) =>
          this.events.emit({ type: 'progress', taskId, kind: 'knowledge.import', label: `Listing files: ${found.toLocaleString('en-US')} found in ${seen.toLocaleString('en-US')} entries`, done: 0, total: 0, finished: false }),
      }), options);
  }

  /** Uploaded files (browser picker, drag and drop): names and bytes. */
  startUpload(files: readonly { name: string; bytes: Uint8Array }[], options: { category?: string } = {}): ImportTask {
    const sources = files.map((f) => sourceFromUpload(f.name, f.bytes));
    return this.startSources(async () => sources, options);
  }

  private startSources(list: (signal: AbortSignal, taskId: string) => Promise<ImportSource[]>, options: { category?: string; workspaceId?: string }): ImportTask {
    const taskId = `import-${this.clock.now()}-${this.nextTask++}`;
    const controller = new AbortController();
    const entry = { controller, report: null as ImportReport | null };
    this.imports.set(taskId, entry);
    const workspaceId = options.workspaceId ?? this.workspaceId;
    const done = list(controller.signal, taskId).then((sources) => runImport(sources, this.repository, this.target(workspaceId), this.events, this.clock, {
      workspaceId,
      taskId,
      signal: controller.signal,
      ...(options.category ? { category: options.category } : {}),
    })).then((report) => {
      entry.report = report;
      this.log.info('knowledge import finished', { taskId, imported: report.imported, updated: report.updated, failed: report.failed });
      return report;
    });
    return { taskId, done };
  }

  workspaceIdOf(): string {
    return this.workspaceId;
  }

  cancelImport(taskId: string): boolean {
    const entry = this.imports.get(taskId);
    if (!entry) throw new TandemError('E_NOT_FOUND', `No import task ${taskId}.`);
    if (entry.report) return false;
    entry.controller.abort(new Error('The import was cancelled.'));
    return true;
  }

  /** Seeds the demo workspace's knowledge (policy sections + product pages) if it is not there yet. */
  ensureDemoIndexed(workspaceId = this.workspaceId): Promise<ImportReport | null> {
    if (this.demoIndexing) return this.demoIndexing;
    const products = this.commerce.listProducts(workspaceId);
    if (products.length === 0) return Promise.resolve(null);
    const sources = [...demoPolicySources(loadDemoPolicy()), ...demoProductSources(products)];
    this.demoIndexing = this.startSources(async () => sources, { workspaceId }).done;
    return this.demoIndexing;
  }

  async search(
    query: string,
    options: { intent?: string | null; limit?: number; mode?: 'hybrid' | 'lexical'; rerank?: boolean; depth?: number; bm25Budget?: number; workspaceId?: string } = {},
  ): Promise<SearchResult> {
    const intent = options.intent ?? null;
    // The actions stage asks the question the retrieve stage just answered: no new work for it.
    return this.memo.get(this.memoState(), this.memoKey(query, intent, options)) ?? this.startSearch(query, options).complete(intent);
  }

  private memoState(): string {
    // Vectors added to the in-memory index always go with a repository write, so these two counters
    // change whenever the answer to the same question could.
    return `${this.repository.revision}:${this.indexChanges}`;
  }

  private memoKey(query: string, intent: string | null, options: { limit?: number; mode?: string; rerank?: boolean; depth?: number; bm25Budget?: number; workspaceId?: string }): string {
    return JSON.stringify([options.workspaceId ?? this.workspaceId, query, intent, options.limit, options.mode, options.rerank, options.depth, String(options.bm25Budget)]);
  }

  /**
   * Starts a search before its intent is known: the query's embedding goes to the worker and BM25 runs
   * now; `complete(intent)` adds the vector side and the intent's category filter. The assist pipeline
   * starts a search this way while it routes the message.
   */
  startSearch(
    query: string,
    options: { limit?: number; mode?: 'hybrid' | 'lexical'; rerank?: boolean; depth?: number; bm25Budget?: number; workspaceId?: string } = {},
  ): { complete(intent: string | null): Promise<SearchResult> } {
    const search = { workspaceId: options.workspaceId ?? this.workspaceId, query, ...options, ...(this.crossEncoder ? { crossEncoder: this.crossEncoder } : {}) };
    const state = this.memoState();
    const index = this.active;
    const prepared: PreparedSearch = prepareSearch(this.db, index, search);
    return {
      complete: async (intent) => {
        const remembered = this.memo.get(state, this.memoKey(query, intent, options));
        if (remembered) return remembered;
        const result = await completeSearch(this.db, this.repository, index, prepared, intent);
        if (result.reranker?.fallbackReason) this.log.warn('the cross-encoder did not order a search; the feature reranker did', { reason: result.reranker.fallbackReason });
        // A fallback (the model failed or was slow) is not remembered: the next identical search tries the model again.
        if (state === this.memoState() && !result.reranker?.fallbackReason) this.memo.set(state, this.memoKey(query, intent, options), result);
        return result;
      },
    };
  }

  documents(workspaceId = this.workspaceId): (KnowledgeDocument & { stale: boolean })[] {
    const staleBefore = this.clock.now() - (this.options.staleAfterDays ?? 365) * DAY_MS;
    return this.repository.list(workspaceId).map((d) => ({ ...d, stale: d.lastUpdated < staleBefore }));
  }

  document(id: number, workspaceId = this.workspaceId): { document: KnowledgeDocument & { stale: boolean }; body: string; chunks: StoredChunk[] } {
    const document = this.repository.get(workspaceId, id);
    if (!document) throw new TandemError('E_NOT_FOUND', `No knowledge document ${id}.`);
    const staleBefore = this.clock.now() - (this.options.staleAfterDays ?? 365) * DAY_MS;
    return { document: { ...document, stale: document.lastUpdated < staleBefore }, body: this.repository.body(id), chunks: this.repository.chunks(id) };
  }

  deleteDocument(id: number, workspaceId = this.workspaceId): void {
    if (!this.repository.get(workspaceId, id)) throw new TandemError('E_NOT_FOUND', `No knowledge document ${id}.`);
    const removed = this.repository.deleteDocument(workspaceId, id);
    this.active?.vectors.remove(removed);
  }

  status(workspaceId = this.workspaceId): KnowledgeStatus {
    const counts = this.repository.counts(workspaceId);
    return {
      embedderId: this.active?.embedder.id ?? null,
      dimension: this.active?.embedder.dimension ?? null,
      documents: counts.documents,
      chunks: counts.chunks,
      vectors: this.active?.vectors.count ?? 0,
      mode: this.active ? 'hybrid' : 'lexical',
      reranker: this.crossEncoder?.model.id ?? null,
      reindex: this.reindexState ? { embedderId: this.reindexState.embedderId, done: this.reindexState.done, total: this.reindexState.total } : null,
      imports: [...this.imports].map(([taskId, e]) => ({ taskId, running: e.report === null, report: e.report })),
    };
  }
}
