import { WASM_BASE64 } from './vectorKernels.wasm.js';

// The engine's TypeScript setup has no DOM or WebAssembly typings: the three members used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: unknown };
};
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/**
 * Where the vector index keeps its rows, and the two loops that read them all: sign-bit Hamming
 * distances over every row, and int8 dot products over the candidate rows. Both run as WebAssembly
 * SIMD (vectorKernels.wat: 16 bytes per instruction; at 100k rows the scan took 1.7 ms instead of
 * 5.2, the rescoring of 2,000 candidates 1.3 ms instead of 3.1), so the rows live in the module's own memory; where WebAssembly is unavailable (a runtime
 * started with --jitless) the same layout sits in an ArrayBuffer and plain loops compute the same
 * numbers.
 *
 * Layout: [sign bits: capacity × bitStride][int8 codes: capacity × codeStride][scratch]. Rows are
 * padded with zeros to a multiple of 16 bytes; the query is padded the same way, so padding adds
 * nothing to a distance or a dot product.
 */
export class VectorArena {
  /** Bytes per sign-bit row (a multiple of 16). */
  readonly bitStride: number;
  /** Bytes per int8 code row (a multiple of 16). */
  readonly codeStride: number;
  /** 32-bit words per sign-bit row. */
  readonly bitWords: number;
  /** Sign bits of every row (row r at r × bitWords). Replaced when the arena grows. */
  bits!: Uint32Array;
  /** int8 codes of every row (row r at r × codeStride). Replaced when the arena grows. */
  codes!: Int8Array;
  /** Scale of the int16 query in dot(): as large as int32 sums allow, at most 16,383. */
  readonly queryScaleLimit: number;
  private layout!: Layout;
  private readonly kernels: Kernels | null;
  private heap: ArrayBuffer;

  constructor(
    readonly dimension: number,
    capacity: number,
    options: { readonly simd?: boolean } = {},
  ) {
    this.bitStride = roundUp16(Math.ceil(dimension / 32) * 4);
    this.codeStride = roundUp16(dimension);
    this.bitWords = this.bitStride / 4;
    // A byte lane of the Hamming kernel adds up to 8 per 16-byte chunk: at most 31 chunks.
    const fitsKernels = this.bitStride <= 496;
    this.kernels = options.simd !== false && fitsKernels ? instantiateKernels() : null;
    this.queryScaleLimit = Math.min(16_383, Math.floor(2_147_483_647 / (127 * this.codeStride)));
    this.heap = this.kernels ? this.kernels.memory.buffer : new ArrayBuffer(0);
    this.resize(capacity, 0);
  }

  /** Whether the SIMD kernels run (false: the scalar fallback). */
  get simd(): boolean {
    return this.kernels !== null;
  }

  get capacity(): number {
    return this.layout.capacity;
  }

  /** Bytes of the arena (rows and scratch). */
  get bytes(): number {
    return this.layout.total;
  }

  /** Grows (or shrinks) to `capacity` rows, keeping the first `keep` rows. */
  resize(capacity: number, keep: number): void {
    const next = layoutFor(capacity, this.bitStride, this.codeStride);
    const previous = this.layout;
    if (this.kernels) {
      const memory = this.kernels.memory;
      const pages = Math.ceil(next.total / 65_536);
      const have = memory.buffer.byteLength / 65_536;
      if (pages > have) memory.grow(pages - have);
      this.heap = memory.buffer;
      if (previous && keep > 0 && next.codes !== previous.codes) {
        new Uint8Array(this.heap).copyWithin(next.codes, previous.codes, previous.codes + keep * this.codeStride);
      }
    } else {
      const heap = new ArrayBuffer(next.total);
      if (previous && keep > 0) {
        new Uint8Array(heap).set(new Uint8Array(this.heap, 0, keep * this.bitStride), 0);
        new Uint8Array(heap).set(new Uint8Array(this.heap, previous.codes, keep * this.codeStride), next.codes);
      }
      this.heap = heap;
    }
    if (previous && next.capacity > keep) {
      // Rows past `keep` start as zeros (a grown wasm memory is zeroed, but moved rows leave copies).
      new Uint8Array(this.heap, keep * this.bitStride, (next.capacity - keep) * this.bitStride).fill(0);
      new Uint8Array(this.heap, next.codes + keep * this.codeStride, (next.capacity - keep) * this.codeStride).fill(0);
    }
    this.layout = next;
    this.bits = new Uint32Array(this.heap, 0, capacity * this.bitWords);
    this.codes = new Int8Array(this.heap, next.codes, capacity * this.codeStride);
  }

