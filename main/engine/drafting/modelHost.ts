import type { ChatModel, LoadedModelInfo } from '../../ml/llm/chatModel.js';
import type { ModelListing, ModelStatus } from '../../ml/llm/modelTypes.js';

/**
 * What the engine needs from the host's model manager. The host creates the manager (it knows the
 * models folder and owns the llama.cpp worker) and passes it in EngineOptions; the engine only sees
 * this interface, so it never starts a worker itself and tests can hand it any ChatModel.
 */
export interface ModelHost {
  /** The loaded chat model, or null (the default: drafts then come from the grounded templates). */
  readonly model: ChatModel | null;
  status(): ModelStatus;
  list(): Promise<ModelListing[]>;
  load(path: string): Promise<LoadedModelInfo>;
  unload(): Promise<void>;
  folders(): string[];
  setUserFolder(folder: string | null): void;
  /** Status changes (loading progress, loaded, failed, unloaded); returns an unsubscribe function. */
  onStatusChange(listener: (status: ModelStatus) => void): () => void;
}

export type { ModelListing, ModelStatus };
