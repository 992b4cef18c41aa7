import type { Embedder } from '../../main/ml/embedder.js';

/**
 * A deterministic bag-of-words embedder for engine tests that are about ingest and storage rather
 * than semantics: words hash into `dimension` buckets, the vector is normalised. `delayMs` slows each
 * batch so a test can cancel or kill an import half way.
 */
export function hashEmbedder(options: { dimension?: number; delayMs?: number; id?: string } = {}): Embedder & { calls: number } {
  const dimension = options.dimension ?? 64;
  const embedder = {
    id: options.id ?? `test:hash-${dimension}`,
    dimension,
    calls: 0,
    async embed(texts: readonly string[], opts?: { signal?: AbortSignal }): Promise<Float32Array[]> {
      embedder.calls++;
      if (options.delayMs) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, options.delayMs);
          opts?.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(opts.signal?.reason ?? new Error('aborted'));
          });
        });
      }
      opts?.signal?.throwIfAborted();
      return texts.map((text) => {
        const v = new Float32Array(dimension);
        for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
          let h = 2166136261;
          for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
          v[(h >>> 0) % dimension]! += 1;
        }
        const norm = Math.hypot(...v);
        return norm > 0 ? v.map((x) => x / norm) : v;
      });
    },
    async close(): Promise<void> {},
  };
  return embedder;
}
