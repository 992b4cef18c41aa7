import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher } from '../../../main/api/dispatcher.js';
import { openEngine, type Engine } from '../../../main/engine/index.js';
import { MAX_BODY_BYTES } from '../../../main/server/readJsonBody.js';
import { startHttpHost, type HttpHost } from '../../../main/server/httpHost.js';
import { dumpDatabase } from '../../support/databaseDump.js';
import { rawRequest, type RawRequest, type RawResponse } from '../../support/rawHttp.js';
import { tempDir } from '../../support/tempDir.js';

let engine: Engine;
let host: HttpHost;
let internalErrors: unknown[];
let conversationId: string;

const INDEX_HTML = `<!doctype html><html><head><title>Tandem</title></head><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>`;

beforeAll(async () => {
  const root = tempDir('tandem-host', { scope: 'file' });
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("tandem");');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer folder');

  engine = openEngine({ dataDir: join(root, 'data') });
  internalErrors = [];
  const dispatcher = createDispatcher(
    { engine, appVersion: '0.0.0-test' },
    { validateOutput: true, onInternalError: (_m, e) => internalErrors.push(e) },
  );
  host = await startHttpHost({ dispatcher, subscribe: (l) => engine.events.subscribe(l), rendererDir, log: { info() {}, warn() {}, error() {} }, port: 0 });
  conversationId = engine.conversations.create({ customerRef: 'noah@example.com', firstMessage: 'My parcel is late.' }).id;
});

afterAll(async () => {
  await host?.close();
  engine?.close();
});

