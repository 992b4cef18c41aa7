import type { Dispatcher } from '../api/dispatcher.js';
import { fail, type Result } from '../api/result.js';

/**
 * Resource-style routes for helpdesk connectors and scripts. Each maps onto one contract method, so
 * validation, rules and events are exactly those of the UI.
 *   POST /api/v1/conversations                  { customerRef?, subject?, channel?, message? }
 *   GET  /api/v1/conversations
 *   GET  /api/v1/conversations/{id}
 *   POST /api/v1/conversations/{id}/messages    { content, role? = "customer" }
 */
export interface ConnectorRoute {
  readonly status: number;
  run(dispatcher: Dispatcher, body: unknown): Promise<Result<unknown>>;
}

const MESSAGES = /^\/api\/v1\/conversations\/([^/]+)\/messages$/;
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
