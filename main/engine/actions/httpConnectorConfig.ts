import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TandemError } from '../errors.js';
import { TOOL_NAMES } from './toolSchemas.js';

/**
 * The generic HTTP/JSON connector's configuration file. Secrets are never in the file: `auth.env`
 * names an environment variable that the host resolves and hands to the connector.
 */
const Endpoint = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    /** Path or absolute URL with {arg} placeholders, filled from the tool arguments (URL-encoded). */
    url: z.string().min(1),
    /** Result field → dot path in the response ("$" = the whole body; a trailing "[]" wraps it in a list). */
    result: z.record(z.string(), z.string()).optional(),
    /** Dot path of the customer id in the response; a different customer's record is refused. */
    ownerField: z.string().optional(),
    /** Send the tool arguments as the JSON body (default for non-GET methods). */
    sendArgs: z.boolean().optional(),
  })
  .strict();

/**
 * Finding a customer by the backend's own user id. `idPattern` is the shape of those ids (a regular
 * expression matched against a whole word of a message): the backend's operator knows it, so Tandem
 * proposes a lookup only for words that can be an id there.
 */
const UserIdEndpoint = Endpoint.extend({
  idPattern: z.string().min(1).max(200).refine((source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  }, { message: 'not a valid regular expression' }),
}).strict();

export const HttpConnectorConfigSchema = z
  .object({
    name: z.string().min(1).max(60),
    baseUrl: z.string().url(),
    auth: z.object({ header: z.string().min(1), env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), prefix: z.string().default('') }).strict().optional(),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** Extra attempts for reads after a timeout, network error or 5xx. Changes are never retried blindly. */
    readRetries: z.number().int().min(0).max(5).default(1),
    customerLookup: z.object({ email: Endpoint.optional(), nameZip: Endpoint.optional(), userId: UserIdEndpoint.optional() }).strict(),
    tools: z.partialRecord(z.enum(TOOL_NAMES), Endpoint),
  })
  .strict();

export type HttpConnectorConfig = z.output<typeof HttpConnectorConfigSchema>;
export type HttpEndpoint = z.output<typeof Endpoint>;

export function parseHttpConnectorConfig(json: unknown): HttpConnectorConfig {
  const parsed = HttpConnectorConfigSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new TandemError('E_CONNECTOR_CONFIG', `Connector config — ${detail}.`);
  }
  return parsed.data;
}

export function loadHttpConnectorConfig(file: string): HttpConnectorConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TandemError('E_CONNECTOR_CONFIG', `Could not read ${file}: ${(error as Error).message}.`);
  }
  return parseHttpConnectorConfig(json);
}
