import { createHash } from 'node:crypto';
import type { Embedder } from '../../ml/embedder.js';
import type { Clock } from '../clock.js';
import { ERROR_HINTS, isDiskFull } from '../errors.js';
import type { EventBus } from '../events.js';
import { chunkDocument } from './chunker.js';
import { extractDocument } from './extract/extractDocument.js';
import type { ImportSource } from './importSources.js';
import { embeddingText, type KnowledgeRepository } from './knowledgeRepository.js';
import type { ImportFileReport, ImportReport } from './types.js';

export interface ImportTarget {
  readonly generation: number;
  readonly embedder: Embedder;
  /** Called after a document's transaction committed, to update the in-memory vector index. */
  onCommitted(change: { removed: number[]; added: { chunkId: number; category: string; vector: Float32Array }[] }): void;
}

export interface ImportOptions {
  readonly workspaceId: string;
  readonly taskId: string;
  readonly category?: string;
  readonly signal?: AbortSignal;
}

const EMBED_BATCH = 32;

/** Lower-case, trimmed; categories are compared against the intent filter's names. */
export function normaliseCategory(value: string | undefined): string | undefined {
  const c = value?.trim().toLowerCase().replace(/\s+/g, '-');
  return c ? c : undefined;
}

/**
 * Imports sources one by one: read → extract → chunk → embed → one transaction per document.
 * Every file ends in the report with a status; nothing is written for a file until all its chunks
 * are embedded, so a cancel or a crash leaves either the old version or the new one.
 */
export async function runImport(
  sources: readonly ImportSource[],
  repository: KnowledgeRepository,
  target: ImportTarget | null,
  events: EventBus,
  clock: Clock,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = Date.now();
  const files: ImportFileReport[] = [];
  let chunksDone = 0;
  let embedded = 0;
  const progress = (label: string, finished = false): void => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = files.length / Math.max(elapsed, 0.001);
    const etaSeconds = files.length > 0 && !finished ? Math.round((sources.length - files.length) / rate) : 0;
    events.emit({
      type: 'progress',
      taskId: options.taskId,
      kind: 'knowledge.import',
      label,
      done: files.length,
      total: sources.length,
      finished,
      detail: { files: files.length, totalFiles: sources.length, chunks: chunksDone, embeddings: embedded, etaSeconds },
    });
  };
  progress(`Importing ${sources.length} file(s)`);

  // Once the disk is full every further file would fail the same way: report them without trying.
  let diskFull = false;
  for (const source of sources) {
    if (options.signal?.aborted) {
      files.push({ path: source.label, status: 'cancelled', chunks: 0, message: 'The import was cancelled before this file.' });
      continue;
    }
    if (diskFull) {
      files.push({ path: source.label, status: 'failed', chunks: 0, message: `E_DISK_FULL: ${ERROR_HINTS.E_DISK_FULL}` });
      continue;
    }
    try {
      const report = await importOne(source);
      files.push(report);
    } catch (error) {
      diskFull = isDiskFull(error);
      if (options.signal?.aborted) files.push({ path: source.label, status: 'cancelled', chunks: 0, message: 'The import was cancelled; this file was not changed.' });
      else if (diskFull) files.push({ path: source.label, status: 'failed', chunks: 0, message: `E_DISK_FULL: ${ERROR_HINTS.E_DISK_FULL}` });
      else files.push({ path: source.label, status: 'failed', chunks: 0, message: `Could not import: ${(error as Error).message}` });
    }
    progress(`${files.length}/${sources.length}: ${source.name}`);
  }

  const count = (status: ImportFileReport['status']): number => files.filter((f) => f.status === status).length;
  const report: ImportReport = {
    taskId: options.taskId,
    files,
    imported: count('imported'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    failed: count('failed') + count('duplicate'),
    cancelled: options.signal?.aborted ?? false,
    chunks: chunksDone,
    durationMs: Date.now() - started,
  };
  progress(report.cancelled ? 'Import cancelled' : 'Import finished', true);
  return report;

  async function importOne(source: ImportSource): Promise<ImportFileReport> {
    if (source.refusal) return { path: source.label, status: 'failed', chunks: 0, message: source.refusal };
    const bytes = await source.read();
    const extraction = await extractDocument(source.name, bytes);
    if (!extraction.ok) return { path: source.label, status: 'failed', chunks: 0, message: extraction.reason };
    const { document } = extraction;
    const category =
      normaliseCategory(options.category) ?? normaliseCategory(document.category) ?? normaliseCategory(source.folderCategory) ?? 'general';
    const sourceKey = extraction.externalId ? `article:${extraction.externalId}` : source.sourceKey;
    const contentHash = createHash('sha256').update(bytes).update(`\0${category}`).digest('hex');
    const existing = repository.findBySourceKey(options.workspaceId, sourceKey);
    if (existing && existing.contentHash === contentHash) {
      return { path: source.label, status: 'unchanged', chunks: existing.chunkCount, documentId: existing.id };
    }
    const twin = repository.findByHash(options.workspaceId, contentHash);
    if (twin && twin.sourceKey !== sourceKey) {
      return { path: source.label, status: 'duplicate', chunks: 0, documentId: twin.id, message: `Same content as "${twin.title}" (${twin.source}); not imported twice.` };
    }
    const chunks = chunkDocument(document.text);
    if (chunks.length === 0) return { path: source.label, status: 'failed', chunks: 0, message: 'No text to index was found in the file.' };

    const vectors = new Map<number, Float32Array[]>();
    if (target) {
      const texts = chunks.map((chunk) => embeddingText(document.title, chunk.headingPath, chunk.text));
      const rows: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += EMBED_BATCH) {
        options.signal?.throwIfAborted();
        rows.push(...(await target.embedder.embed(texts.slice(start, start + EMBED_BATCH), { signal: options.signal, priority: 'bulk' })));
        embedded += Math.min(EMBED_BATCH, texts.length - start);
        progress(`${source.name}: embedded ${rows.length}/${texts.length} chunks`);
      }
      if (rows.length !== chunks.length) throw new Error(`got ${rows.length} vectors for ${chunks.length} chunks`);
      vectors.set(target.generation, rows);
    }
    options.signal?.throwIfAborted();
    const now = clock.now();
    const written = repository.replaceDocument(
      {
        workspaceId: options.workspaceId,
        sourceKey,
        title: document.title,
        source: source.label,
        format: extraction.format,
        category,
        contentHash,
        body: document.text,
        lastUpdated: document.lastUpdated ?? now,
        importedAt: now,
        warning: document.warning ?? null,
      },
      chunks,
      vectors,
    );
    chunksDone += chunks.length;
    const rows = target ? vectors.get(target.generation)! : [];
    target?.onCommitted({
      removed: written.replacedChunkIds,
      added: written.chunkIds.map((chunkId, i) => ({ chunkId, category, vector: rows[i]! })),
    });
    return {
      path: source.label,
      status: existing ? 'updated' : 'imported',
      chunks: chunks.length,
      documentId: written.id,
      ...(document.warning ? { message: document.warning } : {}),
    };
  }
}
