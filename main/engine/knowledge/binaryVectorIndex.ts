/**
 * An in-memory copy of one index generation's vectors, for nearest-neighbour search in two stages:
 *
 * 1. Sign bits (64 bytes per 512-d vector, 6.4 MB at 100k chunks): the Hamming distance between
 *    sign bits picks a few thousand candidates from the whole workspace in one pass.
 * 2. int8 codes with a per-vector scale (512 bytes per 512-d vector, 51 MB at 100k chunks): the
 *    candidates are rescored by their quantised cosine, which is within ~0.005 of the float cosine —
 *    close enough to rank by, without reading float vectors from SQLite (each 2 KB vector row there
 *    sits on an overflow page, so rescoring 200 candidates from disk cost 11–29 ms at 100k chunks).
 *
 * Both scans run as WebAssembly SIMD over rows kept in the module's memory (simd/vectorArena.ts).
 *
 * The database stays the record: this copy is rebuilt from it on open and updated after each commit.
 * See docs/decisions/0007-knowledge-vector-layout.md for the measurements behind the layout.
 */
import { VectorArena } from './simd/vectorArena.js';

export interface VectorHits {
  readonly chunkIds: Int32Array;
  /** Cosine similarity of each hit (quantised), best first. */
  readonly similarities: Float32Array;
}

const EMPTY_HITS: VectorHits = { chunkIds: new Int32Array(0), similarities: new Float32Array(0) };

export class BinaryVectorIndex {
  private readonly arena: VectorArena;
  private scales: Float32Array;
  private chunkIds: Int32Array;
  private workspaces: Uint16Array;
  private categories: Uint16Array;
  private size = 0;
  private live = 0;
  private readonly slotOf = new Map<number, number>();
  private readonly workspaceCodes = new Map<string, number>();
  private readonly categoryCodes = new Map<string, number>();

  constructor(
    readonly dimension: number,
    capacity = 1024,
    options: { readonly simd?: boolean } = {},
  ) {
    this.arena = new VectorArena(dimension, capacity, options);
    this.scales = new Float32Array(capacity);
    this.chunkIds = new Int32Array(capacity);
    this.workspaces = new Uint16Array(capacity);
    this.categories = new Uint16Array(capacity);
  }

  /** Whether the scans run as WebAssembly SIMD (false: the scalar fallback). */
  get simd(): boolean {
    return this.arena.simd;
  }

  get count(): number {
    return this.live;
  }

  /** Approximate memory held by the vectors (bits + int8 codes + scales + ids), in bytes. */
  get bytes(): number {
    return this.arena.bytes + this.scales.byteLength + this.chunkIds.byteLength + this.workspaces.byteLength + this.categories.byteLength;
  }

  add(chunkId: number, workspaceId: string, category: string, vector: Float32Array): void {
    if (vector.length !== this.dimension) throw new Error(`vector of dimension ${vector.length}, index has ${this.dimension}`);
    this.remove([chunkId]);
    if (this.size === this.chunkIds.length) this.grow();
    const slot = this.size++;
    const bits = this.arena.bits;
    const base = slot * this.arena.bitWords;
    bits.fill(0, base, base + this.arena.bitWords);
    let maxAbs = 0;
    for (let i = 0; i < vector.length; i++) {
      const x = vector[i]!;
      if (x > 0) bits[base + (i >>> 5)]! |= 1 << (i & 31);
      const a = Math.abs(x);
      if (a > maxAbs) maxAbs = a;
    }
    const scale = maxAbs > 0 ? maxAbs / 127 : 0;
    const codes = this.arena.codes;
    const codeBase = slot * this.arena.codeStride;
    for (let i = 0; i < vector.length; i++) codes[codeBase + i] = scale > 0 ? Math.round(vector[i]! / scale) : 0;
    this.scales[slot] = scale;
    this.chunkIds[slot] = chunkId;
    this.workspaces[slot] = code(this.workspaceCodes, workspaceId);
    this.categories[slot] = code(this.categoryCodes, category);
    this.slotOf.set(chunkId, slot);
    this.live++;
  }

  remove(chunkIds: Iterable<number>): void {
    for (const chunkId of chunkIds) {
      const slot = this.slotOf.get(chunkId);
      if (slot === undefined) continue;
      this.chunkIds[slot] = -1;
      this.slotOf.delete(chunkId);
      this.live--;
    }
    if (this.size > 1024 && this.live < this.size / 2) this.compact();
  }

  /** Whether a chunk is in the index for this workspace and (when given) one of these categories. */
  admits(chunkId: number, workspaceId: string, categories: readonly string[] | null): boolean {
    const slot = this.slotOf.get(chunkId);
    if (slot === undefined || this.workspaces[slot] !== this.workspaceCodes.get(workspaceId)) return false;
    if (!categories) return true;
    const category = this.categories[slot]!;
    return categories.some((c) => this.categoryCodes.get(c) === category);
  }

  /** A chunk's vector as stored here (int8 codes × scale), or null when the chunk is not indexed. */
  vectorOf(chunkId: number): Float32Array | null {
    const slot = this.slotOf.get(chunkId);
    if (slot === undefined) return null;
    const out = new Float32Array(this.dimension);
    const base = slot * this.arena.codeStride;
    const scale = this.scales[slot]!;
    for (let i = 0; i < this.dimension; i++) out[i] = this.arena.codes[base + i]! * scale;
    return out;
  }

