import type { ApiEvent } from './contract.js';
import type { Result } from './result.js';

export type { ApiEvent } from './contract.js';
export type { Result } from './result.js';

/**
 * What the desktop preload puts on `window.tandem`: the generic contract transport and nothing else.
 * The renderer prefers it when present and falls back to HTTP, so both hosts serve the same UI.
 */
export interface TandemBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** The two IPC channels. The sandboxed preload cannot import this at run time, so it repeats them typed as this. */
export const BRIDGE_CHANNELS = { call: 'tandem:call', event: 'tandem:event' } as const;
export type BridgeChannels = typeof BRIDGE_CHANNELS;
