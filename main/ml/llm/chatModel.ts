/**
 * A local chat model. Implementations run llama.cpp off the main thread; callers only await text.
 * One generation runs at a time per model: later calls wait their turn.
 */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A JSON schema in the subset node-llama-cpp turns into a grammar (objects, enums, strings, numbers…). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface GenerateOptions {
  /** Streamed text, in batches (a few tokens at a time), never one message per token. */
  readonly onToken?: (text: string) => void;
  /** Aborting stops the generation and resolves with what was written so far (stopReason 'aborted'). */
  readonly signal?: AbortSignal;
  /** Length cap, so a runaway generation ends (default 512). */
  readonly maxTokens?: number;
  /** Constrain sampling with this schema's grammar; the result then carries the parsed `json`. */
  readonly jsonSchema?: JsonSchema;
  /** Wall-clock limit; past it the generation stops and the call fails with E_MODEL_TIMEOUT. */
  readonly timeoutMs?: number;
  readonly temperature?: number;
  readonly seed?: number;
}

export type StopReason = 'end' | 'maxTokens' | 'aborted';

export interface GenerateResult {
  readonly text: string;
  readonly stopReason: StopReason;
  /** Tokens of the prompt as the model read it (chat template included); 0 when nothing was evaluated. */
  readonly promptTokens: number;
  /** Tokens the model wrote. */
  readonly tokens: number;
  /** Milliseconds from the request reaching the worker to the first generated token; null if none. */
  readonly firstTokenMs: number | null;
  readonly durationMs: number;
  /** The parsed value, when a jsonSchema was given. */
  readonly json?: unknown;
}

export interface LoadedModelInfo {
  readonly path: string;
  readonly name: string;
  readonly sizeBytes: number;
  readonly contextSize: number;
  readonly threads: number;
  readonly chatTemplate: string;
  readonly loadMs: number;
}

export interface ChatModel {
  readonly id: string;
  readonly info: LoadedModelInfo;
  generate(messages: readonly ChatMessage[], options?: GenerateOptions): Promise<GenerateResult>;
  close(): Promise<void>;
}
