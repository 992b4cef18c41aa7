import type { TandemBridge } from '../../../main/api/bridge.js';
import type { ApiEvent, Input, Method, Output, Result } from '../../../main/api/contract.js';
import { createHttpTransport } from './httpTransport.js';
import type { ConnectionState, Transport } from './transport.js';

/** The typed client the whole UI uses. It knows nothing of the transport under it. */
export interface TandemClient {
  call<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export function createClient(): TandemClient {
  const transport = pickTransport();
  return {
    call: (method, input) => transport.call(method, input) as never,
    onEvent: (listener) => transport.onEvent(listener),
    onConnection: (listener) => transport.onConnection(listener),
  };
}

function pickTransport(): Transport {
  const bridge = (window as unknown as { tandem?: TandemBridge }).tandem;
  if (bridge) {
    return {
      call: (method, input) => bridge.call(method, input),
      onEvent: (listener) => bridge.onEvent(listener),
      onConnection: (listener) => {
        listener('online'); // in-process IPC has no connection to lose
        return () => undefined;
      },
    };
  }
  return createHttpTransport();
}
