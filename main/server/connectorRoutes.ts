import type { Dispatcher } from '../api/dispatcher.js';
import { fail, type Result } from '../api/result.js';

/**
 * Resource-style routes for helpdesk connectors and scripts. Each maps onto one contract method, so
 * validation, rules and events are exactly those of the UI.
 *   POST /api/v1/conversations                  { customerRef?, subject?, channel?, message? }
 *   GET  /api/v1/conversations
 *   GET  /api/v1/conversations/{id}
 *   POST /api/v1/conversations/{id}/messages    { content, role? = "customer" }
 *   POST /api/v1/conversations/{id}/csat        { score: 1–5, comment? }
 *   POST /api/v1/conversations/{id}/reopen      { reason? }
 */
export interface ConnectorRoute {
  readonly status: number;
  run(dispatcher: Dispatcher, body: unknown): Promise<Result<unknown>>;
}

const MESSAGES = /^\/api\/v1\/conversations\/([^/]+)\/messages$/;
const CSAT = /^\/api\/v1\/conversations\/([^/]+)\/csat$/;
const REOPEN = /^\/api\/v1\/conversations\/([^/]+)\/reopen$/;
const ONE = /^\/api\/v1\/conversations\/([^/]+)$/;

export function matchConnectorRoute(method: string, pathname: string): ConnectorRoute | null {
  if (pathname === '/api/v1/conversations') {
    if (method === 'GET') return { status: 200, run: (d) => d.call('conversation.list', {}) };
    if (method === 'POST') {
      return {
        status: 201,
        run: (d, body) =>
          withObject(body, ({ message, ...rest }) =>
            d.call('conversation.create', message === undefined ? rest : { ...rest, firstMessage: message }),
          ),
      };
    }
  }
  const messages = MESSAGES.exec(pathname);
  if (messages && method === 'POST') {
    const id = decodeURIComponent(messages[1] ?? '');
    return {
      status: 201,
      run: (d, body) => withObject(body, (fields) => d.call('conversation.send', { role: 'customer', ...fields, id })),
    };
  }
  const csat = CSAT.exec(pathname);
  if (csat && method === 'POST') {
    const conversationId = decodeURIComponent(csat[1] ?? '');
    return { status: 201, run: (d, body) => withObject(body, (fields) => d.call('csat.record', { ...fields, conversationId, source: 'api' })) };
  }
  const reopen = REOPEN.exec(pathname);
  if (reopen && method === 'POST') {
    const id = decodeURIComponent(reopen[1] ?? '');
    return { status: 200, run: (d, body) => withObject(body ?? {}, (fields) => d.call('conversation.reopen', { ...fields, id, source: 'api' })) };
  }
  const one = ONE.exec(pathname);
  if (one && method === 'GET') {
    const id = decodeURIComponent(one[1] ?? '');
    return { status: 200, run: (d) => d.call('conversation.get', { id }) };
  }
  return null;
}

function withObject(
  body: unknown,
  run: (fields: Record<string, unknown>) => Promise<Result<unknown>>,
): Promise<Result<unknown>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return Promise.resolve(fail('E_VALIDATION', 'The request body must be a JSON object. Correct it and try again.'));
  }
  return run(body as Record<string, unknown>);
}
