import type { ApiEvent, Result } from '../../../main/api/contract.js';
import type { ConnectionState, Transport } from './transport.js';

const RECONNECT_MS = [500, 1000, 2000, 5000];

/**
 * The headless host: RPC over POST /api/v1/rpc/{method} and events over a WebSocket, both authenticated
 * by the HttpOnly session cookie the sign-in link set (the page never holds a secret). Before each
 * (re)connection the session is checked, so a browser that is not signed in — or a host that restarted
 * and forgot it — shows the sign-in screen instead of reconnecting forever.
 */
export function createHttpTransport(base = window.location.origin): Transport {
  const eventListeners = new Set<(event: ApiEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let attempt = 0;

  const setState = (next: ConnectionState): void => {
    state = next;
    connectionListeners.forEach((l) => l(next));
  };

  const signedIn = async (): Promise<boolean | null> => {
    try {
      const response = await fetch(new URL('/api/v1/session', base), { credentials: 'same-origin', cache: 'no-store' });
      // Read the body to the end: an unread response can hold its connection in the browser's pool.
      await response.text();
      return response.status === 401 ? false : response.ok;
    } catch {
      return null; // the host is not reachable: keep trying
    }
  };

  const reconnectLater = (): void => {
    const delay = RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)];
    window.setTimeout(() => void connect(), delay);
  };

  const connect = async (): Promise<void> => {
    const session = await signedIn();
    if (session === false) return setState('signed-out');
    if (session === null) {
      setState('offline');
      return reconnectLater();
    }
    const url = new URL('/api/v1/events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
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
      reconnectLater();
    };
  };
  void connect();

  return {
    async call(method, input) {
      try {
        const response = await fetch(new URL(`/api/v1/rpc/${method}`, base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        });
        if (response.status === 401) setState('signed-out');
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
