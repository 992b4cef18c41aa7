import { httpConnector, loadHttpConnectorConfig } from '../engine/actions/httpConnector.js';
import type { CommerceConnector } from '../engine/actions/connector.js';
import { TandemError } from '../engine/errors.js';

/**
 * A real commerce backend instead of the embedded shop: the HTTP/JSON connector described by a config
 * file. The host resolves its secret from the environment variable the file names (secrets never live
 * in the file), and refuses to start without it rather than failing on the first tool call.
 */
export function commerceConnectorFromFile(file: string, env: NodeJS.ProcessEnv = process.env): CommerceConnector {
  const config = loadHttpConnectorConfig(file);
  if (config.auth && !env[config.auth.env]) {
    throw new TandemError('E_CONNECTOR_CONFIG', `The connector "${config.name}" needs its secret in the environment variable ${config.auth.env}; set it and start again.`);
  }
  return httpConnector(config, (name) => env[name]);
}