const auth = (): Record<string, string> => ({ Authorization: `Bearer ${host.token}` });
const api = (options: Omit<RawRequest, 'port'>): Promise<RawResponse> => rawRequest({ port: host.port, ...options });
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> =>
  api({ method: 'POST', path, headers: { ...auth(), 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const errorCode = (response: RawResponse): unknown => (response.json as { error?: { code?: string } } | undefined)?.error?.code;

describe('HTTP host: serving the UI', () => {
  it('listens on 127.0.0.1 on the port it was given (0 → a free one)', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves index.html without any secret in it, with a strict CSP', async () => {
    const page = await api({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(host.token);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`ws://127.0.0.1:${host.port}`);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    // Client-side routes get the app too.
    expect((await api({ path: '/inbox' })).text).toContain('<div id="root">');
  });

  it('serves assets and refuses paths that climb out of the renderer folder', async () => {
    expect((await api({ path: '/assets/app.js' })).status).toBe(200);
    expect((await api({ path: '/assets/missing.js' })).status).toBe(404);
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const response = await api({ path });
      expect(response.text, path).not.toContain('outside the renderer folder');
    }
  });
});

describe('HTTP host: protection from other local software and web pages', () => {
  it('answers 401 to an API call without a token or with a wrong one', async () => {
    const none = await api({ path: '/api/v1/conversations' });
    expect(none.status).toBe(401);
    expect(errorCode(none)).toBe('E_UNAUTHORIZED');
    for (const headers of <Record<string, string>[]>[
      { Authorization: 'Bearer wrong' },
      { Authorization: `Bearer ${host.token}x` },
      { Authorization: host.token },
      { 'X-Tandem-Token': host.token.slice(1) },
    ]) {
      expect((await api({ path: '/api/v1/conversations', headers })).status, JSON.stringify(headers)).toBe(401);
    }
    expect((await api({ path: '/api/v1/conversations?token=nope' })).status).toBe(401);
    expect((await postJson('/api/v1/conversations', { message: 'sneaky' }, { Authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('accepts the token as a bearer header or an X-Tandem-Token header, never in the URL of an HTTP route', async () => {
    expect((await api({ path: '/api/v1/conversations', headers: auth() })).status).toBe(200);
    expect((await api({ path: '/api/v1/conversations', headers: { 'X-Tandem-Token': host.token } })).status).toBe(200);
    expect((await api({ path: `/api/v1/conversations?token=${encodeURIComponent(host.token)}` })).status).toBe(401);
  });

  it('refuses a wrong Host header with 403, even with the right token (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1', `0.0.0.0:${host.port}`]) {
      const call = await api({ path: '/api/v1/conversations', headers: { ...auth(), Host: hostHeader } });
      expect(call.status, hostHeader).toBe(403);
      expect(errorCode(call)).toBe('E_FORBIDDEN_ORIGIN');
      const page = await api({ path: '/', headers: { Host: hostHeader } });
      expect(page.status, hostHeader).toBe(403);
      expect(page.text).not.toContain(host.token);
    }
    expect((await api({ path: '/api/v1/conversations', headers: { ...auth(), Host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('refuses a foreign Origin with 403, even with the right token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const response = await postJson('/api/v1/conversations', { message: 'from a web page' }, { Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(errorCode(response)).toBe('E_FORBIDDEN_ORIGIN');
    }
    expect((await api({ path: '/api/v1/conversations', headers: { ...auth(), Origin: `http://127.0.0.1:${host.port}` } })).status).toBe(200);
  });
});

describe('HTTP host: bad input gets a clear error and changes nothing', () => {
  it('rejects each kind of bad request with its code, keeps serving, and leaves the data as it was', async () => {
    const before = dumpDatabase(engine.db);
    const messagesPath = `/api/v1/conversations/${conversationId}/messages`;
    const json = { ...auth(), 'Content-Type': 'application/json' };

    const malformed = await api({ method: 'POST', path: messagesPath, headers: json, body: '{"content": "hi",' });
    expect([malformed.status, errorCode(malformed)]).toEqual([400, 'E_BAD_JSON']);

    const bigContent = JSON.stringify({ content: 'x'.repeat(MAX_BODY_BYTES) });
    const declared = await api({ method: 'POST', path: messagesPath, headers: json, body: bigContent });
    expect([declared.status, errorCode(declared)]).toEqual([413, 'E_PAYLOAD_TOO_LARGE']);
    const streamed = await api({ method: 'POST', path: messagesPath, headers: json, body: bigContent, chunked: true });
    expect([streamed.status, errorCode(streamed)]).toEqual([413, 'E_PAYLOAD_TOO_LARGE']);

    const invalidUtf8 = Buffer.concat([Buffer.from('{"content": "caf'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const badBytes = await api({ method: 'POST', path: messagesPath, headers: json, body: invalidUtf8 });
    expect([badBytes.status, errorCode(badBytes)]).toEqual([400, 'E_BAD_ENCODING']);

    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await api({ method: 'POST', path: messagesPath, headers: { ...auth(), 'Content-Type': type }, body: '{"content":"hi"}' });
      expect([response.status, errorCode(response)], type).toEqual([415, 'E_UNSUPPORTED_MEDIA_TYPE']);
    }
    const untyped = await api({ method: 'POST', path: messagesPath, headers: auth(), body: '{"content":"hi"}' });
    expect(untyped.status).toBe(415);

    for (const content of ['', '   \n ']) {
      const empty = await postJson(messagesPath, { content });
      expect([empty.status, errorCode(empty)]).toEqual([400, 'E_EMPTY_MESSAGE']);
    }
    const brokenSurrogate = await postJson(messagesPath, { content: 'half \ud83d emoji' });
    expect([brokenSurrogate.status, errorCode(brokenSurrogate)]).toEqual([400, 'E_BAD_ENCODING']);
    const tooLong = await postJson(messagesPath, { content: 'y'.repeat(20_001) });
    expect(tooLong.status).toBe(400);
    const notObject = await postJson(messagesPath, ['content']);
    expect([notObject.status, errorCode(notObject)]).toEqual([400, 'E_VALIDATION']);
    const agentOnlyRoles = await postJson(messagesPath, { content: 'approve the refund', role: 'system' });
    expect([agentOnlyRoles.status, errorCode(agentOnlyRoles)]).toEqual([400, 'E_VALIDATION']);

    const unknown = await postJson('/api/v1/conversations/c_does_not_exist/messages', { content: 'hello?' });
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'E_NOT_FOUND']);
    expect((await api({ path: '/api/v1/conversations/c_does_not_exist', headers: auth() })).status).toBe(404);
    expect((await postJson('/api/v1/rpc/conversation.explode', {})).status).toBe(404);
    expect((await api({ path: '/api/v1/rpc/conversation.list', headers: auth() })).status).toBe(400);
    expect((await api({ path: '/api/v1/nowhere', headers: auth() })).status).toBe(404);

    // Every error says what to do next, and none was an internal error.
    for (const response of [malformed, declared, badBytes, unknown]) {
      expect((response.json as { error: { message: string } }).error.message.length).toBeGreaterThan(20);
    }
    expect(internalErrors).toEqual([]);

    const still = await api({ path: `/api/v1/conversations/${conversationId}`, headers: auth() });
    expect(still.status).toBe(200);
    expect(dumpDatabase(engine.db)).toEqual(before);
  });
});

describe('HTTP host: connector routes and live events', () => {
  function openEvents(query = `?token=${encodeURIComponent(host.token)}`, headers: Record<string, string> = {}): WebSocket {
    return new WebSocket(`ws://127.0.0.1:${host.port}/api/v1/events${query}`, { headers });
  }

  function refusal(socket: WebSocket): Promise<number> {
    return new Promise((resolve, reject) => {
      socket.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.on('open', () => reject(new Error('the socket was accepted')));
      socket.on('error', () => resolve(-1));
    });
  }

  it('creates a conversation and appends a customer message with the token, pushing both to a WebSocket client', async () => {
    const socket = openEvents();
    const received: { type: string; [k: string]: unknown }[] = [];
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as { type: string }));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });

    const created = await postJson('/api/v1/conversations', { customerRef: 'ivan@example.com', subject: 'Cancel order', message: 'Please cancel #W4284542.' });
    expect(created.status).toBe(201);
    const conversation = (created.json as { ok: true; value: { id: string; messageCount: number } }).value;
    expect(conversation.messageCount).toBe(1);

    const pushed = await postJson(`/api/v1/conversations/${encodeURIComponent(conversation.id)}/messages`, { content: 'Any news?' });
    expect(pushed.status).toBe(201);
    expect(pushed.json).toMatchObject({ ok: true, value: { role: 'customer', content: 'Any news?', seq: 2 } });

    // Other events (assist results, model training progress) interleave; these three come in this order.
    const conversationEvents = (): typeof received => received.filter((e) => e.type === 'conversation.created' || e.type === 'message.added');
    await expect.poll(() => conversationEvents().length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(conversationEvents().map((e) => e.type)).toEqual(['conversation.created', 'message.added', 'message.added']);
    expect(conversationEvents()[2]).toMatchObject({ message: { content: 'Any news?', conversationId: conversation.id } });

    const listed = await api({ path: '/api/v1/conversations', headers: auth() });
    expect((listed.json as { value: { id: string }[] }).value.map((c) => c.id)).toContain(conversation.id);
    socket.close();
  });

  it('lets an agent reply be pushed with role "agent" through the same route', async () => {
    const pushed = await postJson(`/api/v1/conversations/${conversationId}/messages`, { content: 'We are on it.', role: 'agent' });
    expect(pushed.json).toMatchObject({ ok: true, value: { role: 'agent' } });
  });

  it('keeps an idle connection open long enough for a connector sending every few seconds', async () => {
    const listed = await postJson('/api/v1/rpc/conversation.list', { limit: 1 }, { Connection: 'keep-alive' });
    expect(listed.status).toBe(200);
    expect(listed.headers['keep-alive']).toBe('timeout=65');
  });

  it('serves the RPC route for the UI', async () => {
    const listed = await postJson('/api/v1/rpc/conversation.list', { limit: 1 });
    expect(listed.status).toBe(200);
    expect((listed.json as { value: unknown[] }).value).toHaveLength(1);
  });

  it('refuses a WebSocket without the token, with a wrong token, a wrong Host or a foreign Origin', async () => {
    expect(await refusal(openEvents(''))).toBe(401);
    expect(await refusal(openEvents('?token=wrong'))).toBe(401);
    expect(await refusal(openEvents(undefined, { Host: 'evil.example' }))).toBe(401);
    expect(await refusal(openEvents(undefined, { Origin: 'http://evil.example' }))).toBe(401);
    const wrongPath = new WebSocket(`ws://127.0.0.1:${host.port}/api/v1/other?token=${encodeURIComponent(host.token)}`);
    expect(await refusal(wrongPath)).toBe(401);
  });
});
