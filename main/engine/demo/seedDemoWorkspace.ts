import type { Clock } from '../clock.js';
import { CommerceRepository } from '../commerce/commerceRepository.js';
import { ConversationRepository } from '../conversations/conversationRepository.js';
import { newId } from '../ids.js';
import type { Database } from '../store/database.js';
import { WorkspaceRepository } from '../workspace/workspaceRepository.js';
import { loadDemoCommerce, loadDemoConversations } from './demoAssets.js';

export const DEMO_WORKSPACE_ID = 'demo';

/** Bumped when the demo content changes; a workspace seeded by an older version is left alone unless reset. */
const DEMO_SEED_VERSION = 1;

export interface SeedReport {
  readonly seeded: boolean;
  readonly workspaceId: string;
  readonly customers: number;
  readonly orders: number;
  readonly products: number;
  readonly conversations: number;
}

/**
 * Creates the demo workspace (the τ²-bench retail shop and a few conversations) in one transaction.
 * Idempotent: an existing demo workspace is kept as the user left it. `reset` deletes and rebuilds it.
 */
export function seedDemoWorkspace(db: Database, clock: Clock, options: { reset?: boolean } = {}): SeedReport {
  const workspaces = new WorkspaceRepository(db);
  const commerce = new CommerceRepository(db);
  const conversations = new ConversationRepository(db);

  const existing = workspaces.get(DEMO_WORKSPACE_ID);
  if (existing && !options.reset) {
    return { seeded: false, workspaceId: DEMO_WORKSPACE_ID, ...commerce.counts(DEMO_WORKSPACE_ID), conversations: conversations.list(DEMO_WORKSPACE_ID, { limit: 10_000 }).length };
  }

  // Parse everything before the transaction: a broken asset must not leave a half-built workspace.
  const snapshot = loadDemoCommerce();
  const demo = loadDemoConversations();
  const now = clock.now();

  db.transaction(() => {
    if (existing) workspaces.delete(DEMO_WORKSPACE_ID);
    workspaces.insert({ id: DEMO_WORKSPACE_ID, name: 'Demo shop', isDemo: true, createdAt: now });
    commerce.insertSnapshot(DEMO_WORKSPACE_ID, snapshot);
    for (const item of demo.conversations) {
      const started = now - item.minutesAgo * 60_000;
      const id = newId('c');
      const customer = commerce.findCustomerByEmail(DEMO_WORKSPACE_ID, item.customerRef);
      conversations.insert({
        workspaceId: DEMO_WORKSPACE_ID,
        id,
        customerRef: item.customerRef,
        customerId: customer?.id ?? null,
        subject: item.subject,
        channel: 'chat',
        now: started,
      });
      item.messages.forEach((content, index) => {
        conversations.appendMessage({
          id: newId('m'),
          conversationId: id,
          role: 'customer',
          content,
          metadata: { demoSourceTask: item.sourceTask },
          createdAt: started + index * 20_000,
        });
      });
    }
    workspaces.setSetting(DEMO_WORKSPACE_ID, 'demo.seedVersion', DEMO_SEED_VERSION, now);
  })();

  return {
    seeded: true,
    workspaceId: DEMO_WORKSPACE_ID,
    ...commerce.counts(DEMO_WORKSPACE_ID),
    conversations: demo.conversations.length,
  };
}
