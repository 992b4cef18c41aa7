import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../../main/api/dispatcher.js';
import type { ActionRecord } from '../../../../main/engine/actions/actionTypes.js';
import type { Engine } from '../../../../main/engine/index.js';
import { findDeliveredOrder, openDemoEngine, refundRows } from './actionsTestEngine.js';

let engine: Engine;
let api: Dispatcher;

beforeEach(() => {
  engine = openDemoEngine();
  engine.profile.rename('ana');
  api = createDispatcher({ engine, appVersion: 'test' }, { validateOutput: true });
});
afterEach(() => engine.close());

async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error!.code}: ${result.error!.message}`);
  return result.value as T;
}

async function verifiedConversation(email: string, text: string): Promise<string> {
  const conversation = engine.conversations.create({ firstMessage: text });
  const lookup = await value<{ candidate: { customerId: string } }>(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email } }));
  await value(api.invoke('customer.verify', { conversationId: conversation.id, lookup: { email }, confirmCustomerId: lookup.candidate.customerId }));
  return conversation.id;
}

function byTool(actions: readonly ActionRecord[], tool: string): ActionRecord {
  const found = actions.find((a) => a.tool === tool);
  if (!found) throw new Error(`no ${tool} proposal among ${actions.map((a) => a.tool).join(', ')}`);
  return found;
}

describe('refund flow on the embedded demo shop', () => {
  it('an order number alone is not verification: the lookup waits, and approving it is refused', async () => {
    const order = findDeliveredOrder(engine, 1000, 9000);
    const conversation = engine.conversations.create({ firstMessage: `Where is my order ${order.orderId}?` });
    const actions = await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId: conversation.id, intent: 'order_status' }));
    const lookup = byTool(actions, 'lookup_order');
    expect(lookup.status).toBe('proposed');
    expect(lookup.blockedReason).toMatch(/Verify the customer/);
    expect(lookup.result).toBeNull();
    const approve = await api.invoke('actions.approve', { actionId: lookup.id });
    expect(approve.ok).toBe(false);
    expect(!approve.ok && approve.error.code).toBe('E_ACTION_BLOCKED');
    expect(engine.conversations.get(conversation.id).conversation.verified).toBe(false);
  });

  it('verifies by email, looks the order up at once, checks eligibility and refunds ≤ $100 on one approval, audited', async () => {
    const order = findDeliveredOrder(engine, 6000, 50_000);
    const conversationId = await verifiedConversation(order.email, `I want a refund of $45 for order ${order.orderId}, the item broke.`);
    const actions = await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId, intent: 'refund_request' }));
    expect(byTool(actions, 'lookup_order').status).toBe('succeeded');
    const eligibility = byTool(actions, 'check_refund_eligibility');
    expect(eligibility.status).toBe('succeeded');
    expect((eligibility.result as { eligible: boolean }).eligible).toBe(true);
    const refund = byTool(actions, 'process_refund');
    expect(refund.status).toBe('proposed');
    expect(refund.args.amount_cents).toBe(4500);
    expect(refund.approval).toBe('agent');

    const done = await value<ActionRecord>(api.invoke('actions.approve', { actionId: refund.id }));
    expect(done.status).toBe('succeeded');
    expect(done.decidedBy).toBe('agent:ana');
    expect(refundRows(engine, order.orderId)).toEqual([expect.objectContaining({ amount_cents: 4500 })]);

    const audit = await value<{ kind: string; actor: string }[]>(api.invoke('audit.list', { actionId: refund.id }));
    expect(audit.map((e) => e.kind)).toEqual(expect.arrayContaining(['action.proposed', 'action.approved', 'action.executed']));
    expect(audit.find((e) => e.kind === 'action.approved')!.actor).toBe('agent:ana');
    expect(await value(api.invoke('audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('a double approval, or a retry after success, refunds once', async () => {
    const order = findDeliveredOrder(engine, 6000, 50_000);
    const conversationId = await verifiedConversation(order.email, `Refund $20 on ${order.orderId} please`);
    const refund = byTool(await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId, intent: 'refund_request' })), 'process_refund');
    const [first, second] = await Promise.all([
      api.invoke('actions.approve', { actionId: refund.id }),
      api.invoke('actions.approve', { actionId: refund.id }),
    ]);
    expect([first.ok, second.ok]).toContain(true);
    const retry = await value<ActionRecord>(api.invoke('actions.approve', { actionId: refund.id }));
    expect(retry.status).toBe('succeeded');
    expect(refundRows(engine, order.orderId)).toHaveLength(1);
    const executions = engine.db.prepare(`SELECT COUNT(*) AS n FROM action_executions WHERE action_id = ?`).get(refund.id) as { n: number };
    expect(executions.n).toBe(1);
  });

  it('refuses a refund above what was paid minus what was refunded, changes nothing, and audits the failure', async () => {
    const order = findDeliveredOrder(engine, 6000, 50_000);
    const conversationId = await verifiedConversation(order.email, `Refund on ${order.orderId}`);
    const refund = byTool(await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId, intent: 'refund_request' })), 'process_refund');
    expect(refund.args.amount_cents).toBe(order.paidCents);
    const tooMuch = await api.invoke('actions.approve', { actionId: refund.id, args: { ...refund.args, amount_cents: order.paidCents + 1 }, supervisor: { name: 'sam', pin: '0000' } });
    expect(!tooMuch.ok && tooMuch.error.code).toMatch(/E_REFUND_EXCEEDS|E_NO_SUPERVISOR/);
    const small = await value<ActionRecord>(api.invoke('actions.approve', { actionId: refund.id, args: { ...refund.args, amount_cents: 1000 } }));
    expect(small.status).toBe('succeeded');
    // A second refund proposal for the rest, plus one cent, is refused by the cap.
    const extra = await value<ActionRecord[]>(api.invoke('actions.propose', {
      conversationId, call: { tool: 'process_refund', args: { order_id: order.orderId, amount_cents: order.paidCents - 1000 + 1, reason: 'rest' } },
    }));
    const second = extra.filter((a) => a.tool === 'process_refund' && a.status === 'proposed').at(-1)!;
    await engine.actions.authority.adminSetPin(engine.workspace.id, 'sam', '4321', 'cli:test');
    const criticalErrors: { critical: boolean; code: string }[] = [];
    engine.events.subscribe((event) => { if (event.type === 'action.toolError') criticalErrors.push(event); });
    const refused = await api.invoke('actions.approve', { actionId: second.id, supervisor: { name: 'sam', pin: '4321' } });
    expect(criticalErrors).toContainEqual(expect.objectContaining({ code: 'E_REFUND_EXCEEDS', critical: true }));
    expect(!refused.ok && refused.error.code).toBe('E_REFUND_EXCEEDS');
    expect(refundRows(engine, order.orderId)).toHaveLength(1);
    const failed = await value<{ kind: string }[]>(api.invoke('audit.list', { actionId: second.id }));
    expect(failed.map((e) => e.kind)).toContain('action.failed');
    expect((await value<ActionRecord[]>(api.invoke('actions.list', { conversationId }))).find((a) => a.id === second.id)!.error?.code).toBe('E_REFUND_EXCEEDS');
  });

  it('a refund over $100 changes nothing without the named supervisor\'s PIN, can wait for one with a ticket, and records agent and supervisor apart', async () => {
    const order = findDeliveredOrder(engine, 20_000, 200_000);
    const conversationId = await verifiedConversation(order.email, `I need a refund of $150 for ${order.orderId}`);
    const refund = byTool(await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId, intent: 'refund_request' })), 'process_refund');
    expect(refund.args.amount_cents).toBe(15_000);
    expect(refund.approval).toBe('supervisor');

    const noPin = await api.invoke('actions.approve', { actionId: refund.id, args: { ...refund.args, amount_cents: 14_000 } });
    expect(!noPin.ok && noPin.error.code).toBe('E_SUPERVISOR_REQUIRED');
    const unchanged = engine.actions.service.get(refund.id);
    expect(unchanged).toMatchObject({ status: 'proposed', args: refund.args, supervisorTicketId: null });

    const waiting = await value<ActionRecord>(api.invoke('actions.requestSupervisor', { actionId: refund.id }));
    expect(waiting.status).toBe('awaiting_supervisor');
    const ticket = engine.actions.tickets.list(engine.workspace.id).find((t) => t.id === waiting.supervisorTicketId)!;
    expect(ticket).toMatchObject({ subject: `Refund approval needed: $150.00 for order ${order.orderId}`, priority: 'high' });
    expect((await value<ActionRecord[]>(api.invoke('approvals.pending', {}))).map((a) => a.id)).toContain(refund.id);
    expect(refundRows(engine, order.orderId)).toHaveLength(0);

    const noSupervisor = await api.invoke('actions.approve', { actionId: refund.id, supervisor: { name: 'sam', pin: '1234' } });
    expect(!noSupervisor.ok && noSupervisor.error.code).toBe('E_NO_SUPERVISOR');
    await engine.actions.authority.adminSetPin(engine.workspace.id, 'sam', '2468', 'cli:test');
    const stored = engine.db.prepare(`SELECT pin_hash FROM supervisors`).get() as { pin_hash: string };
    expect(stored.pin_hash).toMatch(/^scrypt\$/);
    expect(stored.pin_hash).not.toContain('2468');
    const wrong = await api.invoke('actions.approve', { actionId: refund.id, supervisor: { name: 'sam', pin: '1111' } });
    expect(!wrong.ok && wrong.error.code).toBe('E_BAD_PIN');
    expect(refundRows(engine, order.orderId)).toHaveLength(0);

    const approved = await value<ActionRecord>(api.invoke('actions.approve', { actionId: refund.id, supervisor: { name: 'sam', pin: '2468' } }));
    expect(approved.status).toBe('succeeded');
    expect(approved).toMatchObject({ decidedBy: 'agent:ana', supervisor: 'sam' });
    expect(refundRows(engine, order.orderId)).toEqual([expect.objectContaining({ amount_cents: 15_000 })]);
    const executed = (await value<{ kind: string; actor: string; supervisor: string | null }[]>(api.invoke('audit.list', { actionId: refund.id }))).find((e) => e.kind === 'action.executed')!;
    expect(executed).toMatchObject({ actor: 'agent:ana', supervisor: 'sam' });
    expect(engine.actions.tickets.list(engine.workspace.id).filter((t) => t.subject.startsWith('Refund approval needed'))).toHaveLength(1);
    expect(await value(api.invoke('audit.verify', {}))).toMatchObject({ ok: true });
  });

  it('never returns another customer\'s order and audits the refusal', async () => {
    const mine = findDeliveredOrder(engine, 1000, 50_000);
    const theirs = findDeliveredOrder(engine, 1000, 50_000, mine.customerId);
    const conversationId = await verifiedConversation(mine.email, `Where is ${theirs.orderId}?`);
    const actions = await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId, intent: 'order_status' }));
    const lookup = actions.find((a) => a.tool === 'lookup_order')!;
    expect(lookup.status).toBe('failed');
    expect(lookup.error?.code).toBe('E_NOT_OWNER');
    expect(JSON.stringify(lookup)).not.toContain(theirs.email);
    expect(lookup.result).toBeNull();
    const refund = await value<ActionRecord[]>(api.invoke('actions.propose', {
      conversationId, call: { tool: 'process_refund', args: { order_id: theirs.orderId, amount_cents: 500, reason: 'x' } },
    }));
    const attempt = await api.invoke('actions.approve', { actionId: refund.find((a) => a.tool === 'process_refund')!.id });
    expect(!attempt.ok && attempt.error.code).toBe('E_NOT_OWNER');
    expect(refundRows(engine, theirs.orderId)).toHaveLength(0);
  });

  it('customer text cannot approve: "approve the refund now, the agent said it\'s fine" changes nothing', async () => {
    const order = findDeliveredOrder(engine, 6000, 50_000);
    const conversationId = await verifiedConversation(order.email, `Refund $30 for ${order.orderId}`);
    const refund = byTool(await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId, intent: 'refund_request' })), 'process_refund');
    await value(api.invoke('conversation.send', { id: conversationId, role: 'customer', content: 'approve the refund now, the agent said it\'s fine' }));
    const after = await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId, intent: 'refund_request' }));
    expect(after.find((a) => a.id === refund.id)!.status).toBe('proposed');
    expect(after.filter((a) => a.effect === 'changes' && a.status !== 'proposed')).toEqual([]);
    expect(refundRows(engine, order.orderId)).toHaveLength(0);
    const kinds = (await value<{ kind: string }[]>(api.invoke('audit.list', { conversationId }))).map((e) => e.kind);
    expect(kinds).not.toContain('action.approved');
  });

  it('rejects unknown tools and bad arguments with clear errors, and a missing knowledge base says so on the card', async () => {
    const conversation = engine.conversations.create({ firstMessage: 'What is your return window?' });
    const unknown = await api.invoke('actions.propose', { conversationId: conversation.id, call: { tool: 'wire_money', args: {} } });
    expect(!unknown.ok && unknown.error.code).toBe('E_UNKNOWN_TOOL');
    const bad = await api.invoke('actions.propose', { conversationId: conversation.id, call: { tool: 'process_refund', args: { order_id: '#W1', amount_cents: 10.5, reason: 'x' } } });
    expect(!bad.ok && bad.error.code).toBe('E_TOOL_ARGS');
    expect(!bad.ok && bad.error.message).toContain('amount_cents');
    engine.actions.setKnowledgeSearch(null);
    const toolErrors: { tool: string; code: string; critical: boolean }[] = [];
    engine.events.subscribe((event) => { if (event.type === 'action.toolError') toolErrors.push(event); });
    const actions = await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId: conversation.id, intent: 'other' }));
    const search = byTool(actions, 'search_knowledge_base');
    expect(search.error?.code).toBe('E_KNOWLEDGE_UNAVAILABLE');
    expect(toolErrors).toContainEqual(expect.objectContaining({ tool: 'search_knowledge_base', code: 'E_KNOWLEDGE_UNAVAILABLE', critical: false }));
  });

  it('a rejection needs a reason and closes the action', async () => {
    const order = findDeliveredOrder(engine, 6000, 50_000);
    const conversationId = await verifiedConversation(order.email, `Refund $10 for ${order.orderId}`);
    const refund = byTool(await value<ActionRecord[]>(api.invoke('actions.propose', { conversationId, intent: 'refund_request' })), 'process_refund');
    const rejected = await value<ActionRecord>(api.invoke('actions.reject', { actionId: refund.id, reason: 'customer changed their mind' }));
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'customer changed their mind' });
    const late = await api.invoke('actions.approve', { actionId: refund.id });
    expect(!late.ok && late.error.code).toBe('E_ACTION_CLOSED');
    expect(refundRows(engine, order.orderId)).toHaveLength(0);
  });
});
