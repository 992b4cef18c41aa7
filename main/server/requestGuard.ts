import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Protection against other local software and web pages:
 * - a per-launch secret token for connectors (Authorization: Bearer, or X-Tandem-Token); the browser UI
 *   signs in with a session cookie instead (BrowserSessions) and never sees the token;
 * - the Host header must name the loopback address we listen on, which defeats DNS rebinding;
 * - a browser-sent Origin must be our own.
 */
export class RequestGuard {
  readonly token: string;
  private allowedHosts = new Set<string>();
  private allowedOrigins = new Set<string>();

  constructor(token: string = randomBytes(24).toString('base64url')) {
    this.token = token;
  }

  /** Called once the port is known (it may differ from the requested one). */
  bind(port: number): void {
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  }

  hostAllowed(req: IncomingMessage): boolean {
    return this.allowedHosts.has((req.headers.host ?? '').toLowerCase());
  }

  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.allowedOrigins.has(origin.toLowerCase());
  }

  /** The token in a header. A token in the URL is not accepted here: URLs end up in logs and histories. */
  bearerValid(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    const presented = (header?.startsWith('Bearer ') ? header.slice(7) : undefined) ?? (req.headers['x-tandem-token'] as string | undefined) ?? '';
    return this.matches(presented);
  }

  /** `?token=` is for the event WebSocket only, where a script cannot always set headers. */
  queryTokenValid(url: URL): boolean {
    return this.matches(url.searchParams.get('token') ?? '');
  }

  private matches(presented: string): boolean {
    const a = Buffer.from(presented);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
