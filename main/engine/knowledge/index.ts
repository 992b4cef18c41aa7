/** The knowledge base: ingest, hybrid search with citations, re-index on model change. */
export { KnowledgeService, type KnowledgeOptions, type KnowledgeStatus, type ImportTask } from './knowledgeService.js';
export { chunkDocument, splitRecursive, CHUNK_SIZE, CHUNK_OVERLAP, SEPARATORS, type Chunk } from './chunker.js';
export { categoriesForIntent, INTENT_CATEGORIES } from './intentCategories.js';
export { MAX_FILE_BYTES } from './importSources.js';
export type { Citation, ImportFileReport, ImportReport, KnowledgeDocument, SearchHit, SearchResult, StoredChunk } from './types.js';
