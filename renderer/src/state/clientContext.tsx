import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiEvent } from '../../../main/api/contract.js';
import type { TandemClient } from '../api/client.js';
import type { ConnectionState } from '../api/transport.js';

const ClientContext = createContext<TandemClient | null>(null);

export function ClientProvider({ client, children }: { client: TandemClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): TandemClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient must be used inside <ClientProvider>.');
  return client;
}

/**
 * Subscribes to engine events for the lifetime of the component. The latest listener is always the
 * one called (it may close over fresh props), without re-subscribing on every render.
 */
export function useEngineEvents(listener: (event: ApiEvent) => void): void {
  const client = useClient();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => client.onEvent((event) => latest.current(event)), [client]);
}

export function useConnection(): ConnectionState {
  const client = useClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => client.onConnection(setState), [client]);
  return state;
}
