/**
 * The typed messages between a cross-encoder client (main thread) and its rerank worker. Every request
 * carries an id; the worker answers each id exactly once with `ready`, `scores` or `error`.
 */
export interface RerankModelConfig {
  /** The models folder. */
  readonly modelDir: string;
  /** The model's folder under modelDir, e.g. 'Xenova/ms-marco-MiniLM-L-6-v2'. */
  readonly modelId: string;
}

export type RerankRequest =
  | { readonly type: 'init'; readonly id: number; readonly model: RerankModelConfig }
  | { readonly type: 'score'; readonly id: number; readonly query: string; readonly passages: readonly string[] }
  | { readonly type: 'cancel'; readonly id: number };

export type RerankResponse =
  | { readonly type: 'ready'; readonly id: number; readonly modelId: string; readonly labels: number }
  | { readonly type: 'scores'; readonly id: number; readonly scores: number[] }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly cancelled?: boolean };
