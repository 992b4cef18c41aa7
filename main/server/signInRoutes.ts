import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BrowserSessions, LaunchCodeRefusal } from './browserSessions.js';
import { sessionCookie } from './browserSessions.js';

export const LAUNCH_PATH = '/launch';

const REFUSALS: Record<LaunchCodeRefusal, string> = {
  unknown: 'This sign-in link is not valid for this Tandem.',
  used: 'This sign-in link was already used; each link signs in one browser once.',
  expired: 'This sign-in link has expired.',
};

/** The link `tandem serve` prints (and `tandem open` asks for): one browser, once, for a few minutes. */
export function launchUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/$/, '')}${LAUNCH_PATH}?code=${encodeURIComponent(code)}`;
}

/**
 * GET /launch?code=…: a good code becomes a session cookie and a redirect to the app; a used, expired
 * or unknown one gets a 401 page that says how to get a new link (and sets nothing).
 */
export function redeemLaunchCode(url: URL, sessions: BrowserSessions, port: number, res: ServerResponse): void {
  const outcome = sessions.redeem(url.searchParams.get('code') ?? '');
  if ('session' in outcome) {
    res.writeHead(303, {
      Location: '/',
      'Set-Cookie': sessionCookie(port, outcome.session),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.end();
    return;
  }
  signInPage(res, 401, `${REFUSALS[outcome.refused]} Run <code>tandem open</code> (with the same <code>--data-dir</code>) for a new link, or restart <code>tandem serve</code>.`);
}

/** A plain page for sign-in problems: no script, no token, nothing from the request echoed back. */
export function signInPage(res: ServerResponse, status: number, messageHtml: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tandem — sign in</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
<h1 style="font-size: 1.3em">Tandem</h1><p>${messageHtml}</p></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

/** Whether a request carries a body that changes something (cookie-authenticated ones must then name our origin). */
export const isStateChanging = (req: IncomingMessage): boolean => req.method !== 'GET' && req.method !== 'HEAD';
