import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher } from '../../../main/api/dispatcher.js';
import { openEngine, type Engine } from '../../../main/engine/index.js';
import { BrowserSessions, LAUNCH_CODE_TTL_MS, sessionCookieName } from '../../../main/server/browserSessions.js';
import { startHttpHost, type HttpHost } from '../../../main/server/httpHost.js';
import { rawRequest, type RawRequest, type RawResponse } from '../../support/rawHttp.js';
import { tempDir } from '../../support/tempDir.js';

let engine: Engine;
let hostA: HttpHost;
let hostB: HttpHost;
const logged: string[] = [];

beforeAll(async () => {
  const root = tempDir('tandem-signin', { scope: 'file' });
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Tandem</title></head><body><div id="root"></div></body></html>');
  engine = openEngine({ dataDir: join(root, 'data') });
  const dispatcher = createDispatcher({ engine, appVersion: 'test' });
  const log = { info: (m: string, d?: unknown) => logged.push(`${m} ${JSON.stringify(d)}`), warn: (m: string, d?: unknown) => logged.push(`${m} ${JSON.stringify(d)}`), error: (m: string, d?: unknown) => logged.push(`${m} ${JSON.stringify(d)}`) };
  const options = { dispatcher, subscribe: (l: Parameters<typeof engine.events.subscribe>[0]) => engine.events.subscribe(l), rendererDir, log, port: 0 };
  hostA = await startHttpHost(options);
  hostB = await startHttpHost(options);
});

afterAll(async () => {
  await hostA?.close();
  await hostB?.close();
  engine?.close();
});

const call = (host: HttpHost, options: Omit<RawRequest, 'port'>): Promise<RawResponse> => rawRequest({ port: host.port, ...options });
const pathOf = (url: string): string => new URL(url).pathname + new URL(url).search;
const origin = (host: HttpHost): string => `http://127.0.0.1:${host.port}`;

/** Opens a fresh launch link like a browser and returns the Cookie header it would then send. */
async function signIn(host: HttpHost): Promise<string> {
  const response = await call(host, { path: pathOf(host.newLaunchUrl().url) });
  expect(response.status).toBe(303);
  const cookie = String(response.headers['set-cookie']);
  return cookie.split(';')[0]!;
}

const rpc = (host: HttpHost, headers: Record<string, string>) =>
  call(host, { method: 'POST', path: '/api/v1/rpc/app.info', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });

describe('security: the headless host never hands its token to an unauthenticated client', () => {
  it('a client without the session cookie gets no token anywhere, and no answer from the API', async () => {
    for (const path of ['/', '/index.html', '/inbox', '/launch', '/launch?code=x', '/api/v1/session', '/assets/none.js', '/favicon.svg']) {
      const response = await call(hostA, { path });
      expect(response.text, path).not.toContain(hostA.token);
      expect(JSON.stringify(response.headers), path).not.toContain(hostA.token);
    }
    expect((await rpc(hostA, { Origin: origin(hostA) })).status).toBe(401);
    expect((await call(hostA, { method: 'POST', path: '/api/v1/session/launch-code' })).status).toBe(401);
  });

  it('a launch code becomes an HttpOnly, SameSite=Strict session cookie once; the browser calls the API with it', async () => {
    const link = hostA.newLaunchUrl().url;
    const first = await call(hostA, { path: pathOf(link) });
    expect(first.status).toBe(303);
    expect(first.headers['location']).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${sessionCookieName(hostA.port)}=`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;
    expect((await rpc(hostA, { Cookie: cookie, Origin: origin(hostA) })).status).toBe(200);
    expect((await call(hostA, { path: '/api/v1/session', headers: { Cookie: cookie } })).json).toMatchObject({ ok: true, value: { caller: 'browser' } });
    // A cookie-authenticated change must come from our own page.
    expect((await rpc(hostA, { Cookie: cookie })).status).toBe(401);
    // The page cannot mint more links for others.
    expect((await call(hostA, { method: 'POST', path: '/api/v1/session/launch-code', headers: { Cookie: cookie, Origin: origin(hostA) } })).status).toBe(401);

    const reused = await call(hostA, { path: pathOf(link) });
    expect(reused.status).toBe(401);
    expect(reused.text).toContain('already used');
    expect(reused.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an expired launch code and a cookie from another host port', async () => {
    let now = 1_000_000;
    const sessions = new BrowserSessions(() => now);
    const { code } = sessions.issueLaunchCode();
    now += LAUNCH_CODE_TTL_MS + 1;
    expect(sessions.redeem(code)).toEqual({ refused: 'expired' });
    expect(sessions.redeem('made-up')).toEqual({ refused: 'unknown' });

    const cookieA = await signIn(hostA);
    const valueA = cookieA.split('=')[1]!;
    expect((await rpc(hostB, { Cookie: cookieA, Origin: origin(hostB) })).status).toBe(401);
    expect((await rpc(hostB, { Cookie: `${sessionCookieName(hostB.port)}=${valueA}`, Origin: origin(hostB) })).status).toBe(401);
  });

  it('takes the token in the query string on the event WebSocket only; the browser\'s socket uses its cookie', async () => {
    const open = (url: string, headers: Record<string, string> = {}): Promise<boolean> =>
      new Promise((resolve) => {
        const socket = new WebSocket(url, { headers });
        socket.once('open', () => (socket.close(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
    const ws = `ws://127.0.0.1:${hostA.port}/api/v1/events`;
    expect(await open(`${ws}?token=${hostA.token}`)).toBe(true);
    expect(await open(ws)).toBe(false);
    expect(await open(ws, { Cookie: await signIn(hostA), Origin: origin(hostA) })).toBe(true);
    expect((await call(hostA, { path: `/api/v1/conversations?token=${hostA.token}` })).status).toBe(401);
  });

  it('answers a malformed URL with 400 and logs nothing of it', async () => {
    logged.length = 0;
    for (const path of [`/api/v1/rpc/app.info%E0%A4%A?token=${hostA.token}`, `/%zz?token=${hostA.token}`, `/launch%?code=${hostA.token}`]) {
      const response = await call(hostA, { method: path.startsWith('/api') ? 'POST' : 'GET', path, headers: { Authorization: `Bearer ${hostA.token}`, 'Content-Type': 'application/json' }, body: path.startsWith('/api') ? '{}' : undefined });
      expect(response.status, path).toBe(400);
      expect(response.json, path).toMatchObject({ ok: false, error: { code: 'E_BAD_URL' } });
    }
    expect(logged.join('\n')).not.toContain(hostA.token);
    expect(logged.join('\n')).not.toContain('%E0');
  });
});
