import { randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a printed sign-in link works (it also works only once). */
export const LAUNCH_CODE_TTL_MS = 10 * 60_000;
/** Sessions kept at most; the oldest is dropped past this (a browser signs in again with a new link). */
const MAX_SESSIONS = 100;

export type LaunchCodeRefusal = 'unknown' | 'used' | 'expired';

/**
 * Browser sign-in for the headless host, which never hands its API token to a page. `tandem serve`
 * prints a launch link carrying a one-time code; the browser that opens it gets a session cookie
 * (HttpOnly, SameSite=Strict, named after the port so two hosts never share one) and the page itself
 * never sees a secret it could leak. Connectors keep using the API token as a bearer token.
 *
 * Codes and sessions live in memory: a restarted host forgets them, like its token.
 */
export class BrowserSessions {
  private readonly codes = new Map<string, { expiresAt: number; used: boolean }>();
  private readonly sessions = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  issueLaunchCode(): { code: string; expiresAt: number } {
    this.forgetExpired();
    const code = randomBytes(18).toString('base64url');
    const expiresAt = this.now() + LAUNCH_CODE_TTL_MS;
    this.codes.set(code, { expiresAt, used: false });
    return { code, expiresAt };
  }

  /** Trades a launch code for a new session id, once; says why when it cannot. */
  redeem(code: string): { session: string } | { refused: LaunchCodeRefusal } {
    const entry = this.codes.get(code);
    if (!entry) return { refused: 'unknown' };
    if (entry.used) return { refused: 'used' };
    entry.used = true;
    if (entry.expiresAt <= this.now()) return { refused: 'expired' };
    const session = randomBytes(24).toString('base64url');
    this.sessions.add(session);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.values().next().value as string);
    return { session };
  }

  valid(session: string | undefined): boolean {
    if (!session) return false;
    const presented = Buffer.from(session);
    for (const known of this.sessions) {
      const candidate = Buffer.from(known);
      if (candidate.length === presented.length && timingSafeEqual(candidate, presented)) return true;
    }
    return false;
  }

  /** A used or expired code is remembered until it would have expired anyway, so a reuse is told apart from a typo. */
  private forgetExpired(): void {
    const now = this.now();
    for (const [code, entry] of this.codes) if (entry.expiresAt + LAUNCH_CODE_TTL_MS < now) this.codes.delete(code);
  }
}

/** The session cookie's name: per port, because browsers share cookies between ports of one host. */
export const sessionCookieName = (port: number): string => `tandem_session_${port}`;

export function sessionCookie(port: number, session: string): string {
  return `${sessionCookieName(port)}=${session}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of one cookie from a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
