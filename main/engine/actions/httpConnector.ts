import { TandemError } from '../errors.js';
import type { CommerceConnector, CustomerCandidate, IdentityLookup, ToolCall } from './connector.js';
import type { HttpConnectorConfig, HttpEndpoint } from './httpConnectorConfig.js';
import { TOOLS } from './toolRegistry.js';

export { loadHttpConnectorConfig, parseHttpConnectorConfig, type HttpConnectorConfig } from './httpConnectorConfig.js';

/** Resolves the name of a secret (an environment variable or keychain entry) to its value; the host supplies it. */
export type SecretResolver = (name: string) => string | undefined;

type FetchLike = typeof fetch;

/**
 * A commerce backend reached over HTTP/JSON, one endpoint per tool. Reads may be retried; changes are
 * sent once per approval with an Idempotency-Key header so the backend can refuse a repeat.
 */
export function httpConnector(config: HttpConnectorConfig, resolveSecret: SecretResolver, fetchImpl: FetchLike = fetch): CommerceConnector {
  async function request(endpoint: HttpEndpoint, vars: Record<string, unknown>, options: { retries: number; idempotencyKey?: string }): Promise<unknown> {
    const url = new URL(fillTemplate(endpoint.url, vars), config.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (config.auth) {
      const secret = resolveSecret(config.auth.env);
      if (!secret) throw new TandemError('E_CONNECTOR_CONFIG', `The secret ${config.auth.env} for the ${config.name} connector is not set.`);
      headers[config.auth.header] = `${config.auth.prefix}${secret}`;
    }
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const sendBody = endpoint.sendArgs ?? endpoint.method !== 'GET';
    if (sendBody) headers['content-type'] = 'application/json';
    let lastError: TandemError | null = null;
    for (let attempt = 0; attempt <= options.retries; attempt += 1) {
      try {
        return await once(url, endpoint, headers, sendBody ? JSON.stringify(vars.args ?? {}) : undefined);
      } catch (error) {
        if (!(error instanceof TandemError)) throw error;
        lastError = error;
        const transient = error.code === 'E_CONNECTOR_TIMEOUT' || (error.code === 'E_CONNECTOR_HTTP' && /status 5\d\d/.test(error.message));
        if (!transient) throw error;
      }
    }
    throw lastError!;
  }

  async function once(url: URL, endpoint: HttpEndpoint, headers: Record<string, string>, body: string | undefined): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), config.timeoutMs);
    try {
      const response = await fetchImpl(url, { method: endpoint.method, headers, signal: controller.signal, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      if (response.status === 404) throw new TandemError('E_NOT_FOUND', `${config.name} has no such record (HTTP 404).`);
      if (!response.ok) throw new TandemError('E_CONNECTOR_HTTP', `${config.name} answered with status ${response.status}.`);
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json')) {
        throw new TandemError('E_CONNECTOR_BAD_RESPONSE', `${config.name} sent ${text.trimStart().startsWith('<') ? 'an HTML page' : `"${type || 'no content type'}"`} instead of JSON.`);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new TandemError('E_CONNECTOR_BAD_RESPONSE', `${config.name} sent invalid JSON.`);
      }
    } catch (error) {
      if (error instanceof TandemError) throw error;
      if (controller.signal.aborted) throw new TandemError('E_CONNECTOR_TIMEOUT', `${config.name} did not answer within ${config.timeoutMs} ms.`);
      throw new TandemError('E_CONNECTOR_HTTP', `${config.name} could not be reached (${(error as Error).message}).`);
    } finally {
      clearTimeout(timer);
    }
  }

  const userIdShape = config.customerLookup.userId ? new RegExp(`^(?:${config.customerLookup.userId.idPattern})$`, 'u') : null;

  return {
    name: config.name,
    inProcess: false,
    supports: (tool) => config.tools[tool] !== undefined,
    recognizesUserId: (_workspaceId, token) => userIdShape !== null && token.length <= 100 && userIdShape.test(token),
    async findCustomer(_workspaceId: string, lookup: IdentityLookup): Promise<CustomerCandidate | null> {
      const by = 'email' in lookup ? 'email' : 'userId' in lookup ? 'userId' : 'nameZip';
      const endpoint = config.customerLookup[by];
      if (!endpoint) throw new TandemError('E_CONNECTOR_UNSUPPORTED', `${config.name} cannot look customers up ${{ email: 'by email', userId: 'by user id', nameZip: 'by name and zip' }[by]}.`);
      const vars = 'email' in lookup ? { email: lookup.email } : 'userId' in lookup ? { user_id: lookup.userId } : { first_name: lookup.firstName, last_name: lookup.lastName, zip: lookup.zip };
      let body: unknown;
      try {
        body = await request(endpoint, vars, { retries: config.readRetries });
      } catch (error) {
        if (error instanceof TandemError && error.code === 'E_NOT_FOUND') return null;
        throw error;
      }
      const mapped = mapResult(endpoint, body) as Record<string, unknown>;
      const candidate = {
        customerId: mapped.customerId, firstName: mapped.firstName, lastName: mapped.lastName, email: mapped.email, zip: mapped.zip,
      };
      if (Object.values(candidate).some((v) => typeof v !== 'string')) {
        throw new TandemError('E_CONNECTOR_BAD_RESPONSE', `${config.name}'s customer lookup lacks customerId, firstName, lastName, email or zip.`);
      }
      return candidate as CustomerCandidate;
    },
    async run(call: ToolCall): Promise<unknown> {
      const endpoint = config.tools[call.tool];
      if (!endpoint) throw new TandemError('E_CONNECTOR_UNSUPPORTED', `${config.name} has no ${call.tool}.`);
      const changes = TOOLS[call.tool].effect === 'changes';
      const vars = { ...(call.args as Record<string, unknown>), customer_id: call.customerId, args: call.args };
      const body = await request(endpoint, vars, changes ? { retries: 0, idempotencyKey: call.idempotencyKey } : { retries: config.readRetries });
      if (endpoint.ownerField) {
        const owner = readPath(body, endpoint.ownerField);
        if (owner === undefined) throw new TandemError('E_CONNECTOR_BAD_RESPONSE', `${config.name}'s answer has no ${endpoint.ownerField}.`);
        if (call.customerId === null || String(owner) !== call.customerId) {
          // Never pass another customer's record on, not even in the error.
          throw new TandemError('E_NOT_OWNER', `${config.name} returned a record of a different customer.`);
        }
      }
      return mapResult(endpoint, body);
    },
  };
}

export function fillTemplate(template: string, vars: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined || value === null || typeof value === 'object') {
      throw new TandemError('E_CONNECTOR_CONFIG', `The URL template needs {${name}}, which this call does not have.`);
    }
    return encodeURIComponent(String(value));
  });
}

export function readPath(value: unknown, path: string): unknown {
  if (path === '$' || path === '') return value;
  let current: unknown = value;
  for (const key of path.replace(/^\$\.?/, '').split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function mapResult(endpoint: HttpEndpoint, body: unknown): unknown {
  if (!endpoint.result) return body;
  const out: Record<string, unknown> = {};
  for (const [field, rawPath] of Object.entries(endpoint.result)) {
    const wrap = rawPath.endsWith('[]');
    const value = readPath(body, wrap ? rawPath.slice(0, -2) : rawPath);
    if (value !== undefined) out[field] = wrap ? [value] : value;
  }
  return out;
}
