import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commerceConnectorFromFile } from '../../../main/config/commerceConnectorConfig.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-connector-'));
function configFile(content: unknown): string {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const CONFIG = {
  name: 'Shop API',
  baseUrl: 'http://127.0.0.1:9/api',
  auth: { header: 'Authorization', env: 'SHOP_TOKEN', prefix: 'Bearer ' },
  customerLookup: { email: { method: 'GET', url: '/customers?email={email}' } },
  tools: { lookup_order: { method: 'GET', url: '/orders/{order_id}', ownerField: 'customer_id' } },
};

describe('connector config on the host', () => {
  it('builds the HTTP connector when the secret is in the environment', () => {
    const connector = commerceConnectorFromFile(configFile(CONFIG), { SHOP_TOKEN: 'secret' });
    expect(typeof connector.findCustomer).toBe('function');
  });

  it('refuses to start without the secret the file names, saying which variable to set', () => {
    expect(() => commerceConnectorFromFile(configFile(CONFIG), {})).toThrow(/SHOP_TOKEN/);
  });

  it('refuses a file that is not JSON or not a connector config, with the problem named', () => {
    expect(() => commerceConnectorFromFile(configFile('{ not json'), {})).toThrow(/Could not read/);
    expect(() => commerceConnectorFromFile(configFile({ ...CONFIG, tools: { wire_money: { method: 'GET', url: '/' } } }), { SHOP_TOKEN: 'x' })).toThrow(/tools/);
    expect(() => commerceConnectorFromFile(join(dir, 'missing.json'), {})).toThrow(/Could not read/);
  });
});
