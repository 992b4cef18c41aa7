import { parentPort } from 'node:worker_threads';
import {
  getLlama,
  LlamaChat,
  LlamaLogLevel,
  type ChatHistoryItem,
  type GbnfJsonSchema,
  type Llama,
  type LlamaContext,
  type LlamaJsonSchemaGrammar,
  type LlamaModel,
} from 'node-llama-cpp';
import type { ChatMessage } from './chatModel.js';
import { TOKEN_BATCH_MS, type GenerateRequest, type LoadRequest, type LlmWorkerRequest, type LlmWorkerResponse } from './protocol.js';

/**
 * Runs llama.cpp for one model, in a child process (default) or a worker thread. Generation is
 * serialised here as well as in the client: the context has a single sequence, and a second
 * evaluation on it would interleave tokens.
 */
interface Port {
  send(message: LlmWorkerResponse): void;
  onMessage(listener: (message: LlmWorkerRequest) => void): void;
}

function openPort(): Port {
  if (parentPort) {
    const thread = parentPort;
    return { send: (m) => thread.postMessage(m), onMessage: (l) => void thread.on('message', l) };
  }
  if (process.send) {
    // The app went away: nothing will ever ask this process for anything again.
    process.on('disconnect', () => process.exit(0));
    return { send: (m) => void process.send?.(m), onMessage: (l) => void process.on('message', (m) => l(m as LlmWorkerRequest)) };
  }
  throw new Error('llmWorker must run in a worker thread or a forked child process');
}

const port = openPort();

let llama: Llama | null = null;
let model: LlamaModel | null = null;
let context: LlamaContext | null = null;
let chat: LlamaChat | null = null;
const aborts = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

const send = (message: LlmWorkerResponse): void => port.send(message);

port.onMessage((request) => {
  if (request.type === 'abort') {
    aborts.get(request.id)?.abort();
    return;
  }
  if (request.type === 'generate') aborts.set(request.id, new AbortController());
  queue = queue.then(() => handle(request)).catch(() => {});
});

async function handle(request: Exclude<LlmWorkerRequest, { type: 'abort' }>): Promise<void> {
  try {
    if (request.type === 'load') await load(request);
    else if (request.type === 'generate') await generate(request);
    else {
      await unload();
      send({ type: 'unloaded', id: request.id });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = request.type === 'load' ? 'E_MODEL_LOAD_FAILED' : 'E_INTERNAL';
    send({ type: 'error', id: request.id, code, message });
  } finally {
    if (request.type === 'generate') aborts.delete(request.id);
  }
}

async function load(request: LoadRequest): Promise<void> {
  const started = performance.now();
  await unload();
  // build: 'never' — the prebuilt CPU binary from the npm package is used and nothing is compiled or
  // downloaded at run time. maxThreads caps the whole library at the machine's real core count.
  llama = await getLlama({
    gpu: false,
    build: 'never',
    maxThreads: request.threads,
    logLevel: LlamaLogLevel.error,
    logger: () => {},
    progressLogs: false,
  });
  model = await llama.loadModel({
    modelPath: request.path,
    gpuLayers: 0,
    onLoadProgress: (fraction) => send({ type: 'progress', id: request.id, fraction }),
  });
  const trained = model.trainContextSize;
  context = await model.createContext({
    contextSize: Math.max(256, Math.min(request.contextSize, trained)),
    threads: request.threads,
    sequences: 1,
  });
  chat = new LlamaChat({ contextSequence: context.getSequence() });
  const name = model.fileInfo.metadata.general?.name ?? '';
  send({
    type: 'loaded',
    id: request.id,
    info: {
      name: typeof name === 'string' ? name : '',
      contextSize: context.contextSize,
      threads: context.currentThreads,
      chatTemplate: chat.chatWrapper.wrapperName,
      loadMs: Math.round(performance.now() - started),
    },
  });
}

async function unload(): Promise<void> {
  chat?.dispose();
  chat = null;
  await context?.dispose();
  context = null;
  await model?.dispose();
  model = null;
  await llama?.dispose();
  llama = null;
}

function toHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((message) => {
    if (message.role === 'system') return { type: 'system', text: message.content };
    if (message.role === 'user') return { type: 'user', text: message.content };
    return { type: 'model', response: [message.content] };
  });
  history.push({ type: 'model', response: [] });
  return history;
}

async function generate(request: GenerateRequest): Promise<void> {
  if (!llama || !model || !context || !chat) {
    send({ type: 'error', id: request.id, code: 'E_MODEL_NOT_LOADED', message: 'no model is loaded' });
    return;
  }
  const started = performance.now();
  const controller = aborts.get(request.id) ?? new AbortController();
  // The schema arrives as plain JSON from the main thread; its exact static type is unknowable here.
  const grammar: LlamaJsonSchemaGrammar<GbnfJsonSchema> | undefined = request.jsonSchema
    ? await llama.createGrammarForJsonSchema(request.jsonSchema as never)
    : undefined;

  let pending = '';
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    timer = null;
    if (pending.length === 0) return;
    send({ type: 'tokens', id: request.id, text: pending });
    pending = '';
  };
  let firstTokenMs: number | null = null;
  let tokens = 0;

  // A fresh sequence state per draft: drafts for different conversations must not share a KV cache.
  await chat.sequence.clearHistory();
  const history = toHistory(request.messages);
  // The prompt as the model reads it: the history rendered by the chat template, in the model's own
  // tokens (what usage metrics count), never more than the context holds.
  const promptTokens = Math.min(
    context.contextSize,
    chat.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(model.tokenizer).length,
  );
  const response = await chat.generateResponse(history, {
    signal: controller.signal,
    stopOnAbortSignal: true,
    maxTokens: request.maxTokens,
    temperature: request.temperature ?? 0.3,
    seed: request.seed,
    ...(grammar ? { grammar } : {}),
    onToken: (generated) => {
      if (firstTokenMs === null) firstTokenMs = Math.round(performance.now() - started);
      tokens += generated.length;
    },
    onTextChunk: (text) => {
      pending += text;
      if (!timer) timer = setTimeout(flush, TOKEN_BATCH_MS);
    },
  });
  if (timer) clearTimeout(timer);
  flush();

  const reason = response.metadata.stopReason;
  const stopReason = reason === 'abort' ? 'aborted' : reason === 'maxTokens' ? 'maxTokens' : 'end';
  let json: unknown;
  if (grammar && stopReason === 'end') {
    try {
      json = grammar.parse(response.response);
    } catch (error) {
      send({ type: 'error', id: request.id, code: 'E_MODEL_BAD_JSON', message: error instanceof Error ? error.message : String(error) });
      return;
    }
  }
  send({
    type: 'done',
    id: request.id,
    text: response.response,
    stopReason,
    promptTokens,
    tokens,
    firstTokenMs,
    durationMs: Math.round(performance.now() - started),
    ...(json === undefined ? {} : { json }),
  });
}
