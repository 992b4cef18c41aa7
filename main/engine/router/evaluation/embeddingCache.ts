import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../../../ml/embedder.js';

/**
 * Embeds a whole data set, caching the vectors on disk under a key made of the embedder id and a
 * hash of the texts: USE lite does ~90 sentences/s on two cores, so a repeated evaluation of
 * Banking77 would otherwise spend two minutes re-embedding identical text.
 */
export async function embedWithCache(
  embedder: Embedder,
  texts: readonly string[],
  cacheDir: string | null,
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array[]> {
  const key = createHash('sha256').update(embedder.id).update('\u0000').update(texts.join('\u0000')).digest('hex').slice(0, 32);
  const file = cacheDir ? join(cacheDir, `${key}.f32`) : null;
  const d = embedder.dimension;
  if (file) {
    try {
      const bytes = readFileSync(file);
      if (bytes.length === texts.length * d * 4) {
        const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
        return texts.map((_, i) => all.subarray(i * d, (i + 1) * d));
      }
    } catch {
      // No cache yet (or unreadable): embed below.
    }
  }
  const vectors: Float32Array[] = [];
  const batch = 256;
  for (let start = 0; start < texts.length; start += batch) {
    const slice = texts.slice(start, start + batch);
    const out = await embedder.embed(slice);
    if (out.length !== slice.length) throw new Error(`The embedder returned ${out.length} vectors for ${slice.length} texts.`);
    vectors.push(...out);
    onProgress?.(vectors.length, texts.length);
  }
  if (file && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    const all = new Float32Array(texts.length * d);
    vectors.forEach((v, i) => all.set(v, i * d));
    writeFileSync(`${file}.tmp`, Buffer.from(all.buffer));
    renameSync(`${file}.tmp`, file);
  }
  return vectors;
}
