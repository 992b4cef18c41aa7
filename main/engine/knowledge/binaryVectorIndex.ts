/**
 * An in-memory sign-bit copy of one index generation's vectors, for candidate generation.
 * 512-d float vectors become 64 bytes each (6.4 MB at 100k chunks); the Hamming distance between
 * sign bits ranks candidates, which the caller then rescores exactly from the float vectors in SQLite.
 * The database stays the record: this copy is rebuilt from it on open and updated after each commit.
 */
export class BinaryVectorIndex {
  private readonly words: number;
  private bits: Uint32Array;
  private chunkIds: Int32Array;
  private workspaces: Uint16Array;
  private categories: Uint16Array;
  private size = 0;
  private live = 0;
  private readonly slotOf = new Map<number, number>();
  private readonly workspaceCodes = new Map<string, number>();
  private readonly categoryCodes = new Map<string, number>();

  constructor(readonly dimension: number, capacity = 1024) {
    this.words = Math.ceil(dimension / 32);
    this.bits = new Uint32Array(capacity * this.words);
    this.chunkIds = new Int32Array(capacity);
    this.workspaces = new Uint16Array(capacity);
    this.categories = new Uint16Array(capacity);
  }

  get count(): number {
    return this.live;
  }

  add(chunkId: number, workspaceId: string, category: string, vector: Float32Array): void {
    if (vector.length !== this.dimension) throw new Error(`vector of dimension ${vector.length}, index has ${this.dimension}`);
    this.remove([chunkId]);
    if (this.size === this.chunkIds.length) this.grow();
    const slot = this.size++;
    const base = slot * this.words;
    this.bits.fill(0, base, base + this.words);
    for (let i = 0; i < vector.length; i++) if (vector[i]! > 0) this.bits[base + (i >>> 5)]! |= 1 << (i & 31);
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

  /** Chunk ids of the `limit` nearest vectors by sign-bit Hamming distance, nearest first. */
  candidates(query: Float32Array, workspaceId: string, categories: readonly string[] | null, limit: number): number[] {
    const workspace = this.workspaceCodes.get(workspaceId);
    if (workspace === undefined || limit <= 0) return [];
    let allowed: Set<number> | null = null;
    if (categories) {
      allowed = new Set(categories.map((c) => this.categoryCodes.get(c)).filter((c): c is number => c !== undefined));
      if (allowed.size === 0) return [];
    }
    const q = new Uint32Array(this.words);
    for (let i = 0; i < query.length; i++) if (query[i]! > 0) q[i >>> 5]! |= 1 << (i & 31);
    const maxDistance = this.words * 32;
    const distances = new Uint16Array(this.size).fill(0xffff);
    const histogram = new Uint32Array(maxDistance + 1);
    const bits = this.bits;
    const words = this.words;
    for (let slot = 0; slot < this.size; slot++) {
      if (this.chunkIds[slot] === -1 || this.workspaces[slot] !== workspace) continue;
      if (allowed && !allowed.has(this.categories[slot]!)) continue;
      let distance = 0;
      const base = slot * words;
      for (let w = 0; w < words; w++) distance += popcount(bits[base + w]! ^ q[w]!);
      distances[slot] = distance;
      histogram[distance]!++;
    }
    // Counting selection: the distance threshold that admits `limit` vectors, without a full sort.
    let threshold = 0;
    for (let seen = 0; threshold <= maxDistance; threshold++) {
      seen += histogram[threshold]!;
      if (seen >= limit) break;
    }
    const picked: number[] = [];
    for (let slot = 0; slot < this.size; slot++) if (distances[slot]! <= threshold) picked.push(slot);
    picked.sort((a, b) => distances[a]! - distances[b]!);
    return picked.slice(0, limit).map((slot) => this.chunkIds[slot]!);
  }

  private grow(): void {
    const capacity = this.chunkIds.length * 2;
    const bits = new Uint32Array(capacity * this.words);
    bits.set(this.bits);
    this.bits = bits;
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
        this.bits.copyWithin(target * this.words, slot * this.words, (slot + 1) * this.words);
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

function resize<T extends Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
