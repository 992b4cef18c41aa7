/** The engine's public surface: hosts and the API import from here only. */
export { openEngine, type Engine, type EngineOptions } from './engine.js';
export { TandemError, isTandemError, ERROR_HINTS, ERROR_CODES, type ErrorCode } from './errors.js';
export type { EngineEvent } from './events.js';
export type { ConversationSummary, Message, MessageRole, ConversationStatus } from './conversations/types.js';
export { MAX_MESSAGE_CHARS } from './conversations/messageText.js';
export { seedDemoWorkspace, DEMO_WORKSPACE_ID, type SeedReport } from './demo/seedDemoWorkspace.js';
export { systemClock, type Clock } from './clock.js';
export type { Log } from './log.js';
export { databaseKeyHex, DATABASE_KEY_BYTES, type DatabaseKey } from './store/databaseKey.js';
