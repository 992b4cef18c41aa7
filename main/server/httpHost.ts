import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from '../api/dispatcher.js';
import type { ApiEvent } from '../api/contract.js';
import type { Log } from '../engine/log.js';
import { matchConnectorRoute } from './connectorRoutes.js';
import { EventSocket } from './eventSocket.js';
import { HttpRequestError, sendError, sendResult } from './httpErrors.js';
import { readJsonBody } from './readJsonBody.js';
import { RequestGuard } from './requestGuard.js';
import { StaticFiles } from './staticFiles.js';

export const DEFAULT_PORT = 4477;
const LOOPBACK = '127.0.0.1';
const RPC_PREFIX = '/api/v1/rpc/';
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
  close(): Promise<void>;
}

/** The contract over HTTP + WebSocket on 127.0.0.1, plus the built UI. Never binds another interface. */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const guard = new RequestGuard(options.token);
  const events = new EventSocket();
  let port = 0;
  const files = new StaticFiles(options.rendererDir, guard.token, () => port);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log.error('request failed', { url: req.url, error: String(error) });
      if (!res.headersSent) sendError(res, 'E_INTERNAL');
      else res.end();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  // A connector sending a message every few seconds reuses its idle connection. Closing idle ones
  // after Node's default 5 s raced with those reuses: the request went out on a connection the host was
  // closing and the client got ECONNRESET (its message not stored). Idle connections stay open longer.
  server.keepAliveTimeout = KEEP_ALIVE_MS;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!guard.hostAllowed(req)) return sendError(res, 'E_FORBIDDEN_ORIGIN', `Host "${req.headers.host ?? ''}" is not allowed.`);
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'E_NOT_FOUND');
      return files.serve(url.pathname, res);
    }
    if (!guard.originAllowed(req)) return sendError(res, 'E_FORBIDDEN_ORIGIN', `Origin "${req.headers.origin ?? ''}" is not allowed.`);
    if (!guard.tokenValid(req, url)) return sendError(res, 'E_UNAUTHORIZED');
    try {
      if (url.pathname.startsWith(RPC_PREFIX)) {
        if (req.method !== 'POST') return sendError(res, 'E_VALIDATION', 'RPC calls use POST.');
        const body = await readJsonBody(req);
        return sendResult(res, await options.dispatcher.call(decodeURIComponent(url.pathname.slice(RPC_PREFIX.length)), body));
      }
      const route = matchConnectorRoute(req.method ?? 'GET', url.pathname);
      if (!route) return sendError(res, 'E_NOT_FOUND', `No API route ${req.method ?? ''} ${url.pathname}.`);
      const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
      return sendResult(res, await route.run(options.dispatcher, body), route.status);
    } catch (error) {
      if (error instanceof HttpRequestError) return sendError(res, error.code, error.detail);
      throw error;
    }
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const allowed =
      url.pathname === '/api/v1/events' && guard.hostAllowed(req) && guard.originAllowed(req) && guard.tokenValid(req, url);
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

  return {
    url,
    port,
    token: guard.token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
