import type { EmbedOptions, Embedder } from './embedder.js';

const DEFAULT_CAPACITY = 1024;

/**
 * Remembers the vectors of recent texts. One customer message is embedded by the router and again by
 * knowledge search; with this in front of the worker, the second costs nothing.
 */
export class CachedEmbedder implements Embedder {
  private readonly cache = new Map<string, Float32Array>();

  constructor(
    readonly inner: Embedder,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  get dimension(): number {
    return this.inner.dimension;
  }

  async embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]> {
    // Ingest text is embedded once and never asked for again: it would only push messages out.
    if (options?.priority === 'bulk') return this.inner.embed(texts, options);
    const found = new Map<string, Float32Array>();
    for (const text of texts) {
      const vector = this.cache.get(text);
      if (vector) found.set(text, vector);
    }
    const missing = [...new Set(texts.filter((t) => !found.has(t)))];
    if (missing.length > 0) {
      const vectors = await this.inner.embed(missing, options);
      if (vectors.length !== missing.length) throw new Error(`Embedder returned ${vectors.length} vectors for ${missing.length} texts.`);
      missing.forEach((text, i) => found.set(text, vectors[i]!));
    }
    // Re-inserting moves an entry to the back of the Map's order: least recently used entries leave first.
    for (const [text, vector] of found) {
      this.cache.delete(text);
      this.cache.set(text, vector);
      if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    }
    return texts.map((text) => found.get(text)!);
  }

  close(): Promise<void> {
    this.cache.clear();
    return this.inner.close();
  }
}
