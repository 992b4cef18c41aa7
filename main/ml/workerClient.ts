import type { Worker } from 'node:worker_threads';
import { startSiblingWorker } from './worker/startWorker.js';

/** Every message between a model client and its worker carries a type and a request id (0: init). */
export interface WorkerMessage {
  readonly type: string;
  readonly id: number;
}

interface Pending<Res> {
  resolve(response: Res): void;
  reject(error: Error): void;
  onUpdate?: (response: Res) => void;
}

export interface WorkerNames {
  /** e.g. 'embedding worker': "the embedding worker stopped (exit code 1)". */
  readonly worker: string;
  /** e.g. 'embedder': "the embedder is closed". */
  readonly client: string;
  /** Rejection when the caller's signal has no reason, e.g. 'embedding cancelled'. */
  readonly cancelled: string;
}

export interface RequestOptions<Res> {
  readonly signal?: AbortSignal;
  /** Messages for this id that do not end the request (e.g. progress). */
  readonly isUpdate?: (response: Res) => boolean;
  readonly onUpdate?: (response: Res) => void;
}

/**
 * The main-thread side of a model worker: request ids, one pending promise per id, cancellation
 * (an aborted caller rejects at once and the worker is told to drop the request), and failing every
 * waiting caller when the worker dies or the client closes. Embedder and reranker clients add
 * their own input guards and answer checks on top.
 */
export class WorkerClient<Req extends WorkerMessage, Res extends WorkerMessage> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Res>>();
  private closedFlag = false;

  private constructor(
    private readonly worker: Worker,
    private readonly names: WorkerNames,
    private readonly cancelRequest: (id: number) => Req,
  ) {}

  /**
   * Starts the worker module `baseName` next to `callerUrl`, sends `init` (id 0) and resolves with
   * its 'ready' answer; an 'error' answer or a crash rejects with the worker's message and ends it.
   */
  static async start<Req extends WorkerMessage, Res extends WorkerMessage>(options: {
    readonly callerUrl: string;
    readonly baseName: string;
    readonly init: Req;
    readonly names: WorkerNames;
    readonly cancel: (id: number) => Req;
  }): Promise<{ client: WorkerClient<Req, Res>; ready: Extract<Res, { type: 'ready' }> }> {
    const worker = startSiblingWorker(options.callerUrl, options.baseName);
    worker.unref();
    const ready = await new Promise<Extract<Res, { type: 'ready' }>>((resolve, reject) => {
      const onMessage = (message: Res): void => {
        if (message.id !== 0) return;
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (message.type === 'ready') resolve(message as Extract<Res, { type: 'ready' }>);
        else reject(new Error(message.type === 'error' ? errorText(message) : 'unexpected worker reply'));
      };
      const onError = (error: Error): void => reject(error);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(options.init);
    }).catch(async (error: Error) => {
      await worker.terminate();
      throw error;
    });
    const client = new WorkerClient<Req, Res>(worker, options.names, options.cancel);
    client.listen();
    return { client, ready };
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  private listen(): void {
    this.worker.on('message', (message: Res) => this.pending.get(message.id)?.resolve(message));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      if (!this.closedFlag) this.failAll(new Error(`the ${this.names.worker} stopped (exit code ${code})`));
    });
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  /** Sends one request built for a fresh id and resolves with the worker's final answer for it. */
  request(build: (id: number) => Req, options: RequestOptions<Res> = {}): Promise<Res> {
    if (this.closedFlag) return Promise.reject(new Error(`the ${this.names.client} is closed`));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error(this.names.cancelled));
    const id = this.nextId++;
    return new Promise<Res>((resolve, reject) => {
      const settle = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      const onAbort = (): void => {
        settle();
        this.worker.postMessage(this.cancelRequest(id));
        reject(signal?.reason ?? new Error(this.names.cancelled));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (message) => {
          if (options.isUpdate?.(message)) {
            options.onUpdate?.(message);
            return;
          }
          settle();
          resolve(message);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.worker.postMessage(build(id));
    });
  }

  async close(): Promise<void> {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.failAll(new Error(`the ${this.names.client} was closed`));
    await this.worker.terminate();
  }
}

function errorText(message: WorkerMessage): string {
  return (message as WorkerMessage & { message?: unknown }).message?.toString() ?? 'the worker failed to start';
}
