import type { Reranker } from '../../ml/reranker.js';

/** A cross-encoder handed to search by the host (the engine never starts model workers itself). */
export interface CrossEncoderOptions {
  readonly model: Reranker;
  /** How long a search waits for the model before ranking with the feature reranker instead. */
  readonly timeoutMs?: number;
  /** How many of the fused top candidates the model reads. */
  readonly candidates?: number;
}

/**
 * 20 candidates: the fused top 20 holds the right chunk for most queries, and reading 20 pairs keeps a
 * MiniLM-L6 cross-encoder around 100–200 ms on two cores. The timeout is the point where an agent would
 * rather see the feature-ranked evidence now than a better order later.
 */
export const CROSS_ENCODER_DEFAULTS = { candidates: 20, timeoutMs: 1_500 } as const;

export type CrossEncoderOutcome = { readonly ok: true; readonly scores: number[] } | { readonly ok: false; readonly reason: string };

/**
 * Scores the passages with the cross-encoder, or says why it could not: an error from the model, a
 * wrong number of scores, or the timeout (the request is then cancelled in the worker). A caller's own
 * abort is not a fallback: it is thrown, as every other step of a cancelled search does.
 */
export async function crossEncoderScores(
  options: CrossEncoderOptions,
  query: string,
  passages: readonly string[],
  signal?: AbortSignal,
): Promise<CrossEncoderOutcome> {
  signal?.throwIfAborted();
  const timeoutMs = options.timeoutMs ?? CROSS_ENCODER_DEFAULTS.timeoutMs;
  const controller = new AbortController();
  const timeoutError = new Error(`the cross-encoder took longer than ${timeoutMs} ms`);
  const onCallerAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(timeoutError);
      reject(timeoutError);
    }, timeoutMs);
  });
  try {
    // The race also covers a model that ignores its signal.
    const scores = await Promise.race([options.model.score(query, passages, { signal: controller.signal }), timedOut]);
    if (scores.length !== passages.length || scores.some((s) => typeof s !== 'number' || !Number.isFinite(s))) {
      return { ok: false, reason: `${options.model.id} returned ${scores.length} scores for ${passages.length} passages` };
    }
    return { ok: true, scores };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { ok: false, reason: `${options.model.id}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
    timedOut.catch(() => undefined);
  }
}
