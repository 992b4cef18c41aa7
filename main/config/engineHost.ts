import type { HandlerContext } from '../api/handlers/context.js';
import { RestorableEngine } from '../engine/dataSafety/restorableEngine.js';
import type { EngineEventListener } from '../engine/events.js';
import { openEngine, type DatabaseKey, type Engine } from '../engine/index.js';
import type { Log } from '../engine/log.js';
import { createBuiltinEmbedder } from '../ml/builtinEmbedder.js';
import { CachedEmbedder } from '../ml/cachedEmbedder.js';
import { findOnnxModels } from '../ml/crossEncoderFiles.js';
import { CrossEncoderReranker } from '../ml/crossEncoderReranker.js';
import type { Embedder } from '../ml/embedder.js';
import { ModelManager } from '../ml/llm/modelManager.js';
import type { Reranker } from '../ml/reranker.js';
import { commerceConnectorFromFile } from './commerceConnectorConfig.js';
import { MODELS_DIR } from './paths.js';

export interface EngineHost {
  /**
   * The open engine. After an in-app restore it is the engine reopened on the restored database, so
   * read it at each use rather than keeping it; during a restore it throws E_RESTORE_IN_PROGRESS.
   */
  readonly engine: Engine;
  readonly embedder: Embedder | null;
  /** GGUF chat models from models/ and the folder chosen in Settings; none is loaded until the agent picks one. */
  readonly models: ModelManager;
  /**
   * The cross-encoder found in models/, once loaded (null when there is none or it failed to load;
   * search uses the feature reranker until then).
   */
  readonly rerankerReady: Promise<Reranker | null>;
  /** Engine events from whichever engine is open (a subscription follows a restore). */
  subscribe(listener: EngineEventListener): () => void;
  /** What the API handlers get: the engine as it is at each call, and the in-app restore. */
  handlerContext(appVersion: string): HandlerContext;
  /** Waits for queued assist runs, then closes the engine and stops the model workers. */
  close(): Promise<void>;
}

export interface EngineHostOptions {
  readonly dataDir: string;
  readonly log: Log;
  readonly seedDemo: boolean;
  /** CLI commands that print JSON keep the background chatter off. */
  readonly quiet?: boolean;
  /** The app's models folder (defaults to models/ next to the package). */
  readonly modelsDir?: string;
  /** An HTTP/JSON connector config file: tools then act on that backend instead of the embedded shop. */
  readonly connectorConfig?: string;
  /** The key of an encrypted workspace, resolved by the host (environment, key file or OS keychain). */
  readonly databaseKey?: DatabaseKey | null;
}

/**
 * How every host (desktop, headless, CLI) opens the product: the built-in embedder in its worker, the
 * engine on the data folder, and the slow preparation (demo knowledge embeddings) started in the
 * background so the UI is served at once. Without a working embedder Tandem still runs, lexically.
 */
export async function openEngineHost(options: EngineHostOptions): Promise<EngineHost> {
  // Read the connector first: a broken config should stop the start before any worker is spawned.
  const commerceConnector = options.connectorConfig ? commerceConnectorFromFile(options.connectorConfig) : undefined;
  let embedder: Embedder | null = null;
  try {
    // One message is embedded by the router and by knowledge search: the cache makes that one call.
    embedder = new CachedEmbedder(await createBuiltinEmbedder());
  } catch (error) {
    options.log.warn('The built-in embedder could not start; knowledge search falls back to keywords.', { error: String(error) });
  }
  // The manager only lists files until a model is loaded, so creating it costs nothing at start.
  const models = new ModelManager({ modelsDir: options.modelsDir ?? MODELS_DIR });
  const open = (): Engine =>
    openEngine({
      dataDir: options.dataDir, log: options.log, seedDemo: options.seedDemo, models,
      databaseKey: options.databaseKey ?? null,
      ...(embedder ? { embedder } : {}), ...(commerceConnector ? { commerceConnector } : {}),
    });
  let engine: Engine;
  try {
    engine = open();
  } catch (error) {
    await embedder?.close();
    throw error;
  }
  const rerankerReady = startCrossEncoder(engine, options.modelsDir ?? MODELS_DIR, options.log);
  // Background preparation still running; close() waits for it to stop so nothing runs or logs after.
  const background = new Set<Promise<unknown>>();
  const track = (task: Promise<unknown>): void => {
    background.add(task);
    void task.finally(() => background.delete(task));
  };
  // A task cut short because its engine was closed (shutdown, or a restore reopening it) is expected and not reported.
  const prepare = (opened: Engine): void => {
    track(opened.knowledgeReady.catch(() => undefined));
    // Train (or load) the intent model now, so the first customer message does not wait for it.
    track(opened.router.ready().catch((error: unknown) => opened.db.open && options.log.warn('the intent model is not ready', { error: String(error) })));
    if (options.seedDemo && opened.workspace.isDemo) {
      track(opened.knowledge
        .ensureDemoIndexed()
        .then(() => refreshAssistWithoutEvidence(opened))
        .catch((error: unknown) => opened.db.open && options.log.error('demo knowledge could not be indexed', { error: String(error) })));
    }
  };
  prepare(engine);
  // An in-app restore reopens the engine on the restored file; the embedder, models and reranker stay loaded.
  const live = new RestorableEngine({
    engine,
    reopen: open,
    afterReopen: (reopened) => {
      void rerankerReady.then((reranker) => reranker && reopened.knowledge.attachReranker(reranker));
      prepare(reopened);
    },
  });
  return {
    get engine() {
      return live.engine;
    },
    embedder,
    models,
    rerankerReady,
    subscribe: (listener) => live.subscribe(listener),
    handlerContext: (appVersion) => ({
      get engine() {
        return live.engine;
      },
      appVersion,
      restoreBackup: (name, actor) => live.restore(name, actor),
    }),
    close: async () => {
      if (!live.isRestoring) await live.engine.assist.idle();
      live.close();
      await models.unload();
      await (await rerankerReady)?.close();
      await embedder?.close();
      await Promise.allSettled(background);
    },
  };
}

/**
 * Loads the first cross-encoder in the models folder (by folder name) in its worker, in the background
 * so start-up does not wait, and attaches it to knowledge search when ready.
 */
async function startCrossEncoder(engine: Engine, modelsDir: string, log: Log): Promise<Reranker | null> {
  const [modelId, ...others] = findOnnxModels(modelsDir).crossEncoders;
  if (!modelId) return null;
  if (others.length > 0) log.info('several cross-encoders in the models folder; using the first', { using: modelId, ignored: others });
  try {
    const reranker = await CrossEncoderReranker.start({ modelDir: modelsDir, modelId });
    engine.knowledge.attachReranker(reranker);
    log.info('knowledge search reranks with a cross-encoder', { model: modelId });
    return reranker;
  } catch (error) {
    log.warn('The cross-encoder could not load; knowledge search uses the feature reranker.', { model: modelId, error: String(error) });
    return null;
  }
}

/** Conversations assisted before the knowledge base was ready get their evidence once it is. */
async function refreshAssistWithoutEvidence(engine: Engine): Promise<void> {
  for (const conversation of engine.conversations.list({ status: 'open' })) {
    const latest = engine.assist.latest(conversation.id);
    if (latest && latest.evidence.length === 0) await engine.assist.refresh(conversation.id);
  }
}
