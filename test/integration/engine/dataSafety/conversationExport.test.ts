import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../../main/api/dispatcher.js';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import type { ConversationExport } from '../../../../main/engine/dataSafety/conversationExport.js';
import type { Engine } from '../../../../main/engine/index.js';
import { findDeliveredOrder, openDemoEngine } from '../actions/actionsTestEngine.js';

let engine: Engine;
let api: Dispatcher;

beforeEach(() => {
  engine = openDemoEngine();
  api = createDispatcher({ engine, appVersion: 'test' }, { validateOutput: true });
});
afterEach(() => engine.close());

async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error!.code}: ${result.error!.message}`);
  return result.value as T;
}

/** A verified conversation with an approved refund, and a second conversation whose entries must stay out. */
async function refundedConversation(): Promise<{ conversationId: string; otherId: string; refund: ActionRecord }> {
  const order = findDeliveredOrder(engine, 6000, 50_000);
  const conversation = engine.conversations.create({ firstMessage: `Refund $30 for order ${order.orderId} please, it arrived broken.` });
  const lookup = await value<{ candidate: { customerId: string } }>(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email: order.email } }));
  await value(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email: order.email }, confirmCustomerId: lookup.candidate.customerId }));
  const proposed = await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId: conversation.id, intent: 'refund_request' }));
  const refund = proposed.find((a) => a.tool === 'process_refund')!;
  await value(api.invoke('actions.approve', { actionId: refund.id }));
  const other = engine.conversations.create({ firstMessage: 'Where is my parcel?' });
  const otherOrder = findDeliveredOrder(engine, 1000, 50_000, order.customerId);
  await value(api.invoke('customer.verify', { conversationId: other.id, lookup: { email: otherOrder.email } }));
  await engine.assist.idle();
  return { conversationId: conversation.id, otherId: other.id, refund };
}

describe('conversation.export', () => {
  it('holds the messages, assist results, actions with results and executions, and the audit entries with a verified chain', async () => {
    const { conversationId, otherId, refund } = await refundedConversation();
    const exported = await value<{ fileName: string; content: string; auditVerdict: string }>(api.invoke('conversation.export', { id: conversationId }));
    expect(exported.fileName).toMatch(/^tandem-conversation-.+\.json$/);
    expect(exported.auditVerdict).toBe('verified');
    const data = JSON.parse(exported.content) as ConversationExport;
    expect(data.format).toBe('tandem.conversation-export/1');
    expect(data.conversation['id']).toBe(conversationId);
    expect(String(data.messages[0]!['content'])).toMatch(/arrived broken/);
    expect(data.assistResults.length).toBeGreaterThan(0);
    const exportedRefund = data.actions.find((a) => a['id'] === refund.id)!;
    expect(exportedRefund['status']).toBe('succeeded');
    expect(exportedRefund['decided_by']).toBe('agent:Agent');
    expect(exportedRefund.executions).toEqual([expect.objectContaining({ state: 'recorded' })]);

    const kinds = data.audit.entries.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['customer.lookup', 'customer.verified', 'action.proposed', 'action.approved', 'action.executed']));
    expect(data.audit.entries.every((e) => e.conversationId === conversationId)).toBe(true);
    expect(data.audit.entries.every((e) => /^[0-9a-f]{64}$/.test(e.hash) && /^[0-9a-f]{64}$/.test(e.prevHash))).toBe(true);
    expect(data.audit.entries.map((e) => e.seq)).toEqual([...data.audit.entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(data.audit.entriesVerified).toBe(true);
    expect(data.audit.chain).toMatchObject({ ok: true });
    // Nothing from the other conversation.
    expect(exported.content).not.toContain(otherId);
    expect(exported.content).not.toContain('Where is my parcel?');
  });

  it('says "broken" when an audit entry was edited behind the log\'s back', async () => {
    const { conversationId } = await refundedConversation();
    const seq = (engine.db.prepare(`SELECT seq FROM audit_log WHERE conversation_id = ? AND kind = 'action.approved'`).get(conversationId) as { seq: number }).seq;
    engine.db.exec('DROP TRIGGER audit_log_append_only_update');
    engine.db.prepare(`UPDATE audit_log SET actor = 'agent:mallory' WHERE seq = ?`).run(seq);
    const exported = await value<{ content: string; auditVerdict: string }>(api.invoke('conversation.export', { id: conversationId }));
    expect(exported.auditVerdict).toBe('broken');
    const data = JSON.parse(exported.content) as ConversationExport;
    expect(data.audit.entriesVerified).toBe(false);
    expect(data.audit.chain).toMatchObject({ ok: false, brokenSeq: seq });
  });

  it('an unknown conversation is E_NOT_FOUND', async () => {
    expect(await api.invoke('conversation.export', { id: 'c-nope' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
  });
});