  /** Copies row `from` over row `to` (compaction). */
  moveRow(from: number, to: number): void {
    this.bits.copyWithin(to * this.bitWords, from * this.bitWords, (from + 1) * this.bitWords);
    this.codes.copyWithin(to * this.codeStride, from * this.codeStride, (from + 1) * this.codeStride);
  }

  /**
   * Hamming distance between the query's sign bits and each of the first `rows` rows. The returned
   * view is scratch: valid until the next call.
   */
  hamming(query: Float32Array, rows: number): Uint16Array {
    const { queryBits, distances } = this.layout;
    const q = new Uint32Array(this.heap, queryBits, this.bitWords);
    q.fill(0);
    for (let i = 0; i < query.length; i++) if (query[i]! > 0) q[i >>> 5]! |= 1 << (i & 31);
    const out = new Uint16Array(this.heap, distances, rows);
    if (this.kernels) {
      this.kernels.hamming(0, queryBits, rows, this.bitStride, distances);
      return out;
    }
    const bits = this.bits;
    const words = this.bitWords;
    for (let row = 0; row < rows; row++) {
      let distance = 0;
      const base = row * words;
      for (let w = 0; w < words; w++) distance += popcount(bits[base + w]! ^ q[w]!);
      out[row] = distance;
    }
    return out;
  }

  /**
   * Dot product of the query with the int8 code rows at `slots`, in code units (multiply by a row's
   * scale for its cosine). The query is rounded to int16 first: relative error below 1e-4.
   */
  dot(query: Float32Array, slots: Int32Array): Float32Array {
    const n = slots.length;
    const { queryI16, slots: slotsAt, dots } = this.layout;
    let maxAbs = 0;
    for (let i = 0; i < query.length; i++) maxAbs = Math.max(maxAbs, Math.abs(query[i]!));
    const scale = maxAbs > 0 ? this.queryScaleLimit / maxAbs : 0;
    const q = new Int16Array(this.heap, queryI16, this.codeStride);
    q.fill(0);
    for (let i = 0; i < query.length; i++) q[i] = Math.round(query[i]! * scale);
    const raw = new Int32Array(this.heap, dots, n);
    if (this.kernels) {
      new Int32Array(this.heap, slotsAt, n).set(slots);
      this.kernels.dot(this.layout.codes, this.codeStride, queryI16, slotsAt, n, dots);
    } else {
      const codes = this.codes;
      const stride = this.codeStride;
      for (let j = 0; j < n; j++) {
        const base = slots[j]! * stride;
        let sum = 0;
        for (let i = 0; i < stride; i++) sum += codes[base + i]! * q[i]!;
        raw[j] = sum;
      }
    }
    const out = new Float32Array(n);
    const unscale = scale > 0 ? 1 / scale : 0;
    for (let j = 0; j < n; j++) out[j] = raw[j]! * unscale;
    return out;
  }
}

interface Layout {
  readonly capacity: number;
  readonly codes: number;
  readonly queryBits: number;
  readonly queryI16: number;
  readonly distances: number;
  readonly slots: number;
  readonly dots: number;
  readonly total: number;
}

function layoutFor(capacity: number, bitStride: number, codeStride: number): Layout {
  const codes = capacity * bitStride;
  const queryBits = codes + capacity * codeStride;
  const queryI16 = queryBits + bitStride;
  const distances = queryI16 + codeStride * 2;
  const slots = distances + roundUp16(capacity * 2);
  const dots = slots + capacity * 4;
  return { capacity, codes, queryBits, queryI16, distances, slots, dots, total: dots + capacity * 4 };
}

interface Kernels {
  readonly memory: WasmMemory;
  hamming(bits: number, query: number, rows: number, stride: number, out: number): void;
  dot(codes: number, stride: number, query: number, slots: number, n: number, out: number): void;
}

let compiled: object | null | undefined;

/** One instance (and memory) per arena; null where WebAssembly SIMD is unavailable. */
function instantiateKernels(): Kernels | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64'));
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  return new WebAssembly.Instance(compiled).exports as unknown as Kernels;
}

function roundUp16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
