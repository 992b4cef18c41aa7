import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CONNECTOR, SIGNED_IN_AGENT, type Caller } from '../api/caller.js';
import type { Dispatcher } from '../api/dispatcher.js';
import type { ApiEvent } from '../api/contract.js';
import type { Log } from '../engine/log.js';
import { matchConnectorRoute } from './connectorRoutes.js';
import { EventSocket } from './eventSocket.js';
import { HttpRequestError, sendError, sendResult } from './httpErrors.js';
import { readJsonBody } from './readJsonBody.js';
import { BrowserSessions, readCookie, sessionCookieName } from './browserSessions.js';
import { RequestGuard } from './requestGuard.js';
import { isStateChanging, LAUNCH_PATH, launchUrl, redeemLaunchCode } from './signInRoutes.js';
import { StaticFiles } from './staticFiles.js';

export const DEFAULT_PORT = 4477;
const LOOPBACK = '127.0.0.1';
const RPC_PREFIX = '/api/v1/rpc/';
const SESSION_PATH = '/api/v1/session';
const LAUNCH_CODE_PATH = '/api/v1/session/launch-code';

/** Who is calling: the browser UI signed in with a session cookie, or a connector with the API token. */
export type HttpCaller = 'browser' | 'connector';
/** How long an idle keep-alive connection stays open (announced to clients as Keep-Alive: timeout=65). */
export const KEEP_ALIVE_MS = 65_000;

export interface HttpHostOptions {
  readonly dispatcher: Dispatcher;
  readonly subscribe: (listener: (event: ApiEvent) => void) => () => void;
  readonly rendererDir: string;
  readonly log: Log;
  /** Preferred port; if taken, a free one is used. 0 asks for a free one directly. */
  readonly port?: number;
  readonly token?: string;
}

export interface HttpHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** A new one-time sign-in link for a browser (what `tandem serve` prints, and `tandem open` asks for). */
  newLaunchUrl(): { url: string; expiresAt: number };
  close(): Promise<void>;
}

/** The contract over HTTP + WebSocket on 127.0.0.1, plus the built UI. Never binds another interface. */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const guard = new RequestGuard(options.token);
  const sessions = new BrowserSessions();
  const events = new EventSocket();
  let port = 0;
  const files = new StaticFiles(options.rendererDir, () => port);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Never the URL: it may carry a code or a token. The method and the route family say enough.
      options.log.error('request failed', { method: req.method, route: routeFamily(req.url), error: String(error) });
      if (!res.headersSent) sendError(res, 'E_INTERNAL');
      else res.end();
    });
  });

  /** The caller a request authenticates as, or null. A cookie-authenticated change must come from our own page (Origin). */
  const callerOf = (req: IncomingMessage): HttpCaller | null => {
    if (guard.bearerValid(req)) return 'connector';
    if (!sessions.valid(readCookie(req.headers.cookie, sessionCookieName(port)))) return null;
    if (isStateChanging(req) && req.headers.origin === undefined) return null;
    return 'browser';
  };
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  // A connector sending a message every few seconds reuses its idle connection. Closing idle ones
  // after Node's default 5 s raced with those reuses: the request went out on a connection the host was
  // closing and the client got ECONNRESET (its message not stored). Idle connections stay open longer.
  server.keepAliveTimeout = KEEP_ALIVE_MS;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!guard.hostAllowed(req)) return sendError(res, 'E_FORBIDDEN_ORIGIN', 'That Host header is not allowed.');
    const url = parseRequestUrl(req.url, port);
    if (!url) return sendError(res, 'E_BAD_URL');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'E_NOT_FOUND');
      if (url.pathname === LAUNCH_PATH) return redeemLaunchCode(url, sessions, port, res);
      return files.serve(url.pathname, res);
    }
    if (!guard.originAllowed(req)) return sendError(res, 'E_FORBIDDEN_ORIGIN', 'That Origin is not allowed.');
    const caller = callerOf(req);
    if (!caller) return sendError(res, 'E_UNAUTHORIZED');
    try {
      if (url.pathname === SESSION_PATH && req.method === 'GET') return sendResult(res, { ok: true, value: { caller } });
      if (url.pathname === LAUNCH_CODE_PATH && req.method === 'POST') {
        // Only a token holder (the user who started the host) may mint sign-in links; a page cannot.
        if (caller !== 'connector') return sendError(res, 'E_UNAUTHORIZED');
        return sendResult(res, { ok: true, value: host.newLaunchUrl() });
      }
      if (url.pathname.startsWith(RPC_PREFIX)) {
        if (req.method !== 'POST') return sendError(res, 'E_VALIDATION', 'RPC calls use POST.');
        const body = await readJsonBody(req);
        return sendResult(res, await options.dispatcher.call(decodeURIComponent(url.pathname.slice(RPC_PREFIX.length)), body, callerFor(caller)));
      }
      const route = matchConnectorRoute(req.method ?? 'GET', url.pathname);
      if (!route) return sendError(res, 'E_NOT_FOUND', `No API route ${req.method ?? ''} ${url.pathname}.`);
      const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
      const asCaller: Dispatcher = {
        call: (method, input) => options.dispatcher.call(method, input, callerFor(caller)),
        invoke: (method, input) => options.dispatcher.invoke(method, input, callerFor(caller)),
      };
      return sendResult(res, await route.run(asCaller, body), route.status);
    } catch (error) {
      if (error instanceof HttpRequestError) return sendError(res, error.code, error.detail);
      throw error;
    }
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = parseRequestUrl(req.url, port);
    const allowed =
      url !== null && url.pathname === '/api/v1/events' && guard.hostAllowed(req) && guard.originAllowed(req) &&
      (callerOf(req) !== null || guard.queryTokenValid(url));
    if (!allowed) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    events.accept(req, socket, head);
  });

  port = await listen(server, options.port ?? DEFAULT_PORT, options.log);
  guard.bind(port);
  const unsubscribe = options.subscribe((event) => events.broadcast(event));
  const url = `http://${LOOPBACK}:${port}/`;
  options.log.info(`Tandem is listening on ${url}`, { port });

  const host: HttpHost = {
    url,
    port,
    token: guard.token,
    newLaunchUrl: () => {
      const { code, expiresAt } = sessions.issueLaunchCode();
      return { url: launchUrl(url, code), expiresAt };
    },
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return host;
}

/** The signed-in browser is the agent; a token holder is a connector, recorded as "api". */
const callerFor = (caller: HttpCaller): Caller => (caller === 'browser' ? SIGNED_IN_AGENT : CONNECTOR);

/**
 * The request's URL, or null when it cannot be read (a malformed percent-escape, say): such a request
 * gets a 400 and nothing of it is logged.
 */
function parseRequestUrl(raw: string | undefined, port: number): URL | null {
  try {
    const url = new URL(raw ?? '/', `http://${LOOPBACK}:${port}`);
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return null;
  }
}

/** A coarse, secret-free name for a request's route, for logs. */
function routeFamily(raw: string | undefined): string {
  const path = (raw ?? '/').split('?')[0] ?? '/';
  if (path.startsWith(RPC_PREFIX)) return `rpc:${path.slice(RPC_PREFIX.length).replace(/[^\w.]/g, '').slice(0, 60)}`;
  return path.startsWith('/api/') ? 'api' : 'static';
}

async function listen(server: Server, preferred: number, log: Log): Promise<number> {
  try {
    return await listenOn(server, preferred);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || preferred === 0) throw error;
    log.warn(`Port ${preferred} is in use; picking a free port instead.`);
    return listenOn(server, 0);
  }
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, LOOPBACK);
  });
}
