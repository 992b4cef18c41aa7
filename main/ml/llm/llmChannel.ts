import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startSiblingWorker } from '../worker/startWorker.js';
import type { LlmWorkerRequest, LlmWorkerResponse } from './protocol.js';

/**
 * Where llama.cpp runs. 'process' (the default) is a child process: llama.cpp stops the whole process
 * with GGML_ASSERT on some malformed GGUF files (measured here: a llama file without
 * attention.head_count aborts inside llama-model-loader), and only a separate process keeps the app
 * alive through that. 'thread' is a worker thread: cheaper to start, for files already known good.
 */
export type LlmIsolation = 'process' | 'thread';

export interface LlmChannel {
  post(message: LlmWorkerRequest): void;
  onMessage(listener: (message: LlmWorkerResponse) => void): void;
  /** Called once when the other side goes away for any reason (crash, kill, exit). */
  onExit(listener: (description: string) => void): void;
  terminate(): Promise<void>;
  /** Keep the app's event loop alive only while a request is in flight (an idle model must not). */
  setBusy(busy: boolean): void;
}

const WORKER_BASENAME = 'llmWorker';

export function openLlmChannel(isolation: LlmIsolation): LlmChannel {
  return isolation === 'thread' ? threadChannel(startSiblingWorker(import.meta.url, WORKER_BASENAME)) : processChannel();
}

function threadChannel(worker: Worker): LlmChannel {
  worker.unref();
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => void worker.on('message', listener),
    onExit: (listener) => {
      worker.once('error', (error) => listener(error.message));
      worker.once('exit', (code) => listener(`exit code ${code}`));
    },
    terminate: async () => {
      await worker.terminate();
    },
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
  };
}

function processChannel(): LlmChannel {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(new URL(`./${WORKER_BASENAME}${fromSource ? '.ts' : '.js'}`, import.meta.url));
  const execArgv: string[] = [];
  if (fromSource) {
    const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
    execArgv.push('--import', pathToFileURL(join(dirname(tsxPackage), 'dist/loader.mjs')).href);
  }
  const child: ChildProcess = fork(script, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  // llama.cpp's own stderr is noise for users, but its last lines explain an abort: keep a short tail.
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-600);
  });
  const ipc = (child as unknown as { channel?: { ref(): void; unref(): void } }).channel;
  const setBusy = (busy: boolean): void => {
    if (busy) {
      child.ref();
      ipc?.ref();
    } else {
      child.unref();
      ipc?.unref();
    }
  };
  setBusy(false);
  return {
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => void child.on('message', (message) => listener(message as LlmWorkerResponse)),
    onExit: (listener) => {
      child.once('exit', (code, signal) => {
        const assertion = /GGML_ASSERT\([^)]*\)[^\n]*/.exec(stderrTail)?.[0];
        listener(assertion ? `llama.cpp stopped: ${assertion}` : `exit ${signal ?? `code ${code}`}`);
      });
    },
    terminate: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        // Stay referenced until the exit arrives, or the caller's `await close()` would never return.
        setBusy(true);
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    setBusy,
  };
}
