/** Numerically stable softmax of logits / temperature, written into `out`. */
export function softmaxInto(logits: ArrayLike<number>, temperature: number, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]! / temperature);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp(logits[i]! / temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < logits.length; i++) out[i]! /= sum;
  return out;
}

export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  return softmaxInto(logits, temperature, new Float64Array(logits.length));
}