  /** Chunk ids of the `limit` nearest vectors by sign-bit Hamming distance, nearest first. */
  candidates(query: Float32Array, workspaceId: string, categories: readonly string[] | null, limit: number): number[] {
    const slots = this.candidateSlots(query, workspaceId, categories, limit);
    return Array.from(slots, (slot) => this.chunkIds[slot]!);
  }

  /**
   * The `k` nearest vectors: `candidateCount` sign-bit candidates rescored by int8 cosine, best first.
   */
  nearest(query: Float32Array, workspaceId: string, categories: readonly string[] | null, k: number, candidateCount: number): VectorHits {
    return this.rescore(query, this.candidateSlots(query, workspaceId, categories, Math.max(candidateCount, k)), k);
  }

  /** The `k` best of the given candidate slots by int8 cosine, best first. */
  rescore(query: Float32Array, slots: Int32Array, k: number): VectorHits {
    if (query.length !== this.dimension) throw new Error(`query of dimension ${query.length}, index has ${this.dimension}`);
    const n = slots.length;
    if (n === 0) return EMPTY_HITS;
    const scores = this.arena.dot(query, slots);
    for (let j = 0; j < n; j++) scores[j]! *= this.scales[slots[j]!]!;
    const order = new Int32Array(n);
    for (let j = 0; j < n; j++) order[j] = j;
    order.sort((a, b) => scores[b]! - scores[a]!);
    const take = Math.min(k, n);
    const chunkIds = new Int32Array(take);
    const similarities = new Float32Array(take);
    for (let r = 0; r < take; r++) {
      chunkIds[r] = this.chunkIds[slots[order[r]!]!]!;
      similarities[r] = scores[order[r]!]!;
    }
    return { chunkIds, similarities };
  }

  /** Slots of the `limit` nearest vectors by Hamming distance, nearest first (valid until the next write). */
  candidateSlots(query: Float32Array, workspaceId: string, categories: readonly string[] | null, limit: number): Int32Array {
    const workspace = this.workspaceCodes.get(workspaceId);
    if (workspace === undefined || limit <= 0) return new Int32Array(0);
    // A category mask indexed by category code: one typed-array read per row instead of a Set lookup.
    let allowed: Uint8Array | null = null;
    if (categories) {
      allowed = new Uint8Array(this.categoryCodes.size);
      let any = false;
      for (const c of categories) {
        const codeOfCategory = this.categoryCodes.get(c);
        if (codeOfCategory !== undefined) {
          allowed[codeOfCategory] = 1;
          any = true;
        }
      }
      if (!any) return new Int32Array(0);
    }
    const maxDistance = this.arena.bitStride * 8;
    // Every row's distance in one SIMD pass; rows outside the workspace or filter are dropped below.
    const distances = this.arena.hamming(query, this.size);
    const histogram = new Uint32Array(maxDistance + 2);
    const chunkIds = this.chunkIds;
    const workspaces = this.workspaces;
    const rowCategories = this.categories;
    const unreachable = maxDistance + 1;
    for (let slot = 0; slot < this.size; slot++) {
      if (chunkIds[slot] === -1 || workspaces[slot] !== workspace || (allowed !== null && allowed[rowCategories[slot]!] === 0)) {
        distances[slot] = unreachable;
        continue;
      }
      histogram[distances[slot]!]!++;
    }
    // Counting selection: the distance threshold that admits `limit` vectors, without a full sort.
    let threshold = 0;
    let admitted = 0;
    for (; threshold <= maxDistance; threshold++) {
      admitted += histogram[threshold]!;
      if (admitted >= limit) break;
    }
    threshold = Math.min(threshold, maxDistance); // fewer rows than asked for: every reachable row
    const picked = new Int32Array(Math.min(admitted, this.size));
    let count = 0;
    for (let slot = 0; slot < this.size && count < picked.length; slot++) if (distances[slot]! <= threshold) picked[count++] = slot;
    const sorted = picked.subarray(0, count).sort((a, b) => distances[a]! - distances[b]!);
    return sorted.subarray(0, Math.min(limit, count));
  }

  private grow(): void {
    const capacity = this.chunkIds.length * 2;
    this.arena.resize(capacity, this.size);
    this.scales = resize(this.scales, new Float32Array(capacity));
    this.chunkIds = resize(this.chunkIds, new Int32Array(capacity));
    this.workspaces = resize(this.workspaces, new Uint16Array(capacity));
    this.categories = resize(this.categories, new Uint16Array(capacity));
  }

  private compact(): void {
    let target = 0;
    for (let slot = 0; slot < this.size; slot++) {
      const chunkId = this.chunkIds[slot]!;
      if (chunkId === -1) continue;
      if (target !== slot) {
        this.arena.moveRow(slot, target);
        this.scales[target] = this.scales[slot]!;
        this.chunkIds[target] = chunkId;
        this.workspaces[target] = this.workspaces[slot]!;
        this.categories[target] = this.categories[slot]!;
        this.slotOf.set(chunkId, target);
      }
      target++;
    }
    this.size = target;
  }
}

function code(codes: Map<string, number>, value: string): number {
  let c = codes.get(value);
  if (c === undefined) {
    c = codes.size;
    codes.set(value, c);
  }
  return c;
}

function resize<T extends Int32Array | Uint16Array | Float32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
