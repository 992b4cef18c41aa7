/** The local LLM: GGUF inspection, a worker-thread llama.cpp chat model, and the one-at-a-time manager. */
export type { ChatMessage, ChatModel, GenerateOptions, GenerateResult, JsonSchema, LoadedModelInfo, StopReason } from './chatModel.js';
export { assertFitsInMemory, inspectGgufFile, requiredMemory, type GgufModelFile } from './ggufFile.js';
export { ModelManager, type ModelListing, type ModelManagerOptions, type ModelStatus } from './modelManager.js';
export { DEFAULT_MAX_TOKENS, realCoreCount, WorkerChatModel, type LoadChatModelOptions } from './workerChatModel.js';
