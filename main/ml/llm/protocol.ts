import type { ChatMessage, JsonSchema, LoadedModelInfo, StopReason } from './chatModel.js';

/**
 * The typed messages between a WorkerChatModel (main thread) and its llama.cpp worker.
 * Every request carries an id; the worker answers each id exactly once with a final message
 * (`loaded`, `done`, `unloaded` or `error`) and may send `progress` / `tokens` before it.
 */
export interface LoadRequest {
  readonly type: 'load';
  readonly id: number;
  readonly path: string;
  readonly threads: number;
  readonly contextSize: number;
}

export interface GenerateRequest {
  readonly type: 'generate';
  readonly id: number;
  readonly messages: readonly ChatMessage[];
  readonly maxTokens: number;
  readonly jsonSchema?: JsonSchema;
  readonly temperature?: number;
  readonly seed?: number;
}

export type LlmWorkerRequest =
  | LoadRequest
  | GenerateRequest
  | { readonly type: 'abort'; readonly id: number }
  | { readonly type: 'unload'; readonly id: number };

/** Codes the worker can report; the client maps them onto TandemError codes. */
export type LlmWorkerErrorCode = 'E_MODEL_LOAD_FAILED' | 'E_MODEL_BAD_JSON' | 'E_MODEL_NOT_LOADED' | 'E_INTERNAL';

export type LlmWorkerResponse =
  | { readonly type: 'progress'; readonly id: number; readonly fraction: number }
  | { readonly type: 'loaded'; readonly id: number; readonly info: Omit<LoadedModelInfo, 'path' | 'sizeBytes'> }
  | { readonly type: 'tokens'; readonly id: number; readonly text: string }
  | {
      readonly type: 'done';
      readonly id: number;
      readonly text: string;
      readonly stopReason: StopReason;
      readonly promptTokens: number;
      readonly tokens: number;
      readonly firstTokenMs: number | null;
      readonly durationMs: number;
      readonly json?: unknown;
    }
  | { readonly type: 'unloaded'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly code: LlmWorkerErrorCode; readonly message: string };

/** Streamed text is flushed at most this often, so a fast model does not flood the main thread or UI. */
export const TOKEN_BATCH_MS = 30;
