import type { ApiEvent, Result } from '../../../main/api/contract.js';

/** 'signed-out': the headless host does not know this browser (no sign-in yet, or the host restarted). */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'signed-out';

/** How the UI reaches the engine: Electron's preload bridge or the headless host over HTTP. */
export interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
