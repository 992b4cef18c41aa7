import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../../main/api/dispatcher.js';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import { openEngine, type Engine } from '../../../../main/engine/index.js';
import type { Database } from '../../../../main/engine/store/database.js';
import { FixedClock } from '../../../support/fixedClock.js';
import { tempDir } from '../../../support/tempDir.js';
import { findDeliveredOrder, migrationsWithActions } from '../actions/actionsTestEngine.js';

const DAY = 86_400_000;
const MARKER = 'ZQXMARKER7781';

let dir: string;
let clock: FixedClock;
let engine: Engine;
let api: Dispatcher;

beforeEach(() => {
  dir = tempDir();
  clock = new FixedClock();
  engine = openEngine({ dataDir: dir, seedDemo: true, clock, migrations: migrationsWithActions() });
  api = createDispatcher({ engine, appVersion: 'test' }, { validateOutput: true });
});
afterEach(() => engine.close());

async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error!.code}: ${result.error!.message}`);
  return result.value as T;
}

/** An old conversation with every kind of row hanging off it: routing, assist, actions, audit, draft, csat, metrics, a learned correction. */
async function oldConversationWithEverything(): Promise<string> {
  const order = findDeliveredOrder(engine, 6000, 50_000);
  const conversation = engine.conversations.create({ firstMessage: `My code is ${MARKER}; refund $25 on ${order.orderId}, it broke.` });
  const lookup = await value<{ candidate: { customerId: string } }>(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email: order.email } }));
  await value(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email: order.email }, confirmCustomerId: lookup.candidate.customerId }));
  const proposed = await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId: conversation.id, intent: 'refund_request' }));
  await value(api.invoke('actions.approve', { actionId: proposed.find((a) => a.tool === 'process_refund')!.id }));
  engine.conversations.send(conversation.id, 'customer', `Also, reference ${MARKER}-2 for the courier.`);
  await engine.assist.idle();
  await value(api.invoke('draft.generate', { conversationId: conversation.id }));
  await value(api.invoke('csat.record', { conversationId: conversation.id, score: 4, comment: `thanks ${MARKER}` }));
  // A correction kept as a training example carries the customer's words and the message id.
  const message = engine.db.prepare(`SELECT id, content FROM messages WHERE conversation_id = ? AND role = 'customer' ORDER BY seq LIMIT 1`).get(conversation.id) as { id: string; content: string };
  engine.db.prepare(`INSERT INTO router_examples (workspace_id, intent, text, source, message_id, created_at) VALUES (?, 'refund_request', ?, 'correction', ?, ?)`)
    .run(engine.workspace.id, message.content, message.id, clock.now());
  return conversation.id;
}

/** Every table in the file, FTS5 shadow tables and knowledge_vectors included, and which of their cells contain `needle`. */
function tablesContaining(db: Database, needle: string): string[] {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>;
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['knowledge_fts', 'knowledge_fts_data', 'knowledge_fts_content', 'knowledge_vectors', 'audit_log', 'drafts', 'message_routing']));
  const found: string[] = [];
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate() as Iterable<Record<string, unknown>>) {
      const hit = Object.values(row).some((cell) =>
        Buffer.isBuffer(cell) ? cell.includes(needle) : typeof cell === 'string' ? cell.includes(needle) : false);
      if (hit) {
        found.push(name);
        break;
      }
    }
  }
  return found;
}

function count(db: Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

describe('retention purge', () => {
  it('removes the old conversation from every table and from the file bytes, keeps recent ones, and the audit chain still verifies', async () => {
    const oldId = await oldConversationWithEverything();
    // Non-vacuous: the marker and the id really are spread over many tables before the purge.
    const before = tablesContaining(engine.db, MARKER);
    expect(before).toEqual(expect.arrayContaining(['messages', 'router_examples', 'csat_ratings']));
    const withId = tablesContaining(engine.db, oldId);
    expect(withId).toEqual(expect.arrayContaining(['conversations', 'messages', 'actions', 'audit_log', 'assist_results', 'drafts', 'conversation_metrics', 'message_routing']));

    clock.advance(100 * DAY);
    const recent = engine.conversations.create({ firstMessage: 'A recent question about shipping.' });
    await engine.assist.idle();

    const dry = await value<{ conversations: number; rowsByTable: Record<string, number> }>(api.invoke('retention.purge', { days: 30, dryRun: true }));
    expect(dry.conversations).toBeGreaterThanOrEqual(1);
    expect(dry.rowsByTable['messages']).toBeGreaterThanOrEqual(2);
    expect(count(engine.db, 'SELECT COUNT(*) AS n FROM conversations WHERE id = ?', oldId)).toBe(1);

    const report = engine.dataSafety.purge({ days: 30, actor: 'admin:lee', vacuum: true });
    expect(report).toMatchObject({ dryRun: false, conversations: dry.conversations, vacuumed: true });
    expect(report.rowsByTable).toEqual(dry.rowsByTable);

    expect(tablesContaining(engine.db, MARKER)).toEqual([]);
    // The append-only audit log keeps the conversation id of the decisions it records (documented), nothing else does.
    expect(tablesContaining(engine.db, oldId)).toEqual(['audit_log']);
    expect(engine.conversations.list().map((c) => c.id)).toContain(recent.id);
    expect(engine.actions.audit.verify()).toMatchObject({ ok: true });
    const last = engine.actions.audit.list({ limit: 1 })[0]!;
    expect(last).toMatchObject({ seq: report.auditSeq, kind: 'retention.purge', actor: 'admin:lee', data: { olderThanDays: 30, conversations: report.conversations } });

    engine.close();
    const file = join(dir, 'tandem.db');
    expect(readFileSync(file).includes(MARKER)).toBe(false);
    if (existsSync(`${file}-wal`)) expect(readFileSync(`${file}-wal`).includes(MARKER)).toBe(false);
    engine = openEngine({ dataDir: dir, clock, migrations: migrationsWithActions() });
  });

  it('without VACUUM, secure_delete still leaves no customer text in the file after a checkpoint', async () => {
    await oldConversationWithEverything();
    engine.db.pragma('wal_checkpoint(TRUNCATE)');
    // Control: the check below can fail — the marker is in the file before the purge.
    expect(readFileSync(join(dir, 'tandem.db')).includes(MARKER)).toBe(true);
    clock.advance(100 * DAY);
    engine.dataSafety.purge({ days: 30, actor: 'admin:lee' });
    engine.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir, 'tandem.db')).includes(MARKER)).toBe(false);
  });

  it('the setting is off by default, validated, and the purge refuses to guess a period', async () => {
    expect(await value(api.invoke('retention.get', {}))).toEqual({ purgeAfterDays: null });
    for (const bad of [0, -1, 1.5, 3651]) {
      expect(await api.invoke('retention.set', { purgeAfterDays: bad })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    }
    expect(await api.invoke('retention.purge', {})).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(await value(api.invoke('retention.set', { purgeAfterDays: 90 }))).toEqual({ purgeAfterDays: 90 });
    expect(await value(api.invoke('retention.get', {}))).toEqual({ purgeAfterDays: 90 });
    const oldId = await oldConversationWithEverything();
    clock.advance(60 * DAY);
    expect(await value(api.invoke('retention.purge', {}))).toMatchObject({ olderThanDays: 90, conversations: 0 });
    clock.advance(31 * DAY);
    expect(await value(api.invoke('retention.purge', {}))).toMatchObject({ olderThanDays: 90 });
    expect(count(engine.db, 'SELECT COUNT(*) AS n FROM conversations WHERE id = ?', oldId)).toBe(0);
    expect(await value(api.invoke('retention.set', { purgeAfterDays: null }))).toEqual({ purgeAfterDays: null });
  });

  it('with retention on, opening the engine purges what is past the period', async () => {
    const oldId = await oldConversationWithEverything();
    engine.dataSafety.setRetention({ purgeAfterDays: 30 });
    engine.close();
    clock.advance(45 * DAY);
    engine = openEngine({ dataDir: dir, clock, migrations: migrationsWithActions() });
    expect(count(engine.db, 'SELECT COUNT(*) AS n FROM conversations WHERE id = ?', oldId)).toBe(0);
    expect(engine.actions.audit.list({ limit: 1 })[0]).toMatchObject({ kind: 'retention.purge', actor: 'retention-schedule' });
  });
});
