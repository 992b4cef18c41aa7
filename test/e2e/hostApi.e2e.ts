import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/rawHttp.js';
import { hostHarness, type HostHarness, type RunningHost } from './support/host.js';

/** The headless host as a connector or another local program sees it: a real child process, real data dir. */
let harness: HostHarness;
let host: RunningHost;

beforeAll(async () => {
  harness = hostHarness('tandem-e2e-api');
  host = await harness.start();
});

afterAll(async () => {
  const attempts = harness?.netAttempts() ?? [];
  await harness?.dispose();
  expect(attempts, 'the host tried to reach a non-loopback address').toEqual([]);
});

const bearer = (): Record<string, string> => ({ Authorization: `Bearer ${host.token}` });

async function postJson(path: string, body: unknown, headers: Record<string, string> = bearer()): Promise<{ status: number; json: any }> {
  const response = await fetch(new URL(path, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('headless host (child process)', () => {
  it('seeds the demo workspace on first start and lists its 7 conversations with the token', async () => {
    const response = await fetch(new URL('/api/v1/conversations', host.url), { headers: bearer() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: true; value: { subject: string }[] };
    expect(body.value).toHaveLength(7);
    const info = await postJson('/api/v1/rpc/app.info', {});
    expect(info.json).toMatchObject({ ok: true, value: { workspace: { id: 'demo', isDemo: true }, commerce: { customers: 500, orders: 1000, products: 50 } } });
  });

  it('refuses an API call without the token (401)', async () => {
    const response = await fetch(new URL('/api/v1/conversations', host.url));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'E_UNAUTHORIZED' } });
    const create = await postJson('/api/v1/conversations', { message: 'no token' }, {});
    expect(create.status).toBe(401);
  });

  it('refuses a call with a wrong Host header (403), even with the token', async () => {
    const response = await rawRequest({ port: host.port, path: '/api/v1/conversations', headers: { ...bearer(), Host: `attacker.example:${host.port}` } });
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_ORIGIN' } });
    const page = await rawRequest({ port: host.port, path: '/', headers: { Host: `attacker.example:${host.port}` } });
    expect(page.status).toBe(403);
    expect(page.text).not.toContain(host.token);
  });

  it('takes a conversation and customer messages pushed by a connector, and keeps them across a restart', async () => {
    const created = await postJson('/api/v1/conversations', { customerRef: 'sofia.li@example.com', subject: 'Refund for a lamp', message: 'The lamp flickers.' });
    expect(created.status).toBe(201);
    const id = created.json.value.id as string;
    const pushed = await postJson(`/api/v1/conversations/${id}/messages`, { content: 'Can I get a refund?' });
    expect(pushed.status).toBe(201);
    const bad = await postJson(`/api/v1/conversations/${id}/messages`, { content: '   ' });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'E_EMPTY_MESSAGE']);

    const oldToken = host.token;
    host = await harness.restart();
    expect(host.token).not.toBe(oldToken);
    const stale = await fetch(new URL(`/api/v1/conversations/${id}`, host.url), { headers: { Authorization: `Bearer ${oldToken}` } });
    expect(stale.status).toBe(401);

    const after = await fetch(new URL(`/api/v1/conversations/${id}`, host.url), { headers: bearer() });
    const body = (await after.json()) as { value: { messages: { role: string; content: string }[] } };
    expect(body.value.messages.map((m) => [m.role, m.content])).toEqual([
      ['customer', 'The lamp flickers.'],
      ['customer', 'Can I get a refund?'],
    ]);
    const list = (await (await fetch(new URL('/api/v1/conversations', host.url), { headers: bearer() })).json()) as { value: unknown[] };
    expect(list.value).toHaveLength(8);
  });
});
