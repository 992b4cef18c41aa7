import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpConnector, parseHttpConnectorConfig } from '../../../../main/engine/actions/httpConnector.js';
import type { ToolCall } from '../../../../main/engine/actions/connector.js';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import { openEngine } from '../../../../main/engine/index.js';
import { migrationsWithActions } from './actionsTestEngine.js';

/** A small shop API on 127.0.0.1 with the failure modes a real backend has. */
const hits = new Map<string, number>();
const refundsByKey = new Map<string, unknown>();
let slowChanges = false;
let lastAuth: string | undefined;
let server: Server;
let baseUrl = '';

const address = { address1: '1 Main St', address2: '', city: 'Austin', state: 'TX', country: 'USA', zip: '78701' };
const orderBody = (id: string, customerId: string) => ({
  order_id: id, customer_id: customerId, status: 'delivered', address, items: [], fulfillments: [],
  payments: [{ transaction_type: 'payment', amount_cents: 5000, payment_method_id: 'card_1' }], paid_cents: 5000, refunded_cents: 0,
});

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
  lastAuth = req.headers.authorization;
  if (url.pathname === '/customers') {
    if (url.searchParams.get('email') === 'ann@example.com') return json(res, 200, { id: 'c1', first: 'Ann', last: 'Lee', email: 'ann@example.com', zip: '78701' });
    return json(res, 404, { error: 'no such customer' });
  }
  const userId = /^\/customers\/(.+)$/.exec(url.pathname)?.[1];
  if (userId === 'ann_lee_1234') return json(res, 200, { id: 'ann_lee_1234', first: 'Ann', last: 'Lee', email: 'ann@example.com', zip: '78701' });
  if (userId) return json(res, 404, { error: 'no such customer' });
  const order = /^\/orders\/(.+)$/.exec(url.pathname)?.[1];
  if (order === 'W1') return json(res, 200, orderBody('#W1', 'c1'));
  if (order === 'W2') return json(res, 200, orderBody('#W2', 'c2'));
  if (order === 'SLOW') return void setTimeout(() => json(res, 200, orderBody('#SLOW', 'c1')), 1_000);
  if (order === 'HTML') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Login</body></html>');
  if (order === 'BOOM') return json(res, 500, { error: 'db down' });
  if (url.pathname === '/refunds' && req.method === 'POST') {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const key = String(req.headers['idempotency-key'] ?? '');
    const args = JSON.parse(raw) as { order_id: string; amount_cents: number };
    if (args.order_id === 'BOOM') return json(res, 500, { error: 'db down' });
    // The backend honours idempotency keys: a repeat returns the first answer and refunds nothing more.
    if (!refundsByKey.has(key)) refundsByKey.set(key, { order_id: args.order_id, refunded_cents: args.amount_cents, payment_method_id: 'card_1', timing: '5-7 business days', remaining_refundable_cents: 5000 - args.amount_cents });
    const answer = refundsByKey.get(key);
    if (slowChanges) return void setTimeout(() => json(res, 200, answer), 1_000);
    return json(res, 200, answer);
  }
  json(res, 404, { error: 'not found' });
}

function config(overrides: Record<string, unknown> = {}) {
  return parseHttpConnectorConfig({
    name: 'Test shop',
    baseUrl,
    auth: { header: 'Authorization', env: 'SHOP_TOKEN', prefix: 'Bearer ' },
    timeoutMs: 300,
    readRetries: 1,
    customerLookup: { email: { method: 'GET', url: '/customers?email={email}', result: { customerId: 'id', firstName: 'first', lastName: 'last', email: 'email', zip: 'zip' } } },
    tools: {
      lookup_order: { method: 'GET', url: '/orders/{order_id}', ownerField: 'customer_id', result: { orders: '$[]' } },
      process_refund: { method: 'POST', url: '/refunds' },
    },
    ...overrides,
  });
}

const secrets = (name: string): string | undefined => (name === 'SHOP_TOKEN' ? 's3cret' : undefined);
const call = (tool: ToolCall['tool'], args: Record<string, unknown>, customerId: string | null = 'c1'): ToolCall => ({ workspaceId: 'w', tool, args, customerId, idempotencyKey: 'idem_test', now: 1 });

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  hits.clear();
  slowChanges = false;
});

