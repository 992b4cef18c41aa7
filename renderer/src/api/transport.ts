import type { ApiEvent, Result } from '../../../main/api/contract.js';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** How the UI reaches the engine: Electron's preload bridge or the headless host over HTTP. */
export interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
