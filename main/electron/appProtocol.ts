import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';

/**
 * The desktop window's own origin. The built renderer is served from app://tandem/ by a protocol handler
 * instead of file://: the page gets a real origin (so 'self' in the CSP means exactly the app's files, and
 * nothing on disk shares its origin), and the handler answers only for files inside the renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tandem';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before 'ready': a standard scheme (real origin, relative URLs resolve), secure (treated like
 * https, so the page is a secure context), and fetch/CORS support so the module scripts Vite emits load.
 * No bypassCSP, no service workers, no streaming.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

/** The file types the built renderer consists of; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export type AppFileResolution =
  | { readonly ok: true; readonly file: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 404; readonly reason: string };

/**
 * Maps an app:// URL onto a file in the renderer folder, or says why not. Pure (no disk access), so every
 * case is testable without Electron. The URL parser already removes `.`/`..` segments, encoded ones
 * included; each remaining segment is then decoded and refused if it could still name something outside
 * the folder (a dot segment, a slash or backslash, a drive colon, a NUL), and the joined path must stay
 * inside the folder. `/` is index.html.
 */
export function resolveAppFile(rendererDir: string, rawUrl: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: 'not an address of the app' };
  const encoded = url.pathname === '/' ? ['index.html'] : url.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const part of encoded) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) {
      return { ok: false, status: 404, reason: `path segment ${JSON.stringify(segment)} is not allowed` };
    }
    segments.push(segment);
  }
  const file = join(rendererDir, ...segments);
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { ok: false, status: 404, reason: 'outside the renderer folder' };
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 404, reason: 'not a file type the app serves' };
  return { ok: true, file, contentType };
}

/** Headers on every app:// response, errors included. */
function baseHeaders(policy: string): Record<string, string> {
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

/**
 * The protocol handler's answer: the file with its type and the app's CSP, or a plain-text 404/400/405.
 * Only GET and HEAD; a directory or a missing file is a 404.
 */
export async function appProtocolResponse(rendererDir: string, request: { readonly url: string; readonly method: string }, policy: string): Promise<Response> {
  const error = (status: number, text: string): Response =>
    new Response(text, { status, headers: { ...baseHeaders(policy), 'Content-Type': 'text/plain; charset=utf-8' } });
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return error(405, 'Method not allowed');
  const resolved = resolveAppFile(rendererDir, request.url);
  if (!resolved.ok) return error(resolved.status, resolved.status === 400 ? 'Bad request' : 'Not found');
  try {
    if (!(await stat(resolved.file)).isFile()) return error(404, 'Not found');
    const body = await readFile(resolved.file);
    const headers = { ...baseHeaders(policy), 'Content-Type': resolved.contentType, 'Content-Length': String(body.length) };
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  } catch {
    return error(404, 'Not found');
  }
}
