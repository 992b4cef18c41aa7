import { z } from 'zod';

const Category = z.string().trim().min(1).max(60);

export const CitationSchema = z.object({
  documentId: z.number().int(),
  documentTitle: z.string(),
  source: z.string(),
  section: z.string(),
  chunkIndex: z.number().int(),
  chunkId: z.number().int(),
});

export const SearchHitSchema = z.object({
  chunkId: z.number().int(),
  text: z.string(),
  category: z.string(),
  score: z.number(),
  scores: z.object({ vector: z.number().nullable(), bm25: z.number().nullable(), fused: z.number(), rerank: z.number() }),
  matchedTerms: z.array(z.string()),
  lastUpdated: z.number(),
  citation: CitationSchema,
});

export const SearchResultSchema = z.object({
  hits: z.array(SearchHitSchema),
  categories: z.array(z.string()).nullable(),
  filterFellBack: z.boolean(),
  mode: z.enum(['hybrid', 'lexical']),
  /** Which reranker ordered the hits, and why a present cross-encoder did not (fallbackReason). */
  reranker: z
    .object({ kind: z.enum(['cross-encoder', 'features', 'fused']), id: z.string().nullable(), fallbackReason: z.string().nullable() })
    .optional(),
  timings: z.object({ embedMs: z.number(), searchMs: z.number(), rerankMs: z.number() }),
});

export const KnowledgeDocumentSchema = z.object({
  id: z.number().int(),
  workspaceId: z.string(),
  sourceKey: z.string(),
  title: z.string(),
  source: z.string(),
  format: z.enum(['markdown', 'text', 'html', 'pdf', 'json']),
  category: z.string(),
  contentHash: z.string(),
  lastUpdated: z.number(),
  importedAt: z.number(),
  chunkCount: z.number().int(),
  warning: z.string().nullable(),
  stale: z.boolean(),
});

const ImportReportSchema = z.object({
  taskId: z.string(),
  files: z.array(
    z.object({
      path: z.string(),
      status: z.enum(['imported', 'updated', 'unchanged', 'duplicate', 'failed', 'cancelled']),
      chunks: z.number().int(),
      documentId: z.number().int().optional(),
      message: z.string().optional(),
    }),
  ),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  cancelled: z.boolean(),
  chunks: z.number().int(),
  durationMs: z.number(),
});

/** Uploads go through the 1 MB request limit of the HTTP host: about 700 KB of file per request. */
const MAX_UPLOAD_BASE64 = 950_000;

export const knowledgeMethods = {
  /**
   * Imports files or folders on this machine by path; returns at once with a task id (progress arrives
   * as events). From the UI or a connector only inside folders allowed with `tandem import-folders add`.
   */
  'knowledge.import': {
    input: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(1000), category: Category.optional() }).strict(),
    output: z.object({ taskId: z.string() }),
  },
  /** File contents picked or dropped in the browser, base64-encoded. */
  'knowledge.importFiles': {
    input: z
      .object({
        files: z.array(z.object({ name: z.string().min(1).max(255), contentBase64: z.string().max(MAX_UPLOAD_BASE64) }).strict()).min(1).max(50),
        category: Category.optional(),
      })
      .strict()
      .refine((v) => v.files.reduce((n, f) => n + f.contentBase64.length, 0) <= MAX_UPLOAD_BASE64, {
        message: 'Uploads are limited to about 700 KB per request; send fewer or smaller files at a time',
      }),
    output: z.object({ taskId: z.string() }),
  },
  'knowledge.cancelImport': {
    input: z.object({ taskId: z.string().min(1).max(100) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'knowledge.documents': {
    input: z.object({}).strict(),
    output: z.array(KnowledgeDocumentSchema),
  },
  /** A document with its text and chunks, to open at a cited chunk. */
  'knowledge.document': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({
      document: KnowledgeDocumentSchema,
      body: z.string(),
      chunks: z.array(z.object({ id: z.number().int(), chunkIndex: z.number().int(), headingPath: z.array(z.string()), offset: z.number().int(), text: z.string() })),
    }),
  },
  'knowledge.deleteDocument': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  },
  'knowledge.search': {
    input: z.object({ query: z.string().trim().min(1).max(5000), intent: z.string().max(60).optional(), limit: z.number().int().min(1).max(50).optional() }).strict(),
    output: SearchResultSchema,
  },
  'knowledge.status': {
    input: z.object({}).strict(),
    output: z.object({
      embedderId: z.string().nullable(),
      dimension: z.number().int().nullable(),
      documents: z.number().int(),
      chunks: z.number().int(),
      vectors: z.number().int(),
      mode: z.enum(['hybrid', 'lexical']),
      reranker: z.string().nullable().optional(),
      reindex: z.object({ embedderId: z.string(), done: z.number().int(), total: z.number().int() }).nullable(),
      imports: z.array(z.object({ taskId: z.string(), running: z.boolean(), report: ImportReportSchema.nullable() })),
    }),
  },
} as const;
