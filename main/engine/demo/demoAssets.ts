import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTau2Retail } from '../commerce/tau2RetailImport.js';
import type { CommerceSnapshot } from '../commerce/types.js';
import { DemoConversationsSchema, type DemoConversations } from './demoConversations.js';

/**
 * The demo workspace's data ships with the product (users do not have the development data sets).
 * The folder sits beside this module in source and in the build output alike.
 */
export const DEMO_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

export function loadDemoCommerce(dir = DEMO_DATA_DIR): CommerceSnapshot {
  return parseTau2Retail(JSON.parse(readFileSync(`${dir}/retail-db.json`, 'utf8')));
}

export function loadDemoConversations(dir = DEMO_DATA_DIR): DemoConversations {
  return DemoConversationsSchema.parse(JSON.parse(readFileSync(`${dir}/demo-conversations.json`, 'utf8')));
}

export function loadDemoPolicy(dir = DEMO_DATA_DIR): string {
  return readFileSync(`${dir}/retail-policy.md`, 'utf8');
}
