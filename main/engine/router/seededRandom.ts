/** mulberry32: a tiny deterministic generator, so splits and training are reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Splits indices per label so every label keeps the same share on both sides (at least one in train). */
export function stratifiedSplit(labels: readonly number[], heldOutShare: number, seed: number): { train: number[]; heldOut: number[] } {
  const random = seededRandom(seed);
  const byLabel = new Map<number, number[]>();
  labels.forEach((label, index) => {
    const list = byLabel.get(label) ?? [];
    list.push(index);
    byLabel.set(label, list);
  });
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const indices of [...byLabel.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v)) {
    shuffleInPlace(indices, random);
    const take = indices.length < 2 ? 0 : Math.min(indices.length - 1, Math.round(indices.length * heldOutShare));
    heldOut.push(...indices.slice(0, take));
    train.push(...indices.slice(take));
  }
  return { train: train.sort((a, b) => a - b), heldOut: heldOut.sort((a, b) => a - b) };
}
