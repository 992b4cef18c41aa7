import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Serves the built renderer: the same public files to anyone on this machine. No secret is ever put in
 * a page (the browser signs in with a session cookie, see BrowserSessions).
 */
export class StaticFiles {
  constructor(
    private readonly rootDir: string,
    private readonly port: () => number,
  ) {}

  async serve(pathname: string, res: ServerResponse): Promise<void> {
    const relative = pathname === '/' || !extname(pathname) ? '/index.html' : pathname;
    const file = normalize(join(this.rootDir, decodeURIComponent(relative)));
    if (!file.startsWith(normalize(this.rootDir) + sep)) return this.notFound(res);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      if (relative === '/index.html') return this.notBuilt(res);
      return this.notFound(res);
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    if (relative === '/index.html') {
      headers['Content-Security-Policy'] = contentSecurityPolicy(this.port());
      headers['Cache-Control'] = 'no-store';
      headers['X-Frame-Options'] = 'DENY';
    } else {
      headers['Cache-Control'] = 'public, max-age=31536000, immutable';
    }
    res.writeHead(200, headers);
    res.end(body);
  }

  private notFound(res: ServerResponse): void {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }

  private notBuilt(res: ServerResponse): void {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`The Tandem UI has not been built (looked in ${this.rootDir}). Run "npm run build", then reload.`);
  }
}
