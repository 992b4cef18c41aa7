import type { ApiEvent, Result } from '../../../main/api/contract.js';
import type { ConnectionState, Transport } from './transport.js';

const RECONNECT_MS = [500, 1000, 2000, 5000];

/**
 * The headless host: RPC over POST /api/v1/rpc/{method} and events over a WebSocket, both carrying the
 * launch token the host put in the page. The socket reconnects with backoff; the UI shows the state.
 */
export function createHttpTransport(token: string, base = window.location.origin): Transport {
  const eventListeners = new Set<(event: ApiEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let attempt = 0;

  const setState = (next: ConnectionState): void => {
    state = next;
    connectionListeners.forEach((l) => l(next));
  };

  const connect = (): void => {
    const url = new URL('/api/v1/events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    const socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
      setState('online');
    };
    socket.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as ApiEvent;
      eventListeners.forEach((l) => l(event));
    };
    socket.onclose = () => {
      setState('offline');
      const delay = RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)];
      window.setTimeout(connect, delay);
    };
  };
  connect();

  return {
    async call(method, input) {
      try {
        const response = await fetch(new URL(`/api/v1/rpc/${method}`, base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'E_INTERNAL', message: 'Tandem is not reachable. Check that it is still running, then try again.' },
        };
      }
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}