async function codeOf(promise: unknown): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('HTTP/JSON connector against a local server', () => {
  it('maps a response onto the tool result and sends the auth header from the resolved secret', async () => {
    const connector = httpConnector(config(), secrets);
    expect(await connector.run(call('lookup_order', { order_id: 'W1' }))).toMatchObject({ orders: [{ order_id: '#W1', customer_id: 'c1' }] });
    expect(lastAuth).toBe('Bearer s3cret');
    expect(await connector.findCustomer('w', { email: 'ann@example.com' })).toEqual({ customerId: 'c1', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', zip: '78701' });
    expect(await connector.findCustomer('w', { email: 'nobody@example.com' })).toBeNull();
  });

  it('finds customers by user id when the file maps it, and recognises only words of the declared id shape', async () => {
    const byUserId = { method: 'GET', url: '/customers/{user_id}', idPattern: '[a-z]+_[a-z]+_\\d{4}', result: { customerId: 'id', firstName: 'first', lastName: 'last', email: 'email', zip: 'zip' } };
    const base = config();
    const connector = httpConnector(config({ customerLookup: { ...base.customerLookup, userId: byUserId } }), secrets);
    expect(connector.recognizesUserId('w', 'ann_lee_1234')).toBe(true);
    expect(connector.recognizesUserId('w', 'hello')).toBe(false);
    expect(connector.recognizesUserId('w', 'xann_lee_1234 and more')).toBe(false);
    expect(await connector.findCustomer('w', { userId: 'ann_lee_1234', zip: '78701' })).toMatchObject({ customerId: 'ann_lee_1234', zip: '78701' });
    expect(await connector.findCustomer('w', { userId: 'bob_roe_0000' })).toBeNull();
    // Without the mapping no word is taken for an id, and a lookup by id says the backend cannot do it.
    const plain = httpConnector(config(), secrets);
    expect(plain.recognizesUserId('w', 'ann_lee_1234')).toBe(false);
    expect(await codeOf(plain.findCustomer('w', { userId: 'ann_lee_1234' }))).toBe('E_CONNECTOR_UNSUPPORTED');
    expect(() => config({ customerLookup: { userId: { ...byUserId, idPattern: '([a-z' } } })).toThrow(/idPattern: not a valid regular expression/);
  });

  it('refuses another customer\'s record without passing any of it on', async () => {
    const connector = httpConnector(config(), secrets);
    let message = '';
    try {
      await connector.run(call('lookup_order', { order_id: 'W2' }));
    } catch (error) {
      message = (error as Error).message;
      expect((error as { code: string }).code).toBe('E_NOT_OWNER');
    }
    expect(message).not.toContain('c2');
  });

  it('gives clear errors for a timeout, an HTML page, a 500 and a missing secret; reads are retried, changes are not', async () => {
    const connector = httpConnector(config(), secrets);
    expect(await codeOf(connector.run(call('lookup_order', { order_id: 'SLOW' })))).toBe('E_CONNECTOR_TIMEOUT');
    expect(hits.get('/orders/SLOW')).toBe(2);
    expect(await codeOf(connector.run(call('lookup_order', { order_id: 'HTML' })))).toBe('E_CONNECTOR_BAD_RESPONSE');
    expect(await codeOf(connector.run(call('lookup_order', { order_id: 'BOOM' })))).toBe('E_CONNECTOR_HTTP');
    expect(hits.get('/orders/BOOM')).toBe(2);
    expect(await codeOf(connector.run(call('process_refund', { order_id: 'BOOM', amount_cents: 100, reason: 'x' })))).toBe('E_CONNECTOR_HTTP');
    expect(hits.get('/refunds')).toBe(1);
    expect(await codeOf(httpConnector(config(), () => undefined).run(call('lookup_order', { order_id: 'W1' })))).toBe('E_CONNECTOR_CONFIG');
    expect(await codeOf(connector.run(call('track_shipment', { order_id: 'W1' })))).toBe('E_CONNECTOR_UNSUPPORTED');
  });

  it('rejects a broken configuration file with the fields named', () => {
    expect(() => parseHttpConnectorConfig({ name: 'x', baseUrl: 'not a url', customerLookup: {}, tools: { wire_money: { method: 'GET', url: '/' } } })).toThrow(/baseUrl|tools/);
  });

  it('through the action engine: a timed-out refund is retried with the same idempotency key and applied once', async () => {
    const engine = openEngine({ dataDir: ':memory:', migrations: migrationsWithActions(), commerceConnector: httpConnector(config(), secrets) });
    try {
      const conversation = engine.conversations.create({ firstMessage: 'refund please' });
      await engine.actions.verification.confirm(conversation.id, { email: 'ann@example.com' }, 'c1', 'agent:ana');
      const refund = await engine.actions.service.proposeByAgent(conversation.id, 'process_refund', { order_id: '#W1', amount_cents: 2500, reason: 'broken' }, 'agent:ana');
      slowChanges = true;
      expect(await codeOf(engine.actions.service.approve(refund.id, { actor: 'agent:ana' }))).toBe('E_CONNECTOR_TIMEOUT');
      const afterTimeout = engine.actions.service.get(refund.id);
      expect(afterTimeout.status).toBe('running');
      expect(afterTimeout.error?.code).toBe('E_CONNECTOR_TIMEOUT');
      slowChanges = false;
      const done: ActionRecord = await engine.actions.service.approve(refund.id, { actor: 'agent:ana' });
      expect(done.status).toBe('succeeded');
      expect(refundsByKey.has(refund.idempotencyKey)).toBe(true);
      expect([...refundsByKey.keys()].filter((k) => k === refund.idempotencyKey)).toHaveLength(1);
      expect(hits.get('/refunds')).toBe(2);
      expect(engine.actions.audit.verify().ok).toBe(true);
    } finally {
      engine.close();
    }
  });
});
