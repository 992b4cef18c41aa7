/** Past this many cells the exact table is too slow for a send click; see below. */
const MAX_CELLS = 16_000_000;

/**
 * Levenshtein distance in characters between the draft and what the agent sent (the edit-rate metric).
 * Common prefix and suffix are skipped first: a typical edit touches one place, so the table stays
 * small. When the remaining middles are still huge (a pasted 20,000-character reply), the length of
 * the longer middle is returned: an upper bound, and in that case close to the truth anyway.
 */
export function editDistance(a: string, b: string): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  if (x.length * y.length > MAX_CELLS) return Math.max(x.length, y.length);
  let previous = new Uint32Array(y.length + 1);
  let current = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x.charCodeAt(i - 1);
    for (let j = 1; j <= y.length; j++) {
      const cost = xi === y.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}
