import { availableParallelism } from 'node:os';
import { TandemError } from '../../engine/errors.js';
import type { ChatMessage, ChatModel, GenerateOptions, GenerateResult, LoadedModelInfo } from './chatModel.js';
import { assertFitsInMemory, inspectGgufFile, type InspectOptions } from './ggufFile.js';
import { openLlmChannel, type LlmChannel, type LlmIsolation } from './llmChannel.js';
import type { LlmWorkerRequest, LlmWorkerResponse } from './protocol.js';

export interface LoadChatModelOptions extends InspectOptions {
  /** Defaults to the machine's real core count: llama.cpp's own default oversubscribes small machines. */
  readonly threads?: number;
  /** Upper bound on the context; the model's trained length caps it too (default 4096). */
  readonly contextSize?: number;
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
  /** 'process' (default) survives llama.cpp aborting on a malformed file; 'thread' starts faster. */
  readonly isolation?: LlmIsolation;
}

type Final = Exclude<LlmWorkerResponse, { type: 'progress' } | { type: 'tokens' }>;

interface Pending {
  resolve(message: Final): void;
  reject(error: Error): void;
  onProgress?: (fraction: number) => void;
  onTokens?: (text: string) => void;
}

export const DEFAULT_MAX_TOKENS = 512;

/** The machine's real core count (what llama.cpp should use), never fewer than one. */
export function realCoreCount(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The main-thread side of a llama.cpp worker holding one model. Generations are queued (one at a
 * time); aborting one resolves it with the text so far; closing terminates the worker, which frees
 * every byte llama.cpp allocated.
 */
export class WorkerChatModel implements ChatModel {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private turn: Promise<unknown> = Promise.resolve();
  private closed = false;
  private info_: LoadedModelInfo | null = null;

  private constructor(private readonly worker: LlmChannel) {}

  get id(): string {
    return `gguf:${this.info.path}`;
  }

  get info(): LoadedModelInfo {
    if (!this.info_) throw new TandemError('E_MODEL_NOT_LOADED');
    return this.info_;
  }

  /** Checks the file (GGUF, whole, fits in memory), then loads it in a new worker thread. */
  static async load(path: string, options: LoadChatModelOptions = {}): Promise<WorkerChatModel> {
    const file = await inspectGgufFile(path, options);
    assertFitsInMemory(file);
    options.signal?.throwIfAborted();
    const worker = openLlmChannel(options.isolation ?? 'process');
    const model = new WorkerChatModel(worker);
    model.listen();
    const threads = Math.max(1, Math.floor(options.threads ?? realCoreCount()));
    const onAbort = (): void => void model.close();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const reply = await model.request(
        { type: 'load', id: 0, path, threads, contextSize: options.contextSize ?? 4096 },
        { onProgress: options.onProgress },
      );
      if (reply.type !== 'loaded') throw new Error(`unexpected worker reply ${reply.type}`);
      model.info_ = { ...reply.info, path, sizeBytes: file.sizeBytes };
      return model;
    } catch (error) {
      await model.close();
      if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('loading cancelled');
      if (error instanceof TandemError) throw error;
      throw new TandemError('E_MODEL_LOAD_FAILED', `${file.fileName}: ${error instanceof Error ? error.message : String(error)}.`);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  private listen(): void {
    this.worker.onMessage((message) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      if (message.type === 'progress') pending.onProgress?.(message.fraction);
      else if (message.type === 'tokens') pending.onTokens?.(message.text);
      else {
        this.pending.delete(message.id);
        if (this.pending.size === 0) this.worker.setBusy(false);
        pending.resolve(message);
      }
    });
    this.worker.onExit((description) => {
      if (this.closed) return;
      this.closed = true;
      this.failAll(new TandemError('E_MODEL_LOAD_FAILED', `The model worker stopped (${description}).`));
    });
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.worker.setBusy(false);
  }

  private request(message: LlmWorkerRequest, hooks: Pick<Pending, 'onProgress' | 'onTokens'> = {}): Promise<Final> {
    return new Promise<Final>((resolve, reject) => {
      if (this.closed) {
        reject(new TandemError('E_MODEL_NOT_LOADED'));
        return;
      }
      this.pending.set(message.id, { resolve, reject, ...hooks });
      this.worker.setBusy(true);
      this.worker.post(message);
    }).then((reply) => {
      if (reply.type === 'error') {
        if (reply.code === 'E_INTERNAL') throw new Error(reply.message);
        throw new TandemError(reply.code, reply.message.endsWith('.') ? reply.message : `${reply.message}.`);
      }
      return reply;
    });
  }

  generate(messages: readonly ChatMessage[], options: GenerateOptions = {}): Promise<GenerateResult> {
    const run = this.turn.then(() => this.runGeneration(messages, options));
    this.turn = run.catch(() => {});
    return run;
  }

  private async runGeneration(messages: readonly ChatMessage[], options: GenerateOptions): Promise<GenerateResult> {
    if (this.closed) throw new TandemError('E_MODEL_NOT_LOADED');
    const id = this.nextId++;
    let timedOut = false;
    const abort = (): void => {
      if (this.pending.has(id)) this.worker.post({ type: 'abort', id } satisfies LlmWorkerRequest);
    };
    if (options.signal?.aborted) return { text: '', stopReason: 'aborted', promptTokens: 0, tokens: 0, firstTokenMs: null, durationMs: 0 };
    options.signal?.addEventListener('abort', abort, { once: true });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          abort();
        }, options.timeoutMs)
      : null;
    try {
      const reply = await this.request(
        {
          type: 'generate',
          id,
          messages: messages.map((m) => ({ role: m.role, content: m.content })),
          maxTokens: Math.max(1, Math.floor(options.maxTokens ?? DEFAULT_MAX_TOKENS)),
          ...(options.jsonSchema ? { jsonSchema: options.jsonSchema } : {}),
          ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
          ...(options.seed === undefined ? {} : { seed: options.seed }),
        },
        { onTokens: options.onToken },
      ).catch((error: unknown) => {
        // llama.cpp may throw its own AbortError when stopped before the first token (during the prompt).
        if (timedOut) throw new TandemError('E_MODEL_TIMEOUT', `No answer within ${options.timeoutMs} ms.`);
        if (options.signal?.aborted && !this.closed) return null;
        throw error;
      });
      if (reply === null) return { text: '', stopReason: 'aborted', promptTokens: 0, tokens: 0, firstTokenMs: null, durationMs: 0 };
      if (reply.type !== 'done') throw new Error(`unexpected worker reply ${reply.type}`);
      if (timedOut) throw new TandemError('E_MODEL_TIMEOUT', `No answer within ${options.timeoutMs} ms.`);
      if (options.jsonSchema && reply.stopReason === 'maxTokens') {
        throw new TandemError('E_MODEL_BAD_JSON', `The output hit the ${options.maxTokens ?? DEFAULT_MAX_TOKENS}-token cap before the JSON was complete.`);
      }
      const { type: _type, id: _id, ...result } = reply;
      return result;
    } finally {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new TandemError('E_MODEL_NOT_LOADED', 'The model was unloaded.'));
    // Terminating the thread releases llama.cpp's memory even if a generation is mid-flight.
    await this.worker.terminate();
  }
}
