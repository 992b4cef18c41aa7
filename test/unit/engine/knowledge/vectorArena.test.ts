import { describe, expect, it } from 'vitest';
import { VectorArena } from '../../../../main/engine/knowledge/simd/vectorArena.js';
import { WASM_BASE64 } from '../../../../main/engine/knowledge/simd/vectorKernels.wasm.js';
import { compileWat } from '../../../../main/build/compileWat.mjs';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Fills `rows` rows with random sign bits and int8 codes (only the first `dimension` of each row). */
function fill(arena: VectorArena, rows: number, random: () => number): void {
  for (let row = 0; row < rows; row++) {
    for (let i = 0; i < arena.dimension; i++) {
      if (random() < 0.5) arena.bits[row * arena.bitWords + (i >>> 5)]! |= 1 << (i & 31);
      arena.codes[row * arena.codeStride + i] = Math.round(random() * 254 - 127);
    }
  }
}

function query(random: () => number, dimension: number): Float32Array {
  return Float32Array.from({ length: dimension }, () => random() * 2 - 1);
}

/** What the kernels must compute, straight from the definitions. */
function expectedDistance(arena: VectorArena, row: number, q: Float32Array): number {
  let distance = 0;
  for (let i = 0; i < arena.dimension; i++) {
    const bit = (arena.bits[row * arena.bitWords + (i >>> 5)]! >>> (i & 31)) & 1;
    if (bit !== (q[i]! > 0 ? 1 : 0)) distance++;
  }
  return distance;
}

function expectedDot(arena: VectorArena, row: number, q: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < arena.dimension; i++) sum += arena.codes[row * arena.codeStride + i]! * q[i]!;
  return sum;
}

describe('VectorArena', () => {
  it('ships the binary compiled from vectorKernels.wat (run main/build/compileWat.mjs after editing it)', async () => {
    const compiled = await compileWat(new URL('../../../../main/engine/knowledge/simd/vectorKernels.wat', import.meta.url).pathname);
    expect(compiled.toString('base64')).toBe(WASM_BASE64);
  });

  it.each([8, 100, 384, 512, 768])('gives the defined distances and dot products at dimension %i, with SIMD and without', (dimension) => {
    for (const simd of [true, false]) {
      const random = seeded(dimension);
      const arena = new VectorArena(dimension, 300, { simd });
      expect(arena.simd).toBe(simd);
      expect(arena.bitStride % 16).toBe(0);
      expect(arena.codeStride % 16).toBe(0);
      fill(arena, 300, random);
      const q = query(random, dimension);
      const distances = Array.from(arena.hamming(q, 300));
      expect(distances).toEqual(Array.from({ length: 300 }, (_, row) => expectedDistance(arena, row, q)));
      const slots = Int32Array.from([299, 0, 17, 17, 150]);
      const dots = arena.dot(q, slots);
      slots.forEach((slot, j) => {
        const exact = expectedDot(arena, slot, q);
        // The query is rounded to int16 (at most 16,383 at its largest component).
        expect(Math.abs(dots[j]! - exact)).toBeLessThan(1e-3 * Math.max(1, Math.abs(exact)) + (arena.dimension * 127) / arena.queryScaleLimit);
      });
    }
  });

  it('keeps the rows it was told to keep when it grows, and starts new rows empty', () => {
    for (const simd of [true, false]) {
      const random = seeded(9);
      const arena = new VectorArena(512, 50, { simd });
      fill(arena, 50, random);
      const q = query(random, 512);
      const before = Array.from(arena.hamming(q, 40));
      const dotsBefore = Array.from(arena.dot(q, Int32Array.from({ length: 40 }, (_, i) => i)));
      arena.resize(5_000, 40);
      expect(arena.capacity).toBe(5_000);
      expect(Array.from(arena.hamming(q, 40))).toEqual(before);
      expect(Array.from(arena.dot(q, Int32Array.from({ length: 40 }, (_, i) => i)))).toEqual(dotsBefore);
      // Row 45 was not kept: it reads as all zeros (every positive query component is a differing bit).
      const positives = Array.from(q).filter((x) => x > 0).length;
      expect(arena.hamming(q, 46)[45]).toBe(positives);
      expect(arena.dot(q, Int32Array.from([45]))[0]).toBe(0);
    }
  });

  it('moves a row over another for compaction', () => {
    const random = seeded(11);
    const arena = new VectorArena(384, 10);
    fill(arena, 10, random);
    const q = query(random, 384);
    const row7 = { distance: arena.hamming(q, 10)[7], dot: arena.dot(q, Int32Array.from([7]))[0] };
    arena.moveRow(7, 2);
    expect(arena.hamming(q, 10)[2]).toBe(row7.distance);
    expect(arena.dot(q, Int32Array.from([2]))[0]).toBe(row7.dot);
  });
});
