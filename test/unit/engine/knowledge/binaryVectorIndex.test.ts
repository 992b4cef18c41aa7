import { describe, expect, it } from 'vitest';
import { BinaryVectorIndex } from '../../../../main/engine/knowledge/binaryVectorIndex.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function unit(random: () => number, dimension: number): Float32Array {
  const v = new Float32Array(dimension);
  let norm = 0;
  for (let i = 0; i < dimension; i++) {
    v[i] = random() - 0.5;
    norm += v[i]! * v[i]!;
  }
  for (let i = 0; i < dimension; i++) v[i]! /= Math.sqrt(norm);
  return v;
}

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe.each([
  { scans: 'WebAssembly SIMD', simd: true },
  { scans: 'the scalar fallback', simd: false },
])('BinaryVectorIndex with $scans', ({ simd }) => {
  const dimension = 64;
  const random = seeded(3);
  const vectors = Array.from({ length: 600 }, () => unit(random, dimension));
  const index = new BinaryVectorIndex(dimension, 16, { simd }); // grows past its initial capacity

  it('runs the scans it was asked for', () => {
    expect(index.simd).toBe(simd);
  });
  vectors.forEach((v, i) => index.add(i + 1, i % 2 === 0 ? 'w1' : 'w2', i % 3 === 0 ? 'returns' : 'shipping', v));

  it('returns the exact nearest vectors when every row is a candidate, with int8 cosines close to the float ones', () => {
    const query = unit(random, dimension);
    const hits = index.nearest(query, 'w1', null, 10, 10_000);
    const exact = vectors
      .map((v, i) => ({ id: i + 1, cosine: dot(v, query) }))
      .filter((r) => (r.id - 1) % 2 === 0)
      .sort((a, b) => b.cosine - a.cosine)
      .slice(0, 10);
    expect(Array.from(hits.chunkIds)).toEqual(exact.map((r) => r.id));
    hits.similarities.forEach((s, r) => expect(Math.abs(s - exact[r]!.cosine)).toBeLessThan(0.02));
  });

  it('keeps to the workspace and categories asked for', () => {
    const hits = index.nearest(unit(random, dimension), 'w2', ['returns'], 50, 100);
    expect(hits.chunkIds.length).toBe(50);
    for (const id of hits.chunkIds) {
      expect((id - 1) % 2).toBe(1);
      expect((id - 1) % 3).toBe(0);
    }
    expect(index.nearest(unit(random, dimension), 'w2', ['no such category'], 5, 100).chunkIds.length).toBe(0);
    expect(index.nearest(unit(random, dimension), 'nobody', null, 5, 100).chunkIds.length).toBe(0);
  });

  it('returns every admitted row, and only those, when fewer exist than asked for', () => {
    const small = new BinaryVectorIndex(dimension);
    small.add(1, 'w', 'a', vectors[0]!);
    small.add(2, 'w', 'b', vectors[1]!);
    small.add(3, 'other', 'a', vectors[2]!);
    expect(small.candidates(vectors[0]!, 'w', ['a'], 10)).toEqual([1]);
    expect(new Set(small.candidates(vectors[0]!, 'w', null, 10))).toEqual(new Set([1, 2]));
  });

  it('forgets removed chunks, also after compaction', () => {
    const local = new BinaryVectorIndex(dimension);
    vectors.slice(0, 3000 > vectors.length ? vectors.length : 3000).forEach((v, i) => local.add(i + 1, 'w', 'c', v));
    local.remove(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(local.count).toBe(200);
    const ids = Array.from(local.nearest(vectors[0]!, 'w', null, 600, 600).chunkIds);
    expect(ids).toHaveLength(200);
    expect(ids.every((id) => id > 400)).toBe(true);
    expect(local.admits(1, 'w', null)).toBe(false);
    expect(local.admits(500, 'w', ['c'])).toBe(true);
  });
});
