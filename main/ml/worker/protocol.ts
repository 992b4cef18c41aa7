import type { LaneStats } from './laneQueue.js';

/**
 * The typed messages between an embedder client (main thread) and its embedding worker.
 * Every request carries an id; the worker answers each id exactly once with `result` or `error`,
 * and may send `progress` for long batches in between.
 */
export type EmbedBackendConfig =
  | { readonly kind: 'builtin' }
  | { readonly kind: 'transformers'; readonly modelDir: string; readonly modelId: string };

export type WorkerRequest =
  | {
      readonly type: 'init';
      readonly id: number;
      readonly backend: EmbedBackendConfig;
      /** false: one model call per request even where coalescing is safe (for comparisons). Default true. */
      readonly coalesce?: boolean;
    }
  | { readonly type: 'embed'; readonly id: number; readonly texts: readonly string[]; readonly priority?: 'interactive' | 'bulk' }
  | { readonly type: 'cancel'; readonly id: number }
  /** Model calls and texts per lane so far (how well waiting requests are being coalesced). */
  | { readonly type: 'stats'; readonly id: number };

export type WorkerResponse =
  | { readonly type: 'ready'; readonly id: number; readonly modelId: string; readonly dimension: number }
  | { readonly type: 'result'; readonly id: number; readonly vectors: Float32Array[] }
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly cancelled?: boolean }
  | { readonly type: 'stats'; readonly id: number; readonly lanes: Readonly<Record<'interactive' | 'bulk', LaneStats>> };
